"""What meetings provides to the other apps through the registries in communities: the calendar
as plain data, putting an item on an agenda and planning one meeting (communities.calendar),
everyone's e-mail setting (communities.preferences) and step 5's ownership trend for its workspace
(communities.step_panels).
"""

from datetime import date, datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.calendar import (
    AgendaItemRef,
    MeetingNotCreated,
    MeetingProvider,
    MeetingRef,
    register_meeting_provider,
)
from gilde.communities.preferences import register_mail_preferences
from gilde.communities.step_panels import StepPanel, step_panel

from . import notifications, selectors, services
from .forms.calendar import MAX_MINUTES, MIN_MINUTES, holiday_language
from .models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    NotificationPreference,
    Rsvp,
)
from .ownership import ownership_chart
from .scheduling import days_to_avoid as calendar_days_to_avoid


def _ref(meeting: Meeting, slug: str) -> MeetingRef:
    return MeetingRef(
        id=meeting.pk,
        community_id=meeting.community_id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        duration_minutes=meeting.duration_minutes,
        status=meeting.status,
        url=reverse("meetings:detail", kwargs={"slug": slug, "pk": meeting.pk}),
    )


def _meetings(
    community,
    *,
    ids=None,
    status=None,
    since: datetime | None = None,
    until: datetime | None = None,
    newest_first: bool = False,
    limit: int | None = None,
) -> list[MeetingRef]:
    queryset = community.meetings.only(
        "pk", "title", "starts_at", "duration_minutes", "status", "community_id"
    )
    if ids is not None:
        queryset = queryset.filter(pk__in=[pk for pk in ids if pk is not None])
    if status is not None:
        queryset = queryset.filter(status=status)
    if since is not None:
        queryset = queryset.filter(starts_at__gte=since)
    if until is not None:
        queryset = queryset.filter(starts_at__lt=until)
    queryset = queryset.order_by(*(("-starts_at", "-pk") if newest_first else ("starts_at", "pk")))
    if limit is not None:
        queryset = queryset[:limit]
    return [_ref(meeting, community.slug) for meeting in queryset]


def _ended_between(start: datetime, end: datetime) -> list[MeetingRef]:
    candidates = (
        Meeting.objects.filter(
            starts_at__gte=start - notifications.MAX_MEETING_LENGTH, starts_at__lt=end
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("community")
    )
    return [_ref(m, m.community.slug) for m in candidates if start <= m.ends_at < end]


def _absent_membership_ids(meeting_id: int) -> set[int]:
    rows = Attendance.objects.filter(meeting_id=meeting_id).filter(
        Q(present=False) | Q(response=Rsvp.NO, present__isnull=True)
    )
    return set(rows.values_list("membership_id", flat=True))


def _add_agenda_item(
    *, community, meeting_id: int, title: str, duration_minutes: int, notes: str, actor
) -> bool:
    meeting = community.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        return False
    services.agenda_item_add(
        meeting=meeting,
        actor=actor,
        title=title[:200],
        duration_minutes=duration_minutes,
        notes=notes[:3000],
    )
    return True


def _agenda_items(community, meeting_ids) -> list[AgendaItemRef]:
    items = (
        AgendaItem.objects.filter(meeting__community=community, meeting_id__in=meeting_ids)
        .order_by("meeting__starts_at", "position", "pk")
        .values_list("pk", "meeting_id", "title")
    )
    return [AgendaItemRef(pk, meeting_id, title) for pk, meeting_id, title in items]


def _days_to_avoid(community, day: date) -> list[str]:
    avoid = calendar_days_to_avoid(
        years=[day.year],
        region=selectors.school_region_of(community),
        language=holiday_language(),
    )
    name = avoid.get(day)
    return [name] if name else []


def _create(*, community, actor, title: str, starts_at, duration_minutes: int) -> MeetingRef:
    if starts_at <= timezone.now():
        raise MeetingNotCreated(_("This moment has passed; choose a moment in the future."))
    if not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        raise MeetingNotCreated(
            _("A meeting lasts from %(min)s to %(max)s minutes.")
            % {"min": MIN_MINUTES, "max": MAX_MINUTES}
        )
    meeting = services.meeting_add(
        community=community,
        title=title,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        actor=actor,
    )
    return _ref(meeting, community.slug)


def _held_ids(community):
    return (
        community.meetings.filter(status=MeetingStatus.HELD)
        .order_by("-starts_at", "-pk")
        .values("pk")
    )


def _mail_preferences(users: list) -> dict[int, str]:
    return dict(
        NotificationPreference.objects.filter(user__in=[user.pk for user in users]).values_list(
            "user_id", "mode"
        )
    )


@step_panel(step=5, order=10)
def ownership_panel(request, access, facts: dict) -> StepPanel:
    """The ownership trend, as the facilitation page shows it, on step 5's workspace."""
    if "ownership" not in facts:  # the step-5 signal fetched it already
        facts["ownership"] = selectors.ownership_per_meeting(community=access.community)
    held = facts["ownership"]
    rows = selectors.ownership_rows(held)
    return StepPanel(
        "meetings/_panel_ownership.html",
        {
            "ownership": held,
            "ownership_rows": rows,
            "ownership_share": selectors.ownership_share(held),
            "ownership_target": selectors.OWNERSHIP_TARGET,
            "chart": ownership_chart(rows),
        },
    )


def register() -> None:
    """Called once from the app's ready()."""
    register_meeting_provider(
        MeetingProvider(
            meetings=_meetings,
            ended_between=_ended_between,
            absent_membership_ids=_absent_membership_ids,
            agenda_items=_agenda_items,
            add_agenda_item=_add_agenda_item,
            days_to_avoid=_days_to_avoid,
            create=_create,
            held_ids=_held_ids,
        )
    )
    register_mail_preferences(_mail_preferences)
