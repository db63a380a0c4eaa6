"""Step 8 on the CoP's home: the lines of the communication plan that are due, for whoever does
them (and for those who keep the plan). Cached per CoP revision, so the home's query budget pays
for it once after a change."""

from typing import cast

from django.urls import reverse
from django.utils.translation import gettext as _

from gilde.communities.access import Action
from gilde.communities.now import NowItem, Urgency, now_provider
from gilde.communities.revision import cached_for

from .selectors import plan_items_due


def _due(community) -> list[tuple[int | None, str, str, str, object]]:
    return [
        (item.owner_id, str(item.get_audience_display()), item.channel, item.message, item.moment)
        for item in plan_items_due(community).select_related(None)[:20]
    ]


@now_provider(order=80)
def plan_items_now(request, access) -> list[NowItem]:
    if access.membership is None:
        return []
    community = access.community
    due = cast(list, cached_for(community, "communicate.plan_due", lambda: _due(community)))
    if not access.can(Action.MANAGE_COMMUNICATION):
        due = [row for row in due if row[0] == access.membership.pk]
    url = reverse("communicate:plan", kwargs={"slug": community.slug})
    return [
        NowItem(
            kind="communication",
            title=_("Tell %(audience)s: %(channel)s")
            % {"audience": audience, "channel": channel or "…"},
            url=url,
            when=moment,
            detail=message[:140],
            urgency=Urgency.DUE,
        )
        for _owner, audience, channel, message, moment in due[:3]
    ]
