"""Step 6 of the main demo CoP: ties that grow across organisations over the held meetings (from
the network question and a few added by hand), two system-analysis moments with five respondents
each, eight value stories at various cycles, and two closed monitoring cycles with reflections
and follow-up actions. Written through the services, as members would, once per CoP."""

import random
import secrets
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from gilde.communities.models import Community, Role, token_digest
from gilde.monitoring import services
from gilde.monitoring.models import (
    ActorKind,
    CycleStatus,
    MomentKind,
    MonitoringCycle,
    SharingTier,
    TisFunction,
    TisInvitation,
    TisMoment,
    ValueCycle,
)

OUTSIDE = [
    ("Inkoopcollectief Regio Oost", ActorKind.ORGANISATION),
    ("Provincie Gelderwaard", ActorKind.ORGANISATION),
    ("Repair Café Waaldonk", ActorKind.ORGANISATION),
    ("Ellen Vos (wethouder Beekhoven)", ActorKind.PERSON),
]

# Per function: (score at the start, score later) around which the respondents vary.
TIS_LEVELS = {
    TisFunction.ENTREPRENEURIAL: (2, 3),
    TisFunction.KNOWLEDGE_DEVELOPMENT: (3, 3),
    TisFunction.KNOWLEDGE_DIFFUSION: (2, 4),
    TisFunction.GUIDANCE: (2, 2),
    TisFunction.MARKET_FORMATION: (1, 2),
    TisFunction.RESOURCES: (2, 2),
    TisFunction.LEGITIMACY: (3, 3),
}
RATIONALES = {
    TisFunction.ENTREPRENEURIAL: "Een paar kringlopen proberen nieuwe diensten, maar nog klein.",
    TisFunction.KNOWLEDGE_DEVELOPMENT: "Het lectoraat onderzoekt verdienmodellen; dat helpt.",
    TisFunction.KNOWLEDGE_DIFFUSION: "Er wordt meer uitgewisseld tussen gemeenten en bedrijven.",
    TisFunction.GUIDANCE: "Beleid spreekt over circulair en inclusief, maar zonder doelen.",
    TisFunction.MARKET_FORMATION: "Inkopers vragen er nog nauwelijks om.",
    TisFunction.RESOURCES: "Subsidies zijn versnipperd en kort.",
    TisFunction.LEGITIMACY: "Het verhaal spreekt aan, maar de afvalbranche twijfelt.",
}
BARRIERS = [
    (
        TisFunction.MARKET_FORMATION,
        "institutions",
        "Aanbestedingen kijken alleen naar de laagste prijs.",
    ),
    (TisFunction.GUIDANCE, "actors", "Geen trekker bij de provincie voor sociaal-circulair."),
    (TisFunction.RESOURCES, "infrastructure", "Werkbegeleiding wordt per jaar gefinancierd."),
]

STORIES = [
    (
        "Van tip naar contract met de woonstichting",
        SharingTier.GROUP,
        {
            ValueCycle.IMMEDIATE: "In de casusronde vertelde Lotte hoe de woonstichting inkoopt.",
            ValueCycle.POTENTIAL: "Ik kreeg een contactpersoon en een voorbeeld van een raamcontract.",
            ValueCycle.APPLIED: "We hebben een offerte gemaakt met begeleiding in de prijs.",
            ValueCycle.REALISED: "Drie jaar afname van opgeknapt meubilair; twee werkplekken erbij.",
        },
    ),
    (
        "Een rekenvoorbeeld voor het MT",
        SharingTier.FACILITATORS,
        {
            ValueCycle.IMMEDIATE: "De werkvorm met drie adviseurs over mijn verdienmodel.",
            ValueCycle.POTENTIAL: "Een rekenmodel dat ik kan laten zien.",
            ValueCycle.APPLIED: "Het MT heeft het model besproken en wil een pilot.",
        },
    ),
    (
        "Anders kijken naar 'op eigen benen'",
        SharingTier.GROUP,
        {
            ValueCycle.IMMEDIATE: "Het gesprek over wat zelfstandig ondernemen betekent.",
            ValueCycle.POTENTIAL: "Een ander beeld van succes voor sociale ondernemingen.",
            ValueCycle.REFRAMING: "We meten succes nu ook aan doorstroom naar werk, niet alleen omzet.",
        },
    ),
    (
        "Contact met de afvalinzamelaar",
        SharingTier.GROUP,
        {
            ValueCycle.IMMEDIATE: "Kennismaking in de pauze van bijeenkomst 2.",
            ValueCycle.POTENTIAL: "Een afspraak om samen naar grondstoffen te kijken.",
        },
    ),
    (
        "Social return in de inkoop",
        SharingTier.FACILITATORS,
        {
            ValueCycle.IMMEDIATE: "De ronde over inkoop en social return.",
            ValueCycle.POTENTIAL: "Voorbeeldclausules uit twee gemeenten.",
            ValueCycle.APPLIED: "Onze inkoper gebruikt de clausule in een nieuwe uitvraag.",
            ValueCycle.ENABLING: "De facilitator zette de voorbeelden op één A4.",
        },
    ),
    (
        "Werkbegeleiders als ambassadeurs",
        SharingTier.GROUP,
        {
            ValueCycle.IMMEDIATE: "Een werkbegeleider vertelde over haar klantgesprekken.",
            ValueCycle.POTENTIAL: "Het idee om werkbegeleiders mee te nemen naar opdrachtgevers.",
        },
    ),
    (
        "Mijn casus werd scherper",
        SharingTier.PRIVATE,
        {
            ValueCycle.IMMEDIATE: "De vragen van de anderen over mijn casus.",
            ValueCycle.POTENTIAL: "Een scherpere vraag voor mijn eigen team.",
        },
    ),
    (
        "Textiel en zorg samen",
        SharingTier.GROUP,
        {
            ValueCycle.IMMEDIATE: "Een gesprek tussen Vezelkracht en Zorggroep De Linde.",
            ValueCycle.POTENTIAL: "Een plan voor bedrijfskleding uit gerecyclede vezels.",
            ValueCycle.APPLIED: "Een eerste proefpartij is besteld.",
            ValueCycle.STRATEGIC: "De bestuurder van de zorggroep wil er in het jaarplan op terugkomen.",
        },
    ),
]


