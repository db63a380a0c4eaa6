"""Step 8's part of a person's data (gilde.core.personal_data): the results they are named in
or added, and the lines of the communication plan they do. The results and the plan are the
group's: on erasure the person's name is taken off them, and they stay."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gilde.core.personal_data import register_personal_data

from .models import PlanItem, Result


def _export(user) -> dict:
    results = (
        Result.objects.filter(Q(people__user=user) | Q(added_by=user))
        .distinct()
        .select_related("community")
        .order_by("pk")
    )
    items = PlanItem.objects.filter(owner__user=user).select_related("community").order_by("pk")
    return {
        "results": [
            {
                "cop": r.community.name,
                "title": r.title,
                "achieved_on": r.achieved_on.isoformat(),
                "named_as_involved": r.people.filter(user=user).exists(),
                "added_by_you": r.added_by_id == user.pk,
            }
            for r in results
        ],
        "plan_items": [
            {
                "cop": i.community.name,
                "audience": i.audience,
                "channel": i.channel,
                "moment": i.moment.isoformat() if i.moment else None,
                "status": i.status,
            }
            for i in items
        ],
    }


def _erase(user) -> None:
    for result in Result.objects.filter(people__user=user).distinct():
        result.people.remove(*result.people.filter(user=user))
    Result.objects.filter(added_by=user).update(added_by=None)
    PlanItem.objects.filter(owner__user=user).update(owner=None)


register_personal_data(
    app="communicate",
    title=_("Step 8: results and the communication plan"),
    models=[
        "communicate.Result",
        "communicate.Result_people",
        "communicate.Result_organisations",
        "communicate.PlanItem",
    ],
    export=_export,
    erase=_erase,
)
