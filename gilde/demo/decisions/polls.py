"""The demo CoP's polls and decision log: six closed polls (two consents, one of them revised
later in a meeting; a choice; a ranked choice counted in rounds; a quick check; a date poll that
became a meeting), a decision the facilitators took directly, and three open polls (a score, an
anonymous consent with hidden results, a change to the working agreements)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from gilde.decisions import services
from gilde.decisions.formatting import slot_label
from gilde.decisions.models import (
    ConsentResponse,
    DateAnswer,
    PollKind,
    TakenBy,
)
from gilde.decisions.selectors import poll_results

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _at(day, hour: int = 17) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=AMSTERDAM)


def _vote_all(poll, voters, pick, now) -> None:
    for number, membership in enumerate(voters):
        vote = pick(number)
        if vote is not None:
            services.poll_vote(poll=poll, membership=membership, vote=vote, now=now)


def load_polls(*, community, now, held, coming, participants, others, me, fenna, process) -> None:
    """The polls and the decision log, voted on by the participants as of `now`."""
    start = now - timedelta(days=60)

    # 1. Consent, closed, passed: an expert for a meeting.
    expert = services.poll_create(
        community=community,
        author=process,
        kind=PollKind.CONSENT,
        title="We nodigen een inkoper van de gemeente uit voor bijeenkomst 3",
        context="Meerdere deelnemers vroegen erom in de evaluatie. Ze schuift een uur aan bij "
        "het casusdeel.",
        closes_at=start + timedelta(days=7),
        meeting_id=held[min(1, len(held) - 1)].pk if held else None,
        notify=False,
        now=start,
    )
    _vote_all(
        expert,
        participants[:16],
        lambda n: (
            {
                "response": ConsentResponse.OBJECT,
                "reason": "Liever iemand van een woningcorporatie; die kopen meer in.",
            }
            if n == 3
            else {"response": ConsentResponse.ABSTAIN}
            if n in (5, 9)
            else {"response": ConsentResponse.AGREE}
        ),
        start + timedelta(days=1),
    )
    services.poll_close(poll=expert, now=expert.closes_at + timedelta(minutes=5))
    services.poll_outcome_write(
        poll=expert,
        actor=process,
        statement="We nodigen een inkoper van de gemeente uit voor bijeenkomst 3.",
        rationale="Niemand blokkeerde; het bezwaar over woningcorporaties nemen we mee voor "
        "een latere bijeenkomst.",
        notify=False,
        now=expert.closes_at + timedelta(hours=1),
    )

    # 2. Consent, closed, passed: confidentiality; later revised in a meeting.
    confidential = services.poll_create(
        community=community,
        author=fenna,
        kind=PollKind.CONSENT,
        title="Casussen blijven binnen de groep",
        context="Zo kan iedereen vrijuit vertellen wat er in de eigen organisatie speelt.",
        closes_at=start + timedelta(days=5),
        notify=False,
        now=start,
    )
    _vote_all(
        confidential,
        participants[:18],
        lambda n: {"response": ConsentResponse.AGREE},
        start + timedelta(days=2),
    )
    services.poll_close(poll=confidential, now=confidential.closes_at + timedelta(minutes=5))
    first = services.poll_outcome_write(
        poll=confidential,
        actor=fenna,
        statement="Casussen blijven binnen de groep.",
        rationale="Unaniem aangenomen.",
        notify=False,
        now=confidential.closes_at + timedelta(hours=2),
    )
    services.decision_revise(
        decision=first,
        actor=process,
        statement="Casussen blijven binnen de groep, tenzij de inbrenger toestemming geeft om "
        "ze te delen.",
        rationale="Twee deelnemers wilden een geanonimiseerde casus in hun eigen organisatie "
        "bespreken; de groep stemde daar in de bijeenkomst mee in.",
        taken_by=TakenBy.GROUP,
        meeting_id=held[-1].pk if held else None,
        decided_on=(held[-1].starts_at if held else now).date(),
    )

    # 3. A decision the facilitators took directly.
    services.decision_record(
        community=community,
        actor=fenna,
        statement="De bijeenkomsten beginnen voortaan om half twee in plaats van twee uur.",
        rationale="Zo is er tijd voor de casussen zonder uit te lopen.",
        taken_by=TakenBy.FACILITATORS,
        meeting_id=held[0].pk if held else None,
        decided_on=(held[0].starts_at if held else now).date(),
    )

    # 4. Choice, closed: where to meet for a work visit.
    place = services.poll_create(
        community=community,
        author=me,
        kind=PollKind.CHOICE,
        title="Waar gaan we op werkbezoek?",
        options=["Kringloop De Tweede Ronde", "Fietsenwerkplaats Op Weg", "Repaircafé Noord"],
        max_choices=1,
        allow_other=True,
        closes_at=start + timedelta(days=20),
        notify=False,
        now=start + timedelta(days=10),
    )
    place_options = list(place.options.all())
    _vote_all(
        place,
        participants,
        lambda n: (
            {"entries": {place_options[[0, 1, 0, 2, 0, 1][n % 6]].pk: 1}}
            if n != 7
            else {"other_text": "Een sociale onderneming in de bouw"}
        ),
        start + timedelta(days=12),
    )
    services.poll_close(poll=place, now=place.closes_at + timedelta(minutes=5))
    services.poll_outcome_write(
        poll=place,
        actor=me,
        statement="We gaan op werkbezoek bij Kringloop De Tweede Ronde.",
        notify=False,
        now=place.closes_at + timedelta(hours=3),
    )

    # 5. Ranked choice, closed: the themes for the coming half year, in rounds.
    themes = services.poll_create(
        community=community,
        author=fenna,
        kind=PollKind.RANKED,
        title="Welke thema's pakken we het komende halfjaar eerst op?",
        options=[
            "Verdienmodellen",
            "Inkoop en aanbesteden",
            "Begeleiding op de werkvloer",
            "Samenwerken met de gemeente",
        ],
        closes_at=start + timedelta(days=30),
        notify=False,
        now=start + timedelta(days=15),
    )
    keys = [o.pk for o in themes.options.all()]
    orders = [
        [0, 1, 2],
        [1, 0],
        [2, 1, 0],
        [0, 2],
        [3, 1, 0],
        [1, 3],
        [2, 0, 1],
        [0, 1],
        [3, 2],
        [1, 0, 2],
        [2, 1],
        [0, 3, 1],
        [1, 2],
        [3, 0],
    ]
    _vote_all(
        themes,
        participants[: len(orders)],
        lambda n: {"entries": {keys[k]: rank for rank, k in enumerate(orders[n], start=1)}},
        start + timedelta(days=16),
    )
    services.poll_close(poll=themes, now=themes.closes_at + timedelta(minutes=5))
    services.poll_outcome_write(
        poll=themes,
        actor=fenna,
        statement="We beginnen met inkoop en aanbesteden, daarna verdienmodellen.",
        notify=False,
        now=themes.closes_at + timedelta(hours=1),
    )

    # 6. Quick check, closed: the energy in the group, live in the last meeting.
    energy = services.poll_create(
        community=community,
        author=process,
        kind=PollKind.CHECK,
        title="Hoeveel energie geeft de CoP je op dit moment?",
        closes_at=start + timedelta(days=40, hours=1),
        meeting_id=held[-1].pk if held else None,
        notify=False,
        now=start + timedelta(days=40),
    )
    _vote_all(
        energy,
        participants[:15],
        lambda n: {"value": [4, 5, 3, 4, 4, 5, 2, 4, 3, 5][n % 10]},
        start + timedelta(days=40, minutes=10),
    )
    services.poll_close(poll=energy, now=energy.closes_at + timedelta(minutes=5))

    # 7. Date poll that became a meeting: an extra work visit in a few weeks.
    first_slot = timezone.localtime(now, AMSTERDAM).date() + timedelta(days=24)
    first_slot += timedelta(days=(1 - first_slot.weekday()) % 7)  # a Tuesday
    slots = [
        _at(first_slot, 14),
        _at(first_slot + timedelta(days=2), 10),
        _at(first_slot + timedelta(days=7), 14),
    ]
    visit = services.poll_create(
        community=community,
        author=me,
        kind=PollKind.DATE,
        title="Werkbezoek Kringloop De Tweede Ronde",
        context="Een middag rondleiding en gesprek met de bedrijfsleider.",
        slots=slots,
        duration_minutes=180,
        closes_at=now - timedelta(days=2) + timedelta(days=5),
        notify=False,
        now=now - timedelta(days=2),
    )
    slot_keys = [o.pk for o in visit.options.all()]
    _vote_all(
        visit,
        participants[:14],
        lambda n: {
            "entries": {
                slot_keys[0]: [DateAnswer.YES, DateAnswer.IF_NEED_BE][n % 2],
                slot_keys[1]: [DateAnswer.NO, DateAnswer.YES, DateAnswer.IF_NEED_BE][n % 3],
                slot_keys[2]: DateAnswer.YES if n % 4 else DateAnswer.NO,
            }
        },
        now - timedelta(days=1),
    )
    services.poll_close(poll=visit, actor=me, now=now - timedelta(hours=6))
    best = poll_results(visit).winner
    services.poll_meeting_create(poll=visit, actor=fenna, option_id=best.pk, now=now)
    services.poll_outcome_write(
        poll=visit,
        actor=me,
        statement=f"Het werkbezoek is op {slot_label(best)}.",
        notify=False,
        now=now,
    )

    # 8. Score, open: which questions to go deeper into.
    depth = services.poll_create(
        community=community,
        author=fenna,
        kind=PollKind.SCORE,
        title="Hoe graag verdiepen we ons in deze vragen?",
        options=["Prijs van begeleiding", "Social return in contracten", "Meetbare impact"],
        scale_max=5,
        closes_at=now + timedelta(days=4),
        meeting_id=coming[0].pk if coming else None,
        notify=False,
        now=now - timedelta(days=2),
    )
    depth_keys = [o.pk for o in depth.options.all()]
    _vote_all(
        depth,
        others[:9],
        lambda n: {"entries": {k: 1 + (n + i * 2) % 5 for i, k in enumerate(depth_keys)}},
        now - timedelta(days=1),
    )

    # 9. Anonymous consent with hidden results, open: a contribution for the visit.
    fee = services.poll_create(
        community=community,
        author=process,
        kind=PollKind.CONSENT,
        title="We vragen per organisatie 50 euro bijdrage voor het werkbezoek",
        context="Voor vervoer en lunch. Stem anoniem: de uitslag zie je pas na de sluiting.",
        anonymous=True,
        closes_at=now + timedelta(hours=20),
        voters="participants",
        quorum=50,
        notify=False,
        now=now - timedelta(days=3),
    )
    _vote_all(
        fee,
        others[:8],
        lambda n: (
            {
                "response": ConsentResponse.OBJECT,
                "reason": "Voor kleine stichtingen is dit veel geld.",
            }
            if n == 2
            else {"response": ConsentResponse.AGREE}
        ),
        now - timedelta(days=2),
    )

    # 10. A proposal to change the working agreements, open.
    current = services.agreements_for(community)
    services.poll_create(
        community=community,
        author=others[1],
        kind=PollKind.CONSENT,
        title="Wijziging van de groepsafspraken",
        context="Een afspraak over telefoons erbij.",
        proposed_agreements=current.text + "\nTelefoons liggen tijdens de casusbespreking weg.",
        agreements_revision=current.revision,
        closes_at=now + timedelta(days=5),
        notify=False,
        now=now - timedelta(hours=5),
    )
