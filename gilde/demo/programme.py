"""The demo programme: a region's programme office follows five CoPs at different stages.

The five CoPs are copies of the demo's main CoP (gilde/demo/scale.py, with their own cast), started
two to sixteen months ago; the older ones have more steps marked done. The programme's manager
(`programma@example.org`, password `gilde-demo`) is a member of none of them. Two CoPs share their
latest monitoring reflection, and one shares a work form of its own with the programme's library
(SHARED_WORK_FORM). Safe to run again: what exists is left as it is.
"""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gilde.accounts.models import User
from gilde.communities.models import Community, Role, StepMark
from gilde.guide.models import CustomWorkForm
from gilde.programmes.models import LinkStatus, Programme, ProgrammeCop, ProgrammeManager
from gilde.programmes.tasks import cop_figures_store

from . import data
from .scale import scaled_copy, scaled_organisations, scaled_slug

SLUG = "circulaire-regio-waaldonk"
MANAGER = ("programma@example.org", "Roos van Dijk")
# (name, months since the start, steps marked done, theme, region, shares its reflection)
COPS = [
    ("Repair cafés Beekhoven", 2, 0, "Reparatie", "Beekhoven", False),
    ("Textiel terug in de keten", 5, 2, "Textiel", "Waaldonk", True),
    ("Circulair renoveren met leerwerkplekken", 8, 3, "Bouw", "Waaldonk", False),
    ("Kringloop en werk", 12, 5, "Werk", "Beekhoven", True),
    ("Inkoop die circulair werkt", 16, 7, "Inkoop", "Regio", False),
]

# The CoP (by its place in COPS) that shares a work form of its own, and the form: our own words.
SHARES_WORK_FORM = 4
SHARED_WORK_FORM = {
    "name": "Ruilronde: vraag en aanbod",
    "purpose": (
        "Iedereen gaat weg met een concrete volgende stap: deelnemers ruilen in korte rondes "
        "een hulpvraag uit hun werk tegen wat ze zelf te bieden hebben."
    ),
    "how_to": (
        "1. Ieder schrijft één hulpvraag en één aanbod op twee kaartjes (3 min).\n"
        "2. In tweetallen: vertel je vraag, luister naar wat de ander kan bieden; wissel na drie "
        "minuten van partner (3 rondes, 10 min).\n"
        "3. Plenair: welke ruil gaat deze maand echt gebeuren? Noteer wie met wie (5 min)."
    ),
    "min_minutes": 15,
    "max_minutes": 25,
    "stages": ["solo", "pair", "plenary"],
    "min_group": 6,
    "max_group": 40,
    "tgi": ["we", "it"],
    "sides": ["rational", "physical"],
    "purposes": ["connect"],
    "steps": [4],
    "shared_with_programmes": True,
}


@transaction.atomic
def load_programme(*, stdout=None) -> Programme:
    """Create the demo programme with its five CoPs and compute their figures."""
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is not None:
        return programme
    password = make_password(data.PASSWORD)
    organisations = scaled_organisations()
    today, now = timezone.localdate(), timezone.now()
    email, name = MANAGER
    manager, _created = User.objects.get_or_create(
        email=email,
        defaults={
            "name": name,
            "password": password,
            "language": "nl",
            "is_active": True,
            "email_confirmed_at": now,
        },
    )
    programme = Programme.objects.create(
        name="Circulaire regio Waaldonk-Beekhoven",
        slug=SLUG,
        owner_organisation="Provincie (programmabureau circulaire economie)",
        description=(
            "Vijf CoP's in de regio werken aan sociaal-circulaire bedrijvigheid. Het "
            "programmabureau volgt hoe ze ervoor staan, zonder iemand in de CoP's te zien."
        ),
    )
    ProgrammeManager.objects.create(programme=programme, user=manager)
    for copy, (cop_name, months, done, theme, region, shares) in enumerate(COPS, start=1):
        community = Community.objects.filter(slug=scaled_slug(copy, "p")).first()
        if community is None:
            start = today - timedelta(days=30 * months)
            start -= timedelta(days=(start.weekday() - 1) % 7)  # a Tuesday, like the demo's
            community = scaled_copy(
                copy=copy,
                password=password,
                organisations=organisations,
                start=start,
                now=now,
                tag="p",
                name=cop_name,
            )
        # The copies' people may log in like the demo's own (to see the CoP's side).
        User.objects.filter(
            email__endswith=f".p{copy}@example.org", email_confirmed_at__isnull=True
        ).update(email_confirmed_at=now)
        initiator = community.memberships.filter(role=Role.INITIATOR).first()
        for step in range(1, done + 1):
            StepMark.objects.get_or_create(
                community=community,
                step=step,
                defaults={"done": True, "marked_by": initiator.user if initiator else None},
            )
        ProgrammeCop.objects.create(
            programme=programme,
            community=community,
            status=LinkStatus.MEMBER,
            theme=theme,
            region=region,
            share_reflection=shares,
            decided_at=now,
        )
        if copy == SHARES_WORK_FORM:
            facilitator = community.memberships.filter(role=Role.FACILITATOR).first()
            CustomWorkForm.objects.create(
                community=community,
                created_by=facilitator.user if facilitator else None,
                **SHARED_WORK_FORM,
            )
        community.refresh_from_db()
        cop_figures_store(community)
        if stdout is not None:
            stdout.write(f"Programma: {community.name}")
    return programme
