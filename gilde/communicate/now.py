"""Step 8 on the CoP's home: the lines of the communication plan that are due, for whoever does
them (and for those who keep the plan). One query."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gilde.communities.access import Action
from gilde.communities.now import NowItem, Urgency, now_provider

from .selectors import plan_items_due


@now_provider(order=80)
def plan_items_now(request, access) -> list[NowItem]:
    if access.membership is None:
        return []
    due = plan_items_due(access.community)
    if not access.can(Action.MANAGE_COMMUNICATION):
        due = due.filter(owner=access.membership)
    url = reverse("communicate:plan", kwargs={"slug": access.community.slug})
    return [
        NowItem(
            kind="communication",
            title=_("Tell %(audience)s: %(channel)s")
            % {"audience": item.get_audience_display(), "channel": item.channel or "…"},
            url=url,
            when=item.moment,
            detail=item.message[:140],
            urgency=Urgency.DUE,
        )
        for item in due[:3]
    ]
