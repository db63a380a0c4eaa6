"""Fixtures for the whole suite: plain static files, and the personas every view is tested with.

The personas share one closed CoP (`cop`): alice the initiator, fenna the facilitator (content),
piet the participant, olga the observer; `outsider` is a member of another CoP only.
"""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from gilde.communities.models import Focus, Role
from gilde.core import middleware
from tests.factories import CommunityFactory, MembershipFactory, UserFactory


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_newgateway(gateway):
    """Give each pytest-xdist worker (gw0, gw1, ...) a data folder of its own before it loads the
    settings: its secret key, media and static files, and whatever a subprocess of a test makes,
    never meet another worker's. (pytest-django already gives each its own test database.)"""
    data_dir = django_settings.DATA_DIR / gateway.id
    gateway.remote_exec(f"import os; os.environ['GILDE_DATA_DIR'] = {str(data_dir)!r}").waitclose()


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # The manifest storage needs collectstatic; tests serve static files straight from the tree.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A fast hasher: the suite creates many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test starts with an empty cache: ids and revisions repeat after the database rolls back.
    cache.clear()
    # Tasks run when queued. E-mails are queued only once a transaction commits, which a test's
    # own transaction never does: a test that reads the outbox runs the commit callbacks
    # (`django_capture_on_commit_callbacks(execute=True)`) or uses a transactional database.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def english_interface(settings, monkeypatch):
    """For tests that read the English source texts: everyone gets the English interface."""
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(middleware, "AVAILABLE", {"en"})


@pytest.fixture
def cop(db):
    return CommunityFactory(name="Circulair ondernemen", slug="circulair")


def _member(cop, email, name, role, focus=""):
    user = UserFactory(email=email, name=name)
    MembershipFactory(community=cop, user=user, role=role, focus=focus)
    return user


@pytest.fixture
def initiator(cop):
    return _member(cop, "alice@example.org", "Alice Initiatiefnemer", Role.INITIATOR)


@pytest.fixture
def facilitator(cop):
    return _member(cop, "fenna@example.org", "Fenna Facilitator", Role.FACILITATOR, Focus.CONTENT)


@pytest.fixture
def participant(cop):
    return _member(cop, "piet@example.org", "Piet Deelnemer", Role.PARTICIPANT)


@pytest.fixture
def observer(cop):
    return _member(cop, "olga@example.org", "Olga Observer", Role.OBSERVER)


@pytest.fixture
def outsider(db):
    other = CommunityFactory(name="Andere CoP", slug="andere")
    user = UserFactory(email="otto@example.org", name="Otto Buitenstaander")
    MembershipFactory(community=other, user=user, role=Role.INITIATOR)
    return user


@pytest.fixture
def personas(initiator, facilitator, participant, observer, outsider):
    return {
        "initiator": initiator,
        "facilitator": facilitator,
        "participant": participant,
        "observer": observer,
        "outsider": outsider,
        "anonymous": None,
    }
