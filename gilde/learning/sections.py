"""What step 7 adds to pages it does not own: the CoP home (your buddy, your experiments), the
meeting page (what do you take with you? which experiments report back) and the preparation
page (the experiments shared with the group, and the experiment round)."""

from django.utils import timezone

from gilde.communities.access import Action
from gilde.communities.calendar import can_add_to_agenda
from gilde.communities.home import HomeSection, home_section
from gilde.communities.meeting_sections import meeting_section
from gilde.communities.revision import cached_for

from .forms import TakeawayForm
from .models import Entry
from .selectors import (
    PROMPT_WINDOW,
    RECORD_ROLES,
    buddies_of,
    group_experiments_for_meeting,
    shared_experiments_for_meeting,
)


@home_section(order=40)
def learning_home(request, access) -> HomeSection | None:
    if not access.can(Action.KEEP_RECORD):
        return None
    membership = access.membership
    # Cached with the CoP's revision, which every change of a buddy round raises.
    buddies = cached_for(
        access.community, f"learning-buddies:{membership.pk}", lambda: buddies_of(membership)
    )
    return HomeSection("learning/_home.html", {"buddies": buddies})


@meeting_section(page="detail", order=30)
def meeting_learning(request, access, meeting) -> HomeSection | None:
    if not access.can(Action.VIEW_LEARNING):
        return None
    now = timezone.now()
    prompt = None
    if (
        access.can(Action.KEEP_RECORD)
        and access.role in RECORD_ROLES
        and meeting.status != "cancelled"
        and meeting.ends_at <= now
        and now - meeting.ends_at <= PROMPT_WINDOW * 4
    ):
        written = Entry.objects.filter(
            membership=access.membership, meeting_id=meeting.pk, kind="highlight"
        ).first()
        prompt = {"written": written, "form": None if written else TakeawayForm(access=access)}
    experiments = shared_experiments_for_meeting(access, meeting.pk)
    if prompt is None and not experiments:
        return None
    return HomeSection(
        "learning/_meeting.html", {"prompt": prompt, "experiments": experiments, "meeting": meeting}
    )


@meeting_section(page="preparation", order=30)
def preparation_experiments(request, access, meeting) -> HomeSection | None:
    if not access.can(Action.VIEW_LEARNING):
        return None
    return HomeSection(
        "learning/_preparation.html",
        {
            "experiments": group_experiments_for_meeting(access.community, meeting.pk),
            "meeting": meeting,
            "can_add": can_add_to_agenda() and access.can(Action.PLAN_MEETINGS),
        },
    )
