"""Step 7 of the main demo CoP: every participant's learning record (goals, some in two
versions; entries at every tier, mostly private), experiments in every status with report-backs,
two rounds of buddy pairs, and a backcasting canvas with six steps, two of them experiments."""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from gilde.communities.models import Community, Role
from gilde.communities.revision import community_touch
from gilde.learning import services
from gilde.learning.models import Entry, Experiment, ExperimentStatus, Tier
from gilde.meetings.models import MeetingStatus

QUESTIONS = [
    "Hoe krijg ik onze inkopers zover dat ze social return vanaf het begin meenemen?",
    "Wat heeft een werkbegeleider nodig om ook opdrachtgevers te overtuigen?",
    "Hoe reken ik voor ons bestuur uit wat circulair inkopen oplevert?",
    "Hoe houd ik mijn team betrokken als een pilot langer duurt dan gepland?",
    "Waar liggen de grenzen van wat een kringloop zelf kan oppakken?",
]
SHARPER = [
    "Hoe maak ik met onze inkoper één meerjarige afspraak waarin begeleiding in de prijs zit?",
    "Welke drie cijfers overtuigen ons bestuur, en wie levert ze?",
]
GOALS = [
    "Aan het eind van de CoP heb ik één contract waarin werk en begeleiding samen zijn ingekocht.",
    "Ik kan in tien minuten uitleggen wat circulair ondernemen onze organisatie oplevert.",
    "Ik heb een netwerk van drie collega's buiten mijn organisatie die ik kan bellen.",
]
ENTRIES = [
    ("insight", "Bij de woonstichting zit begeleiding al in de **prijs**. Dat kan bij ons ook."),
    ("action", "Afspraak gemaakt met onze inkoper voor volgende week dinsdag."),
    ("question", "Wie bij de gemeente beslist eigenlijk over de gunningscriteria?"),
    ("reflection", "Ik merk dat ik sneller oplossingen aandraag dan vragen stel."),
    ("insight", "Het rekenvoorbeeld werkt beter met één echte klant dan met gemiddelden."),
    ("action", "Drie collega's gevraagd om mee te kijken naar de pilot."),
    ("reflection", "De werkvorm met drie adviseurs hielp me mijn casus scherper te krijgen."),
]
HIGHLIGHTS = [
    "Dat anderen tegen hetzelfde aanlopen; dat lucht op.",
    "Het voorbeeld van drie jaar afname in één contract.",
    "De vraag wat 'op eigen benen' eigenlijk betekent.",
]
TAGS = ["inkoop", "begeleiding", "verdienmodel", "gemeente", "team"]
# Mostly private: seven of every ten entries stay with their author.
TIERS = [Tier.PRIVATE] * 7 + [Tier.BUDDY, Tier.FACILITATORS, Tier.GROUP]
EXPERIMENTS = [
    ("Inkoper uitnodigen voor een rondleiding op de werkvloer", "Of zien meer doet dan praten."),
    ("Eén offerte met begeleiding als aparte regel", "Dat de klant vraagt wat die regel kost."),
    ("Teamoverleg openen met een succes van de afgelopen week", "Meer energie in het overleg."),
    ("Het rekenvoorbeeld voorleggen aan de controller", "Kritische vragen over de aannames."),
    ("Een klant vragen wat 'circulair' voor hem betekent", "Een ander antwoord dan het onze."),
]
CANVAS = {
    "title": "Inclusief en circulair ondernemen in 2030",
    "future_image": (
        "In 2030 kopen gemeenten, woonstichtingen en bedrijven in de regio werk en begeleiding "
        "samen in. Sociale ondernemers draaien mee in elke kringloopketen; niemand hoeft nog "
        "uit te leggen waarom begeleiding in de prijs zit."
    ),
    "what_matters": "Werk voor iedereen die kan en wil; materialen die in de regio blijven.",
    "in_practice": "Meerjarige contracten, vaste werkbegeleiders, gedeelde werkplaatsen.",
    "today": "Losse pilots, eenjarige contracten, begeleiding als sluitpost.",
    "needed": (
        "Inkoopvoorwaarden met social return vanaf het begin; een gedeeld rekenmodel; "
        "bestuurders die het verhaal kennen."
    ),
    "helpers": "Inkopers van gemeenten, de regionale werkgeversdienst, de woonstichtingen.",
    "assumptions": "Dat gemeenten meerjarig mogen en durven contracteren.",
}
STEPS = [
    ("Eerste meerjarige afspraak getekend", 4, "Inkopers en sociale ondernemers samen"),
    ("Gedeeld rekenmodel klaar", 9, "Werkgroep verdienmodel"),
    ("Drie gemeenten nemen social return op in hun voorwaarden", 15, "Initiatiefnemer"),
    ("Gedeelde werkplaats in de regio", 26, ""),
    ("Begeleiding standaard in elke offerte", 40, "Alle deelnemers"),
    ("Regionaal netwerk draagt de aanpak zonder CoP", 60, "Vervolgagenda"),
]


def _months(now: datetime, months: int):
    return timezone.localdate(now) + timedelta(days=round(months * 30.4))


