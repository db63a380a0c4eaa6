"""Fixtures for step 5: polls of every kind in the personas' CoP."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gilde.decisions import services
from gilde.decisions.models import PollKind


def membership(cop, user):
    return cop.memberships.get(user=user)


@pytest.fixture
def make_poll(cop):
    """make_poll(author_user, kind=..., **fields): a poll through the service."""

    def make(author, kind=PollKind.CONSENT, **fields):
        defaults = {
            "title": f"Peiling {kind}",
            "closes_at": timezone.now() + timedelta(days=3),
        }
        if kind in (PollKind.CHOICE, PollKind.SCORE, PollKind.RANKED):
            defaults["options"] = ["Appel", "Peer", "Kers"]
        if kind == PollKind.DATE:
            start = timezone.now().replace(microsecond=0, second=0) + timedelta(days=20)
            defaults["slots"] = [start, start + timedelta(days=1), start + timedelta(days=2)]
            defaults["duration_minutes"] = 120
        defaults.update(fields)
        return services.poll_create(
            community=cop, author=membership(cop, author), kind=kind, **defaults
        )

    return make
