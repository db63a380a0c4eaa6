"""Meetings on the CoP's home ("now" panel): the next meeting with the person's RSVP buttons and
its agenda, evaluations waiting for them, and for those who plan meetings the preparation of the
next one."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gilde.communities.access import Action
from gilde.communities.first_steps import FirstStep, first_step
from gilde.communities.now import NowItem, Urgency, now_provider

from .models import Meeting, Rsvp
from .selectors.now import PREPARE_AHEAD, meetings_now_for

PREPARE_URGENT = PREPARE_AHEAD / 2


def _where(meeting) -> str:
    if meeting.place and meeting.online_link:
        return _("%(place)s, or online") % {"place": meeting.place}
    if meeting.online_link:
        return _("Online")
    return meeting.place


@now_provider(order=10)
def meetings_now(request, access) -> list[NowItem]:
    if not access.can(Action.VIEW_MEETINGS):
        return []
    community = access.community
    attends = access.can(Action.ATTEND_MEETINGS) and access.membership is not None
    now = timezone.now()
    state = meetings_now_for(
        community=community, membership=access.membership if attends else None, now=now
    )
    items = []
    meeting = state.next_meeting
    if meeting is not None:
        agenda_count = getattr(meeting, "agenda_count", 0)
        url = reverse("meetings:detail", kwargs={"slug": community.slug, "pk": meeting.pk})
        agenda = (
            ngettext(
                "the agenda has %(count)s item",
                "the agenda has %(count)s items",
                agenda_count,
            )
            % {"count": agenda_count}
            if agenda_count
            else _("no agenda yet")
        )
        detail = " · ".join(part for part in (_where(meeting), agenda) if part)
        unanswered = attends and not state.my_response
        items.append(
            NowItem(
                kind="meeting",
                title=_("Next meeting: %(title)s") % {"title": meeting.title},
                url=url,
                when=meeting.starts_at,
                detail=detail,
                urgency=Urgency.TODO if unanswered else Urgency.COMING,
                action="meetings/_now_rsvp.html" if attends else "",
                action_context={
                    "meeting": meeting,
                    "mine": state.my_response,
                    "choices": Rsvp.choices,
                    "online_link": meeting.online_link,
                    "agenda_url": f"{url}#agenda-title" if agenda_count else "",
                },
            )
        )
        if access.can(Action.PLAN_MEETINGS) and meeting.starts_at - now <= PREPARE_AHEAD:
            urgent = meeting.starts_at - now <= PREPARE_URGENT and not agenda_count
            items.append(
                NowItem(
                    kind="prepare",
                    title=_("Prepare %(title)s") % {"title": meeting.title},
                    url=reverse(
                        "meetings:prepare", kwargs={"slug": community.slug, "pk": meeting.pk}
                    ),
                    when=meeting.starts_at,
                    detail=_("The agenda, the facilitators and what the last evaluation asked."),
                    urgency=Urgency.DUE if urgent else Urgency.TODO,
                )
            )
    for evaluated in state.open_evaluations:
        items.append(
            NowItem(
                kind="evaluation",
                title=_("Fill in the evaluation of %(title)s") % {"title": evaluated.title},
                url=reverse(
                    "meetings:evaluate", kwargs={"slug": community.slug, "pk": evaluated.pk}
                ),
                detail=_("Open until %(date)s; it takes a few minutes.")
                % {
                    "date": formats.date_format(
                        timezone.localtime(evaluated.evaluation_closes_at), "l j F, H:i"
                    )
                },
                urgency=Urgency.DUE,
            )
        )
    return items


@first_step(order=50)
def calendar_planned(community) -> FirstStep:
    return FirstStep(
        title=_("Plan the calendar of meetings"),
        url=reverse("meetings:schedule", kwargs={"slug": community.slug}),
        done=Exists(Meeting.objects.filter(community=OuterRef("pk"))),
        hint=_("About every six weeks for eighteen months, around the holidays."),
    )
