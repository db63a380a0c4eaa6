"""From a work form's page in the CoP's library: "Add to a meeting's agenda", for those who plan
meetings."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gilde.communities.access import Action
from gilde.guide.work_form_actions import register_work_form_action


@register_work_form_action
def add_to_agenda(access, work_form) -> tuple[str, str] | None:
    if not access.can(Action.PLAN_MEETINGS):
        return None
    url = reverse(
        "meetings:agenda_add_work_form",
        kwargs={"slug": access.community.slug, "key": work_form.key},
    )
    return _("Add to a meeting's agenda"), url
