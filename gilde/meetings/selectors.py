"""Reads for meetings. Each section belongs to one part of the meetings app."""

from django.db.models import QuerySet
from django.utils import timezone

from gilde.communities.models import Community, token_digest

from .models import CalendarToken, Meeting, MeetingSettings, MeetingStatus

# Calendar


def calendar_meetings(*, community: Community, now=None) -> tuple[list[Meeting], list[Meeting]]:
    """The CoP's meetings split in (upcoming, past): upcoming soonest first, past latest first.
    A meeting that is under way counts as upcoming until it ends."""
    now = now or timezone.now()
    upcoming, past = [], []
    for meeting in community.meetings.order_by("starts_at", "pk"):
        (upcoming if meeting.ends_at > now else past).append(meeting)
    past.reverse()
    return upcoming, past


def meetings_replaced_by_schedule(*, community: Community, now=None) -> list[Meeting]:
    """What a new schedule replaces: planned meetings that have not started yet. Held, cancelled
    and past meetings are never touched."""
    now = now or timezone.now()
    return list(
        community.meetings.filter(status=MeetingStatus.PLANNED, starts_at__gt=now).order_by(
            "starts_at", "pk"
        )
    )


def meeting_latest(*, community: Community) -> Meeting | None:
    """The CoP's last meeting in time, whose weekday, time and place make good defaults."""
    return community.meetings.order_by("-starts_at", "-pk").first()


def school_region_of(community: Community) -> str:
    settings = MeetingSettings.objects.filter(community=community).only("school_region").first()
    return settings.school_region if settings else ""


def feed_meetings(*, community: Community) -> QuerySet[Meeting]:
    """Every meeting of the CoP for its calendar feed, cancelled ones included."""
    return community.meetings.order_by("starts_at", "pk")