def _aware(day, hour=12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@transaction.atomic
def load_monitoring(*, community: Community, users: dict, now: datetime) -> None:
    """Once per CoP: a CoP with ties or monitoring cycles already is left as it is."""
    if community.ties.exists() or community.monitoring_cycles.exists():
        return
    members = list(
        community.memberships.select_related("user__organisation").order_by("user__name")
    )
    participants = [m for m in members if m.role == Role.PARTICIPANT]
    facilitators = [m for m in members if m.role == Role.FACILITATOR]
    held = list(community.meetings.filter(status="held").order_by("starts_at"))
    if not participants or not held:
        return
    facilitator_user = facilitators[0].user if facilitators else members[0].user
    rng = random.Random(15)
    kinds = {kind.key: kind for kind in services.tie_kinds_ensure(community=community)}
    actors = [
        services.outside_actor_get_or_add(
            community=community, actor=facilitator_user, name=name, kind=kind
        )[0]
        for name, kind in OUTSIDE
    ]

    def org(membership):
        return getattr(membership.user.organisation, "pk", None)

    # The network question after each held meeting: more answers, and more ties across
    # organisations, as the CoP goes on.
    for number, meeting in enumerate(held):
        answering = participants[: max(5, int(len(participants) * (0.55 + 0.15 * number)))]
        for membership in answering:
            others = [m for m in participants + facilitators if m.pk != membership.pk]
            across = [m for m in others if org(m) != org(membership)]
            # Early on people mostly name colleagues they knew; later, more across organisations.
            pool = across if rng.random() < 0.5 + 0.2 * number else others
            picks = rng.sample(pool, k=min(len(pool), rng.randint(0, 1 + number)))
            chosen_actors = [actors[rng.randrange(len(actors))]] if rng.random() < 0.2 else []
            kind = kinds["exchanged"] if rng.random() < 0.7 else kinds["worked"]
            services.network_answer_save(
                membership=membership,
                meeting_id=meeting.pk,
                meeting_day=timezone.localtime(meeting.starts_at).date(),
                kind=kind,
                members=picks,
                actors=chosen_actors,
                new_actor_names=[],
                new_actor_kind=ActorKind.ORGANISATION,
            )
    # A joint project that started between meetings, and one that has ended.
    first_day = timezone.localtime(held[0].starts_at).date()
    services.tie_add(
        community=community,
        actor=facilitator_user,
        member=participants[0],
        other_member=participants[5 % len(participants)],
        kind=kinds["joint_project"],
        started_on=first_day + timedelta(days=20),
        note="Samen een aanvraag voor de regiodeal.",
    )
    services.tie_add(
        community=community,
        actor=facilitator_user,
        member=participants[2 % len(participants)],
        outside=actors[0],
        kind=kinds["worked"],
        started_on=first_day + timedelta(days=3),
        ended_on=first_day + timedelta(days=40),
    )

    _load_tis(community, facilitators, participants, now)
    for index, (title, tier, parts) in enumerate(STORIES):
        services.value_story_save(
            community=community,
            author=participants[(3 * index) % len(participants)],
            title=title,
            told_on=timezone.localtime(held[min(index // 3, len(held) - 1)].starts_at).date(),
            tier=tier,
            parts={
                cycle: (text, "", "social" if cycle == ValueCycle.POTENTIAL else "")
                for cycle, text in parts.items()
            },
        )
    _load_cycles(
        community, facilitators[0] if facilitators else members[0], participants, held, now
    )


def _load_tis(community, facilitators, participants, now) -> None:
    start = community.start_date
    moments = [
        ("Nulmeting", MomentKind.START, start + timedelta(days=7), 0),
        ("Na drie bijeenkomsten", MomentKind.OTHER, start + timedelta(days=84), 1),
    ]
    for title, kind, held_on, level in moments:
        closes = _aware(held_on + timedelta(days=14), 0)
        if closes > now:
            closes = now - timedelta(hours=1)
        moment = TisMoment.objects.create(
            community=community,
            title=title,
            kind=kind,
            held_on=held_on,
            closes_at=closes,
            created_by=facilitators[0].user if facilitators else None,
        )
        answer_time = min(_aware(held_on, 15), closes - timedelta(minutes=30))
        respondents = facilitators[:2] + participants[level * 3 : level * 3 + 2]
        for number, membership in enumerate(respondents):
            services.tis_response_save(
                moment=moment,
                membership=membership,
                scores=_scores(level, number),
                barriers=[BARRIERS[(number + level) % len(BARRIERS)]] if number < 2 else [],
                now=answer_time,
            )
        invitation = TisInvitation.objects.create(
            moment=moment,
            name="Dr. Femke Aalders",
            email=f"expert-{moment.pk}@example.org",
            token_digest=token_digest(secrets.token_urlsafe(32)),
            expires_at=closes,
            invited_by=facilitators[0].user if facilitators else None,
        )
        services.tis_response_save(
            moment=moment,
            invitation=invitation,
            scores=_scores(level, 4),
            barriers=[],
            now=answer_time,
        )


def _scores(level: int, number: int) -> dict:
    return {
        function: (
            max(
                1,
                min(
                    5,
                    levels[level]
                    + (0, 1, -1, 0, 1)[number % 5] * (function != TisFunction.GUIDANCE),
                ),
            ),
            RATIONALES[function] if number % 2 == 0 else "",
        )
        for function, levels in TIS_LEVELS.items()
    }


REFLECTIONS = [
    (
        "De groep is snel op gang gekomen: iedereen deed mee aan de casusrondes en er zijn al "
        "contacten tussen organisaties die elkaar niet kenden.",
        "Te veel plenair; de facilitatoren leiden nog bijna alles. De afvalbranche zit er nauwelijks bij.",
        [
            ("Deelnemers leiden om beurten de casusronde", True),
            ("Afvalbeheer Regio Oost uitnodigen", True),
        ],
    ),
    (
        "Meer samenwerking over organisaties heen; de eerste verhalen gaan over toepassen in de praktijk.",
        "De markt blijft het zwakste punt: inkopers zijn nog niet in beeld.",
        [
            ("Een inkoper van buiten uitnodigen voor bijeenkomst 5", False),
            ("Rekenvoorbeeld delen met alle deelnemers", False),
        ],
    ),
]


def _load_cycles(community, runner, participants, held, now) -> None:
    periods = [
        (community.start_date, timezone.localtime(held[min(1, len(held) - 1)].starts_at).date()),
    ]
    if len(held) > 2:
        periods.append(
            (periods[0][1] + timedelta(days=1), timezone.localtime(held[2].starts_at).date())
        )
    for index, (start, end) in enumerate(periods):
        went_well, to_change, actions = REFLECTIONS[index]
        cycle = services.cycle_open(
            community=community, actor=runner.user, starts_on=start, ends_on=end
        )
        services.cycle_reflection_save(
            cycle=cycle, actor=runner.user, went_well=went_well, to_change=to_change
        )
        for number, (text, done) in enumerate(actions):
            action = services.follow_up_add(
                cycle=cycle,
                actor=runner.user,
                text=text,
                owner=participants[number] if number else None,
                due_on=end + timedelta(days=40),
            )
            if done:
                services.follow_up_tick(action=action, actor=runner.user, done=True)
        closed_at = min(now, _aware(end + timedelta(days=2), 17))
        services.cycle_close(cycle=cycle, actor=runner.user, now=closed_at)
        MonitoringCycle.objects.filter(pk=cycle.pk).update(
            opened_at=_aware(end, 18), status=CycleStatus.CLOSED
        )
