"""Meetings of the main demo CoP: thirteen from the start, the past ones held with agendas,
attendance, notes and evaluations; the next one prepared from the last evaluation; a rotation."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from gilde.communities.models import Community, Role
from gilde.meetings import services as meeting_services
from gilde.meetings.models import (
    AgendaItem,
    Attendance,
    EvaluationQuestion,
    FacilitationMode,
    Meeting,
    MeetingFacilitator,
    MeetingSettings,
    MeetingStatus,
    QuestionKind,
)
from gilde.meetings.rotation import Person, rotation_generate
from gilde.meetings.scheduling import days_to_avoid, plan

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
COUNT = 13
QUESTIONS = [
    ("Hoe waardevol was deze bijeenkomst voor jou?", QuestionKind.SCALE, False),
    ("Wat neem je mee?", QuestionKind.OPEN, False),
    ("Wat heeft de volgende bijeenkomst nodig?", QuestionKind.OPEN, True),
]
AGENDA = [
    ("Check-in: wat speelde er sinds de vorige keer?", "check-in-check-out", 20, "pair", "i"),
    ("Casus in drietallen", "ls-troika-consulting", 35, "trio", "we"),
    ("Wat werkt in inkoop? Ideeën ophalen", "ls-1-2-4-all", 20, "quad", "it"),
    ("Terugblik: wat, en dan, en nu?", "ls-what-so-what-now-what", 25, "small-group", "globe"),
    ("Check-out en afspraken voor de komende zes weken", "check-in-check-out", 15, "plenary", "we"),
]
TAKEAWAYS = [
    "Dat begeleiding in de prijs kan zitten als je het vanaf het begin meeneemt.",
    "Het voorbeeld van de woonstichting: drie jaar afname in één contract.",
    "Ik ga met onze inkoper praten over social return.",
    "Anderen lopen tegen hetzelfde aan; dat lucht op.",
    "De vraag wat 'op eigen benen' eigenlijk betekent.",
    "Een rekenvoorbeeld om mee te nemen naar ons managementoverleg.",
    "Dat een werkbegeleider ook opdrachtgevers kan overtuigen.",
    "Hoe de kringloop haar opbrengst per klant bijhoudt.",
    "Mijn casus werd scherper door de vragen van de anderen.",
    "Dat we de gemeente eerder aan tafel moeten hebben.",
    "Een contactpersoon bij de afvalinzamelaar.",
    "De werkvorm met drie adviseurs wil ik zelf gaan gebruiken.",
]
NEEDS = [
    "Meer tijd voor de casussen, minder plenair.",
    "Een inkoper van buiten uitnodigen om mee te denken.",
    "Een korte ronde over wat we tussendoor hebben geprobeerd.",
    "Concreet rekenen aan een verdienmodel.",
    "Terugkoppeling van wie iets heeft uitgeprobeerd bij de eigen inkoper.",
    "Minder schuiven met de agenda, meer diepgang in één casus.",
    "Iemand van de gemeente erbij als we het over aanbesteden hebben.",
]


def _dates(community: Community) -> list:
    """The series as the schedule generator plans it: no public or Midden school holidays."""
    first = community.start_date
    avoid = days_to_avoid(years=range(first.year, first.year + 3), region="Midden")
    planned = plan(first, community.cadence_weeks, COUNT, None, first.weekday(), avoid)
    return [p.date for p in planned]


def _start_moments(community: Community) -> list[datetime]:
    return [datetime.combine(day, time(13, 30), tzinfo=AMSTERDAM) for day in _dates(community)]


@transaction.atomic
def load_meetings(*, community: Community, users: dict, now: datetime) -> None:
    """Once per CoP: a CoP that has meetings already is left as it is."""
    if community.meetings.exists():
        return
    members = list(community.memberships.select_related("user").order_by("user__name"))
    facilitators = [m for m in members if m.role == Role.FACILITATOR]
    participants = [m for m in members if m.role == Role.PARTICIPANT]
    settings, _created = MeetingSettings.objects.get_or_create(community=community)
    settings.facilitation_mode = FacilitationMode.ROTATION_CORE
    settings.school_region = "Midden"
    settings.save()
    core = facilitators + participants[:4]
    settings.core_group.set(core)
    questions = [
        EvaluationQuestion.objects.create(
            community=community, position=n, text=text, kind=kind, feeds_next_meeting=feeds
        )
        for n, (text, kind, feeds) in enumerate(QUESTIONS)
    ]
    previous_needs: list[int] = []
    moments = _start_moments(community)
    # The rotation as the facilitation page generates it: each keeps their own focus.
    by_key = {membership.pk: membership for membership in core}
    rotation = rotation_generate([Person(m.pk, m.focus) for m in core], len(moments), seed=0)
    next_index = next((n for n, moment in enumerate(moments) if moment > now), COUNT)
    # Each CoP's meetings score a little differently (a programme's CoPs are not all alike).
    mood = sum(map(ord, community.slug)) % 4
    for index, starts in enumerate(moments):
        held = starts + timedelta(hours=4) < now
        meeting = Meeting.objects.create(
            community=community,
            title=f"Bijeenkomst {index + 1}",
            starts_at=starts,
            duration_minutes=180,
            place="Kringloopcentrum De Tweede Ronde, Waaldonk",
            status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
            notes=(
                "We spraken over verdienmodellen en inkoop. Drie deelnemers proberen voor de "
                "volgende keer een gesprek met hun inkoper."
                if held
                else ""
            ),
            facilitator_notes="Let op: de groep wil meer tijd voor casussen." if held else "",
        )
        pair = [by_key[turn.key] for turn in rotation[index]]
        for turn in rotation[index]:
            MeetingFacilitator.objects.create(
                meeting=meeting, membership=by_key[turn.key], focus=turn.focus
            )
        if held or index == next_index:
            for position, (title, key, minutes, stage, focus) in enumerate(AGENDA):
                AgendaItem.objects.create(
                    meeting=meeting,
                    position=position,
                    title=title,
                    work_form_key=key,
                    duration_minutes=minutes,
                    configuration=stage,
                    tgi_focus=focus,
                    led_by=participants[(index + position) % len(participants)]
                    if position in (1, 2)
                    else pair[position % 2],
                )
        if index == next_index:
            first_item = meeting.agenda_items.order_by("position")[1]
            for answer_id in previous_needs[:2]:
                meeting_services.evaluation_need_handle(
                    answer_id=answer_id, handled=True, agenda_item=first_item
                )
        if not held:
            continue
        attending = participants[: 14 + index % 4] + facilitators
        for membership in members:
            if membership.role == Role.OBSERVER:
                continue
            Attendance.objects.create(
                meeting=meeting,
                membership=membership,
                response="yes" if membership in attending else "no",
                present=membership in attending,
            )
        # Evaluated the way members do it: through the service, in the week after the meeting,
        # so the rows get random ids and nothing pairs a submission with its response.
        previous_needs = []
        for number, membership in enumerate(attending[:12]):
            answers = [
                (questions[0], 3 + (number + index) % 3 - (number < (mood + index) % 4), ""),
                (questions[1], None, TAKEAWAYS[(number + 5 * index) % len(TAKEAWAYS)]),
            ]
            if number % 3 != 2:
                answers.append((questions[2], None, NEEDS[(number + index) % len(NEEDS)]))
            response = meeting_services.evaluation_submit(
                meeting=meeting,
                membership=membership,
                answers=answers,
                now=min(now, meeting.ends_at + timedelta(hours=1 + 5 * number)),
            )
            previous_needs += response.answers.filter(question=questions[2]).values_list(
                "pk", flat=True
            )
        if meeting.evaluation_is_open(now):
            # The facilitators closed it early, so its answers feed the next meeting already.
            meeting_services.evaluation_close(meeting=meeting, actor=pair[0].user, now=now)
