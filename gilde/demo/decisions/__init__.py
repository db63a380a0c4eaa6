"""Step 5 in the main demo CoP: working agreements in two versions, polls of every kind (open
and closed, one anonymous with hidden results, a date poll that became a meeting), a decision
log with a revised decision, roles over the held meetings, and peer-feedback requests.

Everything goes through the decisions app's services, so anonymous votes are stored as members
cast them and the date poll plans its meeting through the calendar. No e-mail goes out."""

from datetime import datetime

from django.db import transaction
from django.utils import translation

from gilde.communities.calendar import HELD, meetings_of
from gilde.communities.models import Community, Role
from gilde.decisions import services
from gilde.decisions.models import FeedbackSubject
from gilde.decisions.rotation import roles_rotation

from .polls import load_polls

AGREEMENTS_V1 = """Wat in de groep gedeeld wordt, blijft in de groep.
We komen voorbereid: wie een casus inbrengt, stuurt die een week van tevoren rond.
We beginnen en eindigen op tijd."""

AGREEMENTS_V2 = """Wat in de groep gedeeld wordt, blijft in de groep, tenzij de inbrenger toestemming geeft.
We komen voorbereid: wie een casus inbrengt, stuurt die een week van tevoren rond.
We beginnen en eindigen op tijd.
We geven elkaar feedback op wat we zien, niet op wie iemand is.
Wie niet kan komen, laat het de facilitators uiterlijk twee dagen van tevoren weten."""


@transaction.atomic
def load_decisions(*, community: Community, users: dict, now: datetime) -> None:
    """Once per CoP: a CoP that has polls already is left as it is."""
    if community.polls.exists():
        return
    members = list(community.memberships.select_related("user").order_by("user__name", "pk"))
    by_email = {m.user.email: m for m in members}
    facilitators = [m for m in members if m.role == Role.FACILITATOR]
    participants = [m for m in members if m.role == Role.PARTICIPANT]
    if len(facilitators) < 2 or len(participants) < 10:
        return
    fenna, process = facilitators[0], facilitators[1]
    me = by_email.get("deelnemer@example.org", participants[0])
    others = [p for p in participants if p.pk != me.pk]
    held = meetings_of(community, status=HELD)
    coming = meetings_of(community, status="planned", since=now)

    # Working agreements: a first text by a facilitator, sharpened by a participant.
    services.agreements_save(
        community=community,
        actor=fenna.user,
        revision=0,
        text=AGREEMENTS_V1,
        note="Eerste opzet, besproken in bijeenkomst 1.",
    )
    services.agreements_save(
        community=community,
        actor=me.user,
        revision=1,
        text=AGREEMENTS_V2,
        note="Aangevuld na de eerste casusbespreking.",
    )
    load_polls(
        community=community,
        now=now,
        held=held,
        coming=coming,
        participants=participants,
        others=others,
        me=me,
        fenna=fenna,
        process=process,
    )

    _load_roles(community=community, held=held, coming=coming, participants=participants, me=me)
    _load_feedback(community=community, me=me, others=others)


def _load_roles(*, community, held, coming, participants, me) -> None:
    with translation.override("nl"):  # the default roles get the demo's language
        roles = services.roles_ensure(community=community)
    plan = roles_rotation(
        [p.pk for p in participants], [m.pk for m in held], [r.pk for r in roles], seed=5
    )
    services.roles_rotation_apply(community=community, actor=None, plan=plan)
    if coming:
        services.role_take(
            community=community, meeting_id=coming[0].pk, role=roles[1], membership=me
        )


def _load_feedback(*, community, me, others) -> None:
    request = services.feedback_ask(
        community=community,
        asker=me,
        subject=FeedbackSubject.CASE,
        about="Mijn plan om inkoop bij ons volgende project te betrekken",
        question="Wat mis ik in mijn aanpak, en waar zou jij beginnen?",
        writers=others[:2],
    )
    invite = request.invites.get(writer=others[0])
    services.feedback_answer(
        invite=invite,
        text="Begin bij de inkoper zelf, niet bij de directie: die kent de knelpunten. En "
        "neem een rekenvoorbeeld mee.",
    )
    services.feedback_ask(
        community=community,
        asker=others[2],
        subject=FeedbackSubject.QUESTION,
        about="Mijn leervraag over begeleiding op de werkvloer",
        question="Is mijn leervraag scherp genoeg, of moet ik kiezen?",
        writers=[me, others[3]],
    )
