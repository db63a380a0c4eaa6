import json

import pytest
from django.db import DatabaseError

from gilde.core import health


def test_healthz_answers_without_database_session_or_cookie(client):
    # No django_db mark: any database access would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_for_any_host_a_load_balancer_uses(client):
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200


@pytest.mark.django_db
def test_readyz_reports_each_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "ready": True,
        "checks": {"database": "ok", "migrations": "ok", "task_queue": "ok"},
    }
    assert not response.cookies


@pytest.mark.django_db
def test_readyz_is_503_with_the_reason_when_the_database_fails(client, monkeypatch):
    def broken():
        raise DatabaseError("no such table")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["ready"] is False
    assert body["checks"] == {"database": "unavailable: DatabaseError"}


@pytest.mark.django_db
def test_readyz_is_503_when_migrations_are_missing(client, monkeypatch):
    monkeypatch.setitem(health.CHECKS, "migrations", lambda: "2 migrations not applied")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["migrations"] == "2 migrations not applied"


def test_access_log_skips_health_checks(monkeypatch):
    from gunicorn.glogging import Logger

    from gilde.core.serving import AccessLogger

    logged = []
    monkeypatch.setattr(Logger, "access", lambda self, r, q, environ, t: logged.append(environ))
    logger = AccessLogger.__new__(AccessLogger)  # no gunicorn configuration needed
    for path in ("/healthz", "/readyz", "/c/x/"):
        logger.access(None, None, {"PATH_INFO": path}, 0)
    assert [environ["PATH_INFO"] for environ in logged] == ["/c/x/"]
