"""Reads for meetings: agenda and facilitation."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from gilde.communities.models import Role
from gilde.guide import labels as guide_labels
from gilde.guide.selectors import guide_for_request, work_forms_for

from .. import agenda_checks
from ..models import (
    FacilitationMode,
    MeetingFacilitator,
    MeetingSettings,
    MeetingStatus,
)
from .evaluation_gate import evaluation_content, evaluation_needs

OWNERSHIP_TARGET = 25  # per cent of agenda items led by participants
FOCUS_ORDER = {"content": 0, "process": 1}  # facilitators are listed content first


@dataclass(frozen=True)
class AgendaSignal:
    key: str
    level: str  # "ok", "warning" or "info"
    text: str


@dataclass(frozen=True)
class Agenda:
    """A meeting's agenda as the pages show it: items with their work forms, and its signals."""

    meeting: object
    rows: list  # (item, work form or None)
    total_minutes: int
    signals: list


def agenda_items_for(*, meeting) -> list:
    """The meeting's items in order, with who leads them (one query)."""
    return list(meeting.agenda_items.select_related("led_by__user"))


def _item_facts(item, work_form) -> agenda_checks.ItemFacts:
    return agenda_checks.ItemFacts(
        title=item.title,
        duration=item.duration_minutes,
        configuration=item.configuration,
        tgi_focus=item.tgi_focus,
        form_stages=tuple(work_form.stages) if work_form else (),
        form_tgi=tuple(work_form.tgi) if work_form else (),
        form_purposes=tuple(work_form.purposes) if work_form else (),
        form_sides=tuple(work_form.sides) if work_form else (),
    )


def _signal_text(check: agenda_checks.Check) -> str:
    data = check.data
    if check.key == "duration":
        if check.level == agenda_checks.INFO:
            return gettext("The agenda is empty. The meeting lasts %(length)s minutes.") % data
        if check.level == agenda_checks.WARNING:
            return (
                ngettext(
                    "The agenda takes %(total)s minutes, but the meeting lasts %(length)s: "
                    "%(difference)s minute too many. Shorten or drop an item, or make the meeting "
                    "longer.",
                    "The agenda takes %(total)s minutes, but the meeting lasts %(length)s: "
                    "%(difference)s minutes too many. Shorten or drop an item, or make the meeting "
                    "longer.",
                    data["difference"],
                )
                % data
            )
        return (
            ngettext(
                "%(total)s of %(length)s minutes planned; %(difference)s minute left for breaks "
                "and slack.",
                "%(total)s of %(length)s minutes planned; %(difference)s minutes left for breaks "
                "and slack.",
                data["difference"],
            )
            % data
        )
    if check.key == "configuration":
        if check.level == agenda_checks.INFO:
            return gettext("Choose group configurations to see the mix.")
        if check.level == agenda_checks.WARNING:
            return gettext(
                "Everything is plenary. Work in pairs or small groups lets everybody speak."
            )
        return gettext("The agenda mixes plenary work with smaller groups.")
    if check.key == "tgi":
        labels = guide_labels.TGI
        counts = ", ".join(f"{labels[focus]}: {count}" for focus, count in data["counts"].items())
        if check.level == agenda_checks.INFO:
            return gettext("Choose a TGI focus per item to see the balance.")
        if check.level == agenda_checks.WARNING:
            missing = ", ".join(str(labels[focus]) for focus in data["missing"])
            return gettext("TGI balance (%(counts)s). No item gives attention to: %(missing)s.") % {
                "counts": counts,
                "missing": missing,
            }
        return gettext("TGI balance (%(counts)s): every factor gets attention.") % {
            "counts": counts
        }
    if check.key == "sides":
        return _sides_text(check)
    if check.level == agenda_checks.INFO:
        return gettext("Start with an item that connects people, such as a check-in.")
    if check.level == agenda_checks.WARNING:
        return gettext(
            "Connection before content: the first item is not a connecting one. Consider a "
            "check-in, or a round in pairs or threes."
        )
    return gettext("The meeting starts by connecting people.")


def _sides_text(check: agenda_checks.Check) -> str:
    labels = guide_labels.SIDES
    used = ", ".join(str(labels[side]).lower() for side in check.data["used"])
    missing = ", ".join(str(labels[side]).lower() for side in check.data["missing"])
    if check.level == agenda_checks.INFO:
        return gettext(
            "Choose work forms to see which sides the programme addresses: rational, physical, "
            "creative and intuitive."
        )
    if check.level == agenda_checks.WARNING:
        return gettext(
            "The work forms address only these sides: %(used)s. Combine approaches; the "
            "programme leaves out: %(missing)s."
        ) % {"used": used, "missing": missing}
    return gettext("The work forms combine several sides: %(used)s.") % {"used": used}


