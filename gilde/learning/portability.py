"""Step 7's part of a CoP export (gilde.communities.portability).

What a member kept to themselves (a record, entry or experiment shared with nobody or only with
their buddy) goes along only in an export `--with-private`, and only for the members who
consented; everything they shared with the facilitators, the group or the public goes along.
"""

from django.db.models import Q

from gilde.communities.portability import Kind, register_portable_part

from .models import Tier

PERSONAL = (Tier.PRIVATE, Tier.BUDDY)


def _kept_private(field: str):
    def rows(queryset, ctx):
        allowed = Q(membership__in=ctx.consenting) if ctx.with_private else Q(pk__in=[])
        return queryset.filter(~Q(**{f"{field}__in": PERSONAL}) | allowed)

    return rows


register_portable_part(
    app="learning",
    order=80,
    kinds=[
        Kind(
            "learning.LearningRecord",
            community_path="community",
            private=_kept_private("goals_tier"),
            children=[Kind("learning.GoalsVersion", parent="record")],
        ),
        Kind(
            "learning.Canvas",
            community_path="community",
            children=[
                Kind("learning.CanvasVersion", parent="canvas"),
                Kind("learning.CanvasStep", parent="canvas"),
            ],
        ),
        Kind("learning.Experiment", community_path="community", private=_kept_private("tier")),
        Kind(
            "learning.Entry",
            community_path="community",
            private=_kept_private("tier"),
            # An attached file stays in this installation's media folder: the document holds
            # text only.
            exclude=("attachment", "attachment_name", "attachment_size"),
            key_refs={"work_form_key": ("guide.CustomWorkForm", "cop-")},
        ),
        Kind(
            "learning.BuddyPeriod",
            community_path="community",
            children=[Kind("learning.BuddyGroup", parent="period")],
        ),
    ],
)
