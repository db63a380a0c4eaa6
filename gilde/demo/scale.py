"""Scale data for benchmarks: N copies of the demo's main CoP, each with its own people.

Copy k plays the demo's cast with accounts `<local>.s<k>@example.org` (password `gilde-demo`),
in a CoP with the slug `<demo slug>-s<k>`, filled by the same loaders as the demo so that every
app's data grows with the factor. Organisations are shared, as in a region. The same factor and
seed give the same data; copies start up to a year apart, so the CoPs are at different stages.
"""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gilde.accounts.models import Organisation, User
from gilde.communities.models import Community, Membership, Role
from gilde.communities.services import community_create

from . import data
from .services import demo_fill


def scaled_email(email: str, copy: int, tag: str = "s") -> str:
    local, domain = email.split("@")
    return f"{local}.{tag}{copy}@{domain}"


def scaled_slug(copy: int, tag: str = "s") -> str:
    return f"{data.MAIN_SLUG}-{tag}{copy}"


def scaled_organisations() -> dict[str, Organisation]:
    existing = {o.name: o for o in Organisation.objects.filter(name__in=data.ORGANISATIONS)}
    missing = [Organisation(name=name) for name in data.ORGANISATIONS if name not in existing]
    Organisation.objects.bulk_create(missing)
    return {o.name: o for o in Organisation.objects.filter(name__in=data.ORGANISATIONS)}


def _cast(
    copy: int, password: str, organisations: dict[str, Organisation], tag: str = "s"
) -> dict[str, User]:
    """Accounts for everyone in the main CoP, keyed by the demo address they stand in for."""
    emails = {member.email for member in data.MAIN_MEMBERS} | {data.MAIN_INITIATOR}
    people = [person for person in data.PEOPLE if person.email in emails]
    User.objects.bulk_create(
        [
            User(
                email=scaled_email(person.email, copy, tag),
                name=person.name,
                organisation=organisations[person.organisation],
                function=person.function,
                discipline=person.discipline,
                industry=data.ORGANISATIONS[person.organisation],
                knowledge_type=person.knowledge_type,
                language="nl",
                is_active=True,
                password=password,
            )
            for person in people
        ]
    )
    suffix = f".{tag}{copy}@example.org"
    by_email = {u.email: u for u in User.objects.filter(email__endswith=suffix)}
    return {person.email: by_email[scaled_email(person.email, copy, tag)] for person in people}


def scaled_copy(
    *, copy: int, password: str, organisations, start, now, tag: str = "s", name: str = ""
) -> Community:
    """One copy of the main CoP with its own cast (`tag` keeps copies for different uses
    apart: "s" for scale data, "p" for the demo programme's CoPs)."""
    users = _cast(copy, password, organisations, tag)
    spec = {key: value for key, value in data.MAIN_COMMUNITY.items() if key != "slug"}
    if name:
        spec["name"] = name
    community = community_create(
        creator=users[data.MAIN_INITIATOR], slug=scaled_slug(copy, tag), start_date=start, **spec
    )
    Membership.objects.bulk_create(
        [
            Membership(
                community=community,
                user=users[member.email],
                role=member.role,
                focus=member.focus,
            )
            for member in data.MAIN_MEMBERS
            if member.role != Role.INITIATOR
        ]
    )
    demo_fill(community=community, users=users, now=now)
    return community


def scale_seed(*, factor: int, seed: int = 0, stdout=None) -> int:
    """Add the copies 1…`factor` that are missing; returns how many were created."""
    rng = random.Random(seed)
    password = make_password(data.PASSWORD)
    organisations = scaled_organisations()
    now = timezone.now()
    today = timezone.localdate()
    existing = set(
        Community.objects.filter(slug__startswith=f"{data.MAIN_SLUG}-s").values_list(
            "slug", flat=True
        )
    )
    created = 0
    for copy in range(1, factor + 1):
        # Drawn for every copy, so copy k starts on the same day whatever else exists.
        start = today - timedelta(days=rng.randrange(14, 380))
        start -= timedelta(days=(start.weekday() - 1) % 7)  # a Tuesday
        if scaled_slug(copy) in existing:
            continue
        with transaction.atomic():
            scaled_copy(
                copy=copy, password=password, organisations=organisations, start=start, now=now
            )
        created += 1
        if stdout is not None and copy % 10 == 0:
            stdout.write(f"{copy}/{factor}")
    return created
