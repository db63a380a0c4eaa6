"""Step 5's part of a CoP export (gilde.communities.portability).

Votes go along as they are stored, so the outcomes stay the same in the new installation: an
anonymous ballot has no member and only its day, and who took part is a separate list, written
(like every row) in the order of its content, so nothing pairs a person with an anonymous vote.
Meetings and agenda items are named by their local numbers in the meetings part. Peer feedback is
for the one who asked and the ones who wrote: it goes along only in an export `--with-private`
and only for those who asked and consented.
"""

from gilde.communities.portability import Kind, register_portable_part

MEETING = "meetings.Meeting"


def _feedback(queryset, ctx):
    if not ctx.with_private:
        return queryset.none()
    return queryset.filter(asker__in=ctx.consenting)


register_portable_part(
    app="decisions",
    order=70,
    kinds=[
        Kind("decisions.DecisionSettings", community_path="community"),
        Kind("decisions.MeetingRole", community_path="community"),
        Kind(
            "decisions.RoleAssignment",
            community_path="community",
            id_refs={"meeting_id": MEETING},
        ),
        Kind(
            "decisions.Poll",
            community_path="community",
            id_refs={
                "meeting_id": MEETING,
                "agenda_item_id": "meetings.AgendaItem",
                "meeting_created_id": MEETING,
            },
            children=[
                Kind("decisions.PollOption", parent="poll"),
                Kind(
                    "decisions.Ballot",
                    parent="poll",
                    children=[Kind("decisions.BallotEntry", parent="ballot")],
                ),
                Kind("decisions.Participation", parent="poll"),
            ],
        ),
        Kind("decisions.Decision", community_path="community", id_refs={"meeting_id": MEETING}),
        Kind("decisions.WorkingAgreements", community_path="community"),
        Kind("decisions.AgreementVersion", community_path="community"),
        Kind(
            "decisions.FeedbackRequest",
            community_path="community",
            private=_feedback,
            children=[Kind("decisions.FeedbackInvite", parent="request")],
        ),
    ],
)
