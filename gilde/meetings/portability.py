"""Meetings' part of a CoP export (gilde.communities.portability).

The evaluation goes along as it is stored, so the results stay the same in the new installation:
who answered (`EvaluationSubmission`, for the threshold and against a second answer) apart from
the answers (`EvaluationResponse` with its answers, linked to a member only in a named
evaluation). The engine writes rows in the order of their content, without ids or dates of
arrival, so the export pairs nobody with an anonymous answer. A calendar UID is made anew: the
meeting is a new event in the new installation.
"""

from gilde.communities.portability import Kind, register_portable_part

register_portable_part(
    app="meetings",
    order=60,
    kinds=[
        Kind("meetings.MeetingSettings", community_path="community"),
        Kind("meetings.EvaluationQuestion", community_path="community"),
        # A template's items name a CoP's own work form by "cop-<id>" inside its JSON; such an
        # item falls back to no work form in another installation.
        Kind("meetings.AgendaTemplate", community_path="community"),
        Kind(
            "meetings.Meeting",
            community_path="community",
            regenerate=("uid",),
            children=[
                Kind(
                    "meetings.AgendaItem",
                    parent="meeting",
                    key_refs={"work_form_key": ("guide.CustomWorkForm", "cop-")},
                ),
                Kind("meetings.MeetingFacilitator", parent="meeting"),
                Kind("meetings.Attendance", parent="meeting"),
                Kind(
                    "meetings.EvaluationResponse",
                    parent="meeting",
                    exclude=("created_on",),
                    children=[Kind("meetings.EvaluationAnswer", parent="response")],
                ),
                Kind("meetings.EvaluationSubmission", parent="meeting"),
            ],
        ),
    ],
)