def calendar_token_user(*, community: Community, token: str):
    """The member whose working calendar token this is, or None: a revoked token, or one of
    somebody who is no longer a member of `community`, opens nothing."""
    if not token:
        return None
    found = (
        CalendarToken.objects.filter(digest=token_digest(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    if not community.memberships.filter(user=found.user).exists():
        return None
    return found.user


def calendar_token_active(*, user) -> bool:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).exists()


# Agenda and facilitation
# (imports sit here so each section of this file can be read and changed on its own)

from dataclasses import dataclass as _dataclass  # noqa: E402

from django.db.models import Count as _Count  # noqa: E402
from django.db.models import OuterRef as _OuterRef  # noqa: E402
from django.db.models import Prefetch as _Prefetch  # noqa: E402
from django.db.models import Q as _Q  # noqa: E402
from django.db.models import Subquery as _Subquery  # noqa: E402
from django.utils import timezone as _timezone  # noqa: E402
from django.utils.translation import gettext as _gettext  # noqa: E402

from gilde.communities.models import Role as _Role  # noqa: E402
from gilde.guide.selectors import guide_for_request as _guide_for_request  # noqa: E402
from gilde.guide.selectors import work_forms_for as _work_forms_for  # noqa: E402

from . import agenda_checks as _checks  # noqa: E402
from .models import EvaluationAnswer as _EvaluationAnswer  # noqa: E402
from .models import FacilitationMode as _FacilitationMode  # noqa: E402
from .models import MeetingFacilitator as _MeetingFacilitator  # noqa: E402
from .models import MeetingSettings as _MeetingSettings  # noqa: E402
from .models import MeetingStatus as _MeetingStatus  # noqa: E402
from .models import TgiFocus as _TgiFocus  # noqa: E402

OWNERSHIP_TARGET = 25  # per cent of agenda items led by participants


@_dataclass(frozen=True)
class AgendaSignal:
    key: str
    level: str  # "ok", "warning" or "info"
    text: str


@_dataclass(frozen=True)
class Agenda:
    """A meeting's agenda as the pages show it: items with their work forms, and its signals."""

    meeting: object
    rows: list  # (item, work form or None)
    total_minutes: int
    signals: list


def agenda_items_for(*, meeting) -> list:
    """The meeting's items in order, with who leads them (one query)."""
    return list(meeting.agenda_items.select_related("led_by__user"))


def _item_facts(item, work_form) -> _checks.ItemFacts:
    return _checks.ItemFacts(
        title=item.title,
        duration=item.duration_minutes,
        configuration=item.configuration,
        tgi_focus=item.tgi_focus,
        form_stages=tuple(work_form.stages) if work_form else (),
        form_tgi=tuple(work_form.tgi) if work_form else (),
        form_purposes=tuple(work_form.purposes) if work_form else (),
    )


def _signal_text(check: _checks.Check) -> str:
    data = check.data
    if check.key == "duration":
        if check.level == _checks.INFO:
            return _gettext("The agenda is empty. The meeting lasts %(length)s minutes.") % data
        if check.level == _checks.WARNING:
            return (
                _gettext(
                    "The agenda takes %(total)s minutes, but the meeting lasts %(length)s: "
                    "%(difference)s minutes too many. Shorten or drop an item, or make the meeting "
                    "longer."
                )
                % data
            )
        return (
            _gettext(
                "%(total)s of %(length)s minutes planned; %(difference)s minutes left for breaks "
                "and slack."
            )
            % data
        )
    if check.key == "configuration":
        if check.level == _checks.INFO:
            return _gettext("Choose group configurations to see the mix.")
        if check.level == _checks.WARNING:
            return _gettext(
                "Everything is plenary. Work in pairs or small groups lets everybody speak."
            )
        return _gettext("The agenda mixes plenary work with smaller groups.")
    if check.key == "tgi":
        labels = dict(_TgiFocus.choices)
        counts = ", ".join(f"{labels[focus]}: {count}" for focus, count in data["counts"].items())
        if check.level == _checks.INFO:
            return _gettext("Choose a TGI focus per item to see the balance.")
        if check.level == _checks.WARNING:
            missing = ", ".join(str(labels[focus]) for focus in data["missing"])
            return _gettext(
                "TGI balance (%(counts)s). No item gives attention to: %(missing)s."
            ) % {"counts": counts, "missing": missing}
        return _gettext("TGI balance (%(counts)s): every factor gets attention.") % {
            "counts": counts
        }
    if check.level == _checks.INFO:
        return _gettext("Start with an item that connects people, such as a check-in.")
    if check.level == _checks.WARNING:
        return _gettext(
            "Connection before content: the first item is not a connecting one. Consider a "
            "check-in, or a round in pairs or threes."
        )
    return _gettext("The meeting starts by connecting people.")


def agenda_for(*, meeting, items: list | None = None, work_forms=None) -> Agenda:
    """The agenda with its signals: the items (one query, unless given) and the CoP's own work
    forms (one query, unless given)."""
    items = agenda_items_for(meeting=meeting) if items is None else items
    if work_forms is None:
        # The built-in library costs no query; the CoP's own forms only when an item uses one.
        work_forms = _guide_for_request().work_forms
        keys = {item.work_form_key for item in items if item.work_form_key}
        if not keys <= {form.key for form in work_forms}:
            work_forms = _work_forms_for(meeting.community)
    by_key = {form.key: form for form in work_forms}
    rows = [(item, by_key.get(item.work_form_key)) for item in items]
    checks = _checks.agenda_checks(
        [_item_facts(item, form) for item, form in rows], meeting.duration_minutes
    )
    return Agenda(
        meeting=meeting,
        rows=rows,
        total_minutes=sum(item.duration_minutes for item in items),
        signals=[AgendaSignal(c.key, c.level, _signal_text(c)) for c in checks],
    )


def facilitation_settings_for(*, community):
    """The CoP's meeting settings, unsaved defaults when it has none yet."""
    return _MeetingSettings.objects.filter(community=community).first() or _MeetingSettings(
        community=community
    )


def future_meetings_with_facilitators(*, community) -> list:
    """Planned meetings still to come, each with its facilitators (two queries)."""
    return list(
        community.meetings.filter(status=_MeetingStatus.PLANNED, starts_at__gt=_timezone.now())
        .order_by("starts_at")
        .prefetch_related(
            _Prefetch(
                "facilitators",
                queryset=_MeetingFacilitator.objects.select_related("membership__user").order_by(
                    "focus", "id"
                ),
            )
        )
    )


def facilitation_counts(meetings: list) -> list[tuple]:
    """(membership, number of turns) over the given meetings, most turns first."""
    counts: dict = {}
    for meeting in meetings:
        for facilitator in meeting.facilitators.all():
            membership, number = counts.get(facilitator.membership_id, (facilitator.membership, 0))
            counts[facilitator.membership_id] = (membership, number + 1)
    return sorted(counts.values(), key=lambda pair: (-pair[1], str(pair[0].user)))


def facilitation_facts(*, community, facts: dict) -> dict:
    """What the step-4 signal and workspace share, cached in `facts`: the mode, how many
    facilitators have a content and a process focus (one query together), and for a rotation
    the coming meetings and how many of them have two facilitators (two more)."""
    if "facilitation" not in facts:
        row = (
            type(community)
            .objects.filter(pk=community.pk)
            .annotate(
                mode=_Subquery(
                    _MeetingSettings.objects.filter(community=_OuterRef("pk")).values(
                        "facilitation_mode"
                    )[:1]
                ),
                content=_Count(
                    "memberships",
                    filter=_Q(memberships__role=_Role.FACILITATOR, memberships__focus="content"),
                ),
                process=_Count(
                    "memberships",
                    filter=_Q(memberships__role=_Role.FACILITATOR, memberships__focus="process"),
                ),
            )
            .values("mode", "content", "process")
            .get()
        )
        mode = row["mode"] or _FacilitationMode.PAIR
        is_rotation = mode != _FacilitationMode.PAIR
        meetings = future_meetings_with_facilitators(community=community) if is_rotation else None
        facts["facilitation"] = {
            "mode": mode,
            "is_rotation": is_rotation,
            "focus": {"content": row["content"], "process": row["process"]},
            "meetings": meetings,
            "staffed": sum(1 for m in meetings or [] if len(m.facilitators.all()) >= 2),
        }
    return facts["facilitation"]


def ownership_per_meeting(*, community) -> list:
    """Held meetings with an agenda, oldest first, annotated with `item_count` and
    `participant_led` (one query)."""
    return list(
        community.meetings.filter(status=_MeetingStatus.HELD)
        .annotate(
            item_count=_Count("agenda_items"),
            participant_led=_Count(
                "agenda_items", filter=_Q(agenda_items__led_by__role=_Role.PARTICIPANT)
            ),
        )
        .filter(item_count__gt=0)
        .order_by("starts_at")
    )


def ownership_share(meetings: list) -> int | None:
    """Percentage of agenda items led by participants across the given meetings, or None."""
    total = sum(m.item_count for m in meetings)
    if not total:
        return None
    return round(100 * sum(m.participant_led for m in meetings) / total)


def ownership_chart(meetings: list, *, width: int = 480, height: int = 160) -> dict:
    """Coordinates for an SVG bar chart of the participant-led share per meeting."""
    pad, bottom = 28, 20
    usable_w, usable_h = width - pad - 8, height - bottom - 8
    step = usable_w / max(len(meetings), 1)
    bars = []
    for index, meeting in enumerate(meetings):
        share = round(100 * meeting.participant_led / meeting.item_count)
        bar_h = usable_h * share / 100
        bars.append(
            {
                "meeting": meeting,
                "share": share,
                "x": round(pad + index * step + step * 0.15, 1),
                "y": round(8 + usable_h - bar_h, 1),
                "width": round(step * 0.7, 1),
                "height": round(bar_h, 1),
                "label_x": round(pad + index * step + step / 2, 1),
            }
        )
    target_y = round(8 + usable_h * (100 - OWNERSHIP_TARGET) / 100, 1)
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "target_y": target_y,
        "axis_y": 8 + usable_h,
        "left": pad,
        "right": width - 8,
    }


def previous_held_meeting(*, meeting):
    """The CoP's last held meeting before this one, or None."""
    return (
        meeting.community.meetings.filter(
            status=_MeetingStatus.HELD, starts_at__lt=meeting.starts_at
        )
        .order_by("-starts_at")
        .first()
    )


def needs_for_next_meeting(*, meeting) -> list:
    """The open answers to questions that feed the next meeting, without any link to who wrote
    them; ordered by question and text, not by when they came in."""
    return list(
        _EvaluationAnswer.objects.filter(
            response__meeting=meeting, question__feeds_next_meeting=True
        )
        .exclude(text="")
        .select_related("question", "agenda_item")
        .only(
            "id",
            "text",
            "handled",
            "agenda_item__id",
            "agenda_item__title",
            "question__id",
            "question__text",
            "question__position",
        )
        .order_by("question__position", "question_id", "text", "id")
    )


def facilitation_plan_preview(*, community, mode: str, core_group, seed: int) -> list:
    """The rotation the generator proposes for the future planned meetings: (meeting, [(member,
    focus)]) pairs. Nothing is saved."""
    from .rotation import Person, rotation_generate

    if mode == _FacilitationMode.ROTATION_CORE:
        people = list(core_group)
    else:
        people = list(
            community.memberships.filter(
                role__in=(_Role.INITIATOR, _Role.FACILITATOR, _Role.PARTICIPANT)
            ).select_related("user")
        )
    meetings = list(
        community.meetings.filter(
            status=_MeetingStatus.PLANNED, starts_at__gt=_timezone.now()
        ).order_by("starts_at")
    )
    by_key = {membership.pk: membership for membership in people}
    turns = rotation_generate([Person(m.pk, m.focus) for m in people], len(meetings), seed=seed)
    return [
        (meeting, [(by_key[turn.key], turn.focus) for turn in pair])
        for meeting, pair in zip(meetings, turns, strict=True)
    ]