def load_learning(*, community: Community, users: dict, now: datetime) -> None:
    """Once per CoP: a CoP that has learning records already is left as it is."""
    if community.learning_records.exists() or community.experiments.exists():
        return
    rng = random.Random(7)
    participants = list(
        community.memberships.filter(role=Role.PARTICIPANT)
        .select_related("user")
        .order_by("user__name")
    )
    facilitator = community.memberships.filter(role=Role.FACILITATOR).first()
    actor = facilitator.user if facilitator else None
    held = list(community.meetings.filter(status=MeetingStatus.HELD).order_by("starts_at"))
    coming = community.meetings.filter(starts_at__gt=now).order_by("starts_at").first()
    demo_participant = next(
        (m for m in participants if m.user.email == "deelnemer@example.org"), None
    )

    # Goals and questions: everyone one version, some (the demo participant first) two.
    for index, membership in enumerate(participants):
        question = QUESTIONS[index % len(QUESTIONS)]
        services.goals_save(
            membership=membership,
            actor=membership.user,
            revision=0,
            goals=GOALS[index % len(GOALS)],
            questions=question,
        )
        if membership == demo_participant or index % 4 == 1:
            services.goals_save(
                membership=membership,
                actor=membership.user,
                revision=1,
                goals=GOALS[index % len(GOALS)],
                questions=SHARPER[index % len(SHARPER)],
                note="Scherper na de casus in drietallen.",
            )
        if index % 3 == 0:
            services.goals_tier_set(membership=membership, tier=Tier.GROUP)

    # Entries: a few per person, spread over the months; highlights after held meetings.
    created: list[tuple[int, datetime]] = []
    for index, membership in enumerate(participants):
        count = 7 if membership == demo_participant else 3
        for n in range(count):
            kind, body = ENTRIES[(index + n) % len(ENTRIES)]
            tier = Tier.GROUP if membership == demo_participant and n == 0 else rng.choice(TIERS)
            if membership == demo_participant and n < 4:
                tier = [Tier.GROUP, Tier.BUDDY, Tier.FACILITATORS, Tier.PRIVATE][n]
            entry = services.entry_add(
                membership=membership,
                kind=kind,
                body=body,
                tier=tier,
                tags=", ".join(rng.sample(TAGS, 2)),
            )
            created.append((entry.pk, now - timedelta(days=rng.randint(3, 150))))
        for meeting in held[-2:]:
            if rng.random() < 0.6 or membership == demo_participant:
                entry = services.meeting_takeaway_add(
                    membership=membership,
                    meeting_id=meeting.pk,
                    body=rng.choice(HIGHLIGHTS),
                    tier=Tier.PRIVATE if rng.random() < 0.7 else Tier.GROUP,
                )
                created.append((entry.pk, meeting.starts_at + timedelta(hours=5)))
    for pk, when in created:
        Entry.objects.filter(pk=pk).update(created_at=when, updated_at=when)

    # Experiments in every status: the last period's reported back, this period's under way.
    statuses = [
        ExperimentStatus.DONE,
        ExperimentStatus.DONE,
        ExperimentStatus.UNDER_WAY,
        ExperimentStatus.PLANNED,
        ExperimentStatus.DROPPED,
    ]
    last = held[-1] if held else None
    for index, membership in enumerate(participants[:16]):
        title, expectation = EXPERIMENTS[index % len(EXPERIMENTS)]
        status = statuses[index % len(statuses)]
        finished = status in (ExperimentStatus.DONE, ExperimentStatus.DROPPED)
        due_meeting = last if finished else coming
        due_on = (
            timezone.localdate(due_meeting.starts_at)
            if due_meeting
            else timezone.localdate(now) + timedelta(days=14)
        )
        experiment = services.experiment_add(
            membership=membership,
            title=title,
            expectation=expectation,
            learning_question=QUESTIONS[index % len(QUESTIONS)],
            due_on=due_on,
            meeting_id=due_meeting.pk if due_meeting else None,
            tier=Tier.GROUP if index % 2 == 0 else Tier.PRIVATE,
        )
        if status != ExperimentStatus.PLANNED:
            services.experiment_check_in(
                experiment=experiment, note="Eerste gesprek gehad; het tweede staat gepland."
            )
        if finished:
            services.experiment_report(
                experiment=experiment,
                happened="Het gesprek vond plaats, korter dan gehoopt.",
                learned="Dat ik vooraf beter kan vragen wat de ander wil weten.",
                next_steps="Een tweede ronde met een concreet voorstel.",
                status=status,
            )
        started = timezone.make_aware(
            datetime.combine(due_on - timedelta(weeks=5), datetime.min.time())
        )
        Experiment.objects.filter(pk=experiment.pk).update(created_at=started)

    # Two rounds of buddy pairs: the last period, and the current one (no repeats).
    if len(participants) >= 2 and actor is not None:
        today = timezone.localdate(now)
        for starts, ends in (
            (today - timedelta(weeks=6), today - timedelta(days=1)),
            (today, today + timedelta(weeks=6)),
        ):
            period = services.buddy_period_propose(
                community=community, actor=actor, starts_on=starts, ends_on=ends
            )
            services.buddy_period_confirm(period=period, actor=actor)

    # The canvas, six steps back from the horizon; two became experiments.
    if actor is not None:
        canvas = services.canvas_add(
            community=community, actor=actor, horizon=_months(now, 60), **CANVAS
        )
        fields: dict[str, object] = {**CANVAS, "horizon": canvas.horizon}
        fields["needed"] = CANVAS["needed"] + " Een verhaal dat bestuurders zelf kunnen vertellen."
        services.canvas_save(
            canvas=canvas, actor=actor, revision=canvas.revision, note="Na bijeenkomst 3", **fields
        )
        for number, (title, months, owner) in enumerate(STEPS):
            step = services.canvas_step_add(
                canvas=canvas, actor=actor, title=title, due_on=_months(now, months), owner=owner
            )
            if number < 2 and participants:
                experiment = services.canvas_step_to_experiment(
                    step=step, membership=participants[number + 1]
                )
                services.experiment_update(experiment=experiment, tier=Tier.GROUP)
    community_touch(community_id=community.pk)
