"""Step 6's part of a CoP export (gilde.communities.portability).

The social map, the system analysis, the value stories and the monitoring cycles go along. An
invitation to an outside expert stays behind (its link works only where it was sent from), so an
expert's answer goes along without it. A story its author kept to themselves goes along only in
an export `--with-private` for an author who consented.
"""

from django.db.models import Q

from gilde.communities.portability import Kind, register_portable_part

from .models import SharingTier


def _kept_private(queryset, ctx):
    allowed = Q(author__in=ctx.consenting) if ctx.with_private else Q(pk__in=[])
    return queryset.filter(~Q(tier=SharingTier.PRIVATE) | allowed)


register_portable_part(
    app="monitoring",
    order=90,
    kinds=[
        Kind("monitoring.MonitoringSettings", community_path="community"),
        Kind("monitoring.TieKind", community_path="community"),
        Kind("monitoring.OutsideActor", community_path="community"),
        Kind("monitoring.Tie", community_path="community"),
        Kind(
            "monitoring.NetworkAnswer",
            community_path="community",
            id_refs={"meeting_id": "meetings.Meeting"},
        ),
        Kind(
            "monitoring.TisMoment",
            community_path="community",
            children=[
                Kind(
                    "monitoring.TisAnswer",
                    parent="moment",
                    exclude=("invitation",),
                    children=[Kind("monitoring.TisScore", parent="answer")],
                ),
                Kind(
                    "monitoring.TisBarrier",
                    parent="moment",
                    key_refs={
                        "intervention_ref": [
                            ("meetings.AgendaItem", "meetings.agenda_item:"),
                        ]
                    },
                ),
            ],
        ),
        Kind(
            "monitoring.ValueStory",
            community_path="community",
            private=_kept_private,
            children=[Kind("monitoring.ValueStoryPart", parent="story")],
        ),
        Kind(
            "monitoring.MonitoringCycle",
            community_path="community",
            children=[Kind("monitoring.FollowUpAction", parent="cycle")],
        ),
    ],
)