def agenda_for(*, meeting, items: list | None = None, work_forms=None) -> Agenda:
    """The agenda with its signals: the items (one query, unless given) and the CoP's own work
    forms (one query, unless given)."""
    items = agenda_items_for(meeting=meeting) if items is None else items
    if work_forms is None:
        # The built-in library costs no query; the CoP's own forms only when an item uses one.
        work_forms = guide_for_request().work_forms
        keys = {item.work_form_key for item in items if item.work_form_key}
        if not keys <= {form.key for form in work_forms}:
            work_forms = work_forms_for(meeting.community)
    by_key = {form.key: form for form in work_forms}
    rows = [(item, by_key.get(item.work_form_key)) for item in items]
    # Each item's clock time from the meeting's start, shown on the agenda and the programme.
    clock = meeting.starts_at
    for item in items:
        item.clock_start = clock
        clock = clock + timedelta(minutes=item.duration_minutes)
        item.clock_end = clock
    checks = agenda_checks.agenda_checks(
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
    return MeetingSettings.objects.filter(community=community).first() or MeetingSettings(
        community=community
    )


def future_meetings_with_facilitators(*, community) -> list:
    """Planned meetings still to come, each with its facilitators (two queries)."""
    return list(
        community.meetings.filter(status=MeetingStatus.PLANNED, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .prefetch_related(
            Prefetch(
                "facilitators",
                queryset=MeetingFacilitator.objects.select_related("membership__user").order_by(
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
                mode=Subquery(
                    MeetingSettings.objects.filter(community=OuterRef("pk")).values(
                        "facilitation_mode"
                    )[:1]
                ),
                content=Count(
                    "memberships",
                    filter=Q(memberships__role=Role.FACILITATOR, memberships__focus="content"),
                ),
                process=Count(
                    "memberships",
                    filter=Q(memberships__role=Role.FACILITATOR, memberships__focus="process"),
                ),
            )
            .values("mode", "content", "process")
            .get()
        )
        mode = row["mode"] or FacilitationMode.PAIR
        is_rotation = mode != FacilitationMode.PAIR
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
    `participant_led` (one query): items a participant leads, and items that came from a
    participant's accepted proposal, whoever leads them."""
    led_by_group = Q(agenda_items__led_by__role=Role.PARTICIPANT) | Q(
        agenda_items__proposal__isnull=False
    )
    return list(
        community.meetings.filter(status=MeetingStatus.HELD)
        .annotate(
            item_count=Count("agenda_items", filter=Q(agenda_items__is_break=False)),
            participant_led=Count("agenda_items", filter=led_by_group),
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


def ownership_rows(meetings: list) -> list[dict]:
    """The participant-led share (per cent) of each given meeting, for the chart and its table."""
    return [
        {"meeting": meeting, "share": round(100 * meeting.participant_led / meeting.item_count)}
        for meeting in meetings
    ]


def previous_held_meeting(*, meeting):
    """The CoP's last held meeting before this one, or None."""
    return (
        meeting.community.meetings.filter(
            status=MeetingStatus.HELD, starts_at__lt=meeting.starts_at
        )
        .order_by("-starts_at")
        .first()
    )


def needs_for_next_meeting(*, meeting, access, now=None) -> list:
    """The open answers of `meeting`'s evaluation to questions that feed the next meeting, as
    the gate lets the viewer see them: none before the evaluation closed or with too few
    answers, shuffled, without names."""
    content = evaluation_content(meetings=[meeting], access=access, now=now)[meeting.pk]
    return evaluation_needs(content)


def facilitation_plan_preview(*, community, mode: str, core_group, seed: int) -> list:
    """The rotation the generator proposes for the future planned meetings: (meeting, [unsaved
    MeetingFacilitator]) pairs, shown as every page shows facilitators. Nothing is saved."""
    from ..rotation import Person, rotation_generate

    if mode == FacilitationMode.ROTATION_CORE:
        people = list(core_group)
    else:
        people = list(
            community.memberships.filter(
                role__in=(Role.INITIATOR, Role.FACILITATOR, Role.PARTICIPANT)
            ).select_related("user")
        )
    meetings = list(
        community.meetings.filter(
            status=MeetingStatus.PLANNED, starts_at__gt=timezone.now()
        ).order_by("starts_at")
    )
    by_key = {membership.pk: membership for membership in people}
    turns = rotation_generate([Person(m.pk, m.focus) for m in people], len(meetings), seed=seed)
    return [
        (
            meeting,
            [
                MeetingFacilitator(meeting=meeting, membership=by_key[turn.key], focus=turn.focus)
                for turn in sorted(pair, key=lambda turn: FOCUS_ORDER.get(turn.focus, 2))
            ],
        )
        for meeting, pair in zip(meetings, turns, strict=True)
    ]
