"""The social map at scale: a CoP with 200 nodes and 2,000 ties, rendered uncached and cached.

Targets (issue 15): the map page renders in at most 1 s with an empty cache (networkx layout,
figures per period, the SVG) and in at most 50 ms once cached (the cache holds until the ties
change). Both are also recorded as a ratio to rendering the same CoP's home page in the same run,
so a slower or faster machine moves both together. In-process timing with Django's test client,
as a facilitator (who sees the named map); a throwaway data folder with SQLite.

    .venv/bin/python benchmarks/social_map.py [--no-write]

Writes its result into benchmarks/RESULTS.md between the social-map markers and exits non-zero
naming a missed target.
"""

import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from harness import in_process_main

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- social-map:begin -->", "<!-- social-map:end -->"
NODES, TIES, MEETINGS = 200, 2000, 12
ACTORS = 10
TARGETS = {"uncached_s": 1.0, "cached_s": 0.050}
UNCACHED_RUNS, CACHED_RUNS, HOME_RUNS = 5, 30, 30


def _setup(data_dir: Path) -> None:
    for key in ("GILDE_DEBUG", "GILDE_ALLOWED_HOSTS", "GILDE_HTTPS", "DATABASE_URL"):
        os.environ.pop(key, None)
    os.environ["GILDE_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gilde.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)


def _fill():
    """A CoP with 190 members and 10 outside actors, 12 held meetings and 2,000 ties."""
    from django.utils import timezone

    from gilde.accounts.models import Organisation, User
    from gilde.communities.models import Community, Membership, Role
    from gilde.communities.revision import community_touch
    from gilde.meetings.models import Meeting, MeetingStatus
    from gilde.monitoring import services
    from gilde.monitoring.models import OutsideActor, Tie

    rng = random.Random(15)
    start = timezone.localdate() - timedelta(days=7 * 6 * MEETINGS)
    cop = Community.objects.create(
        name="Schaal", slug="schaal", description="Sociale kaart op schaal", start_date=start
    )
    organisations = [Organisation.objects.create(name=f"Org {n}") for n in range(30)]
    users = User.objects.bulk_create(
        User(
            email=f"p{n}@example.org",
            name=f"Persoon {n}",
            organisation=organisations[n % 30],
            industry=f"Industry {n % 7}",
        )
        for n in range(NODES - ACTORS)
    )
    memberships = Membership.objects.bulk_create(
        Membership(
            community=cop,
            user=user,
            role=Role.FACILITATOR if n == 0 else Role.PARTICIPANT,
            focus="content" if n == 0 else "",
        )
        for n, user in enumerate(users)
    )
    actors = OutsideActor.objects.bulk_create(
        OutsideActor(community=cop, name=f"Partij {n}", kind="organisation") for n in range(ACTORS)
    )
    for n in range(MEETINGS):
        Meeting.objects.create(
            community=cop,
            title=f"Bijeenkomst {n + 1}",
            starts_at=timezone.now() - timedelta(weeks=6 * (MEETINGS - n)),
            duration_minutes=180,
            status=MeetingStatus.HELD,
        )
    kinds = services.tie_kinds_ensure(community=cop)
    seen, ties = set(), []
    while len(ties) < TIES:
        a, b = rng.sample(range(len(memberships)), 2)
        kind = rng.choice(kinds)
        if rng.random() < 0.1:
            key = (a, "actor", rng.randrange(ACTORS), kind.pk)
        else:
            key = (min(a, b), max(a, b), kind.pk)
        if key in seen:
            continue
        seen.add(key)
        started = start + timedelta(days=rng.randrange(7 * 6 * MEETINGS))
        ended = started + timedelta(days=90) if rng.random() < 0.1 else None
        if key[1] == "actor":
            ties.append(
                Tie(
                    community=cop,
                    member=memberships[a],
                    actor=actors[key[2]],
                    kind=kind,
                    started_on=started,
                    ended_on=ended,
                )
            )
        else:
            low, high = memberships[key[0]], memberships[key[1]]
            ties.append(
                Tie(
                    community=cop,
                    member=low,
                    other_member=high,
                    kind=kind,
                    started_on=started,
                    ended_on=ended,
                )
            )
    Tie.objects.bulk_create(ties)
    community_touch(community_id=cop.pk)
    return cop, users[0]


def _time(client, path: str, *, clear: bool) -> float:
    from django.core.cache import cache

    if clear:
        cache.clear()
    began = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - began
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def measure() -> dict:
    from django.test import Client
    from django.urls import reverse

    cop, facilitator = _fill()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(facilitator)
    network = reverse("monitoring:network", args=[cop.slug])
    home = reverse("communities:detail", args=[cop.slug])
    assert 'class="chart chart--map"' in client.get(network).content.decode()
    _time(client, home, clear=False)  # the step rail cached, as on any busy installation
    home_s = statistics.median(_time(client, home, clear=False) for _ in range(HOME_RUNS))
    uncached = statistics.median(_time(client, network, clear=True) for _ in range(UNCACHED_RUNS))
    client.get(network)
    cached = statistics.median(_time(client, network, clear=False) for _ in range(CACHED_RUNS))
    return {
        "ties": TIES,
        "home_s": home_s,
        "uncached_s": uncached,
        "cached_s": cached,
        "uncached_ratio": uncached / home_s,
        "cached_ratio": cached / home_s,
    }


def report(result: dict) -> tuple[str, list[str]]:
    misses = [
        f"{name}: {result[name] * 1000:.0f} ms > {target * 1000:.0f} ms"
        for name, target in TARGETS.items()
        if result[name] > target
    ]
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        BEGIN,
        f"Run of {when} on {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, SQLite, in-process. Regenerated by "
        "`.venv/bin/python benchmarks/social_map.py`.",
        "",
        f"A CoP with {NODES} nodes ({NODES - ACTORS} members, {ACTORS} outside actors), "
        f"{TIES:,} ties and {MEETINGS} meetings; the map page as a facilitator sees it (median).",
        "",
        "| Page | Time | Ratio to the CoP home | Target |",
        "|---|---|---|---|",
        f"| CoP home (step rail cached) | {result['home_s'] * 1000:.1f} ms | 1.0 | |",
        f"| Social map, empty cache | {result['uncached_s'] * 1000:.0f} ms | "
        f"{result['uncached_ratio']:.1f} | ≤ 1 s |",
        f"| Social map, cached | {result['cached_s'] * 1000:.1f} ms | "
        f"{result['cached_ratio']:.1f} | ≤ 50 ms |",
        "",
        "Missed targets:" if misses else "All targets met.",
        *[f"- {miss}" for miss in misses],
        END,
    ]
    return "\n".join(lines), misses


def main() -> int:
    return in_process_main(
        __doc__,
        prefix="gilde-social-map-",
        setup=_setup,
        measure=lambda args: measure(),
        report=report,
        heading="The social map (issue 15)",
        begin=BEGIN,
        end=END,
    )


if __name__ == "__main__":
    sys.exit(main())
