"""Health endpoints for load balancers and monitoring, answered before any other middleware.

`/healthz` says the process is alive: no database, no session, no template, no cookie; it is
the cheapest response Gilde can give, and the benchmarks' baseline. `/readyz` says whether this
process can serve: the database answers, every migration is applied and the task queue is
reachable; otherwise 503 with the reason. Neither needs a login, and neither is written to the
access log (see gilde.core.serving).
"""

import json

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse

HEALTH_PATHS = frozenset({"/healthz", "/readyz"})
_migrations_applied = False  # once true in a process, it stays true


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return ""


def _check_migrations() -> str:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            return f"{len(pending)} migrations not applied"
        _migrations_applied = True
    return ""


def _check_task_queue() -> str:
    from django.conf import settings

    backend = settings.TASKS["default"]["BACKEND"]
    if backend == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
    return ""


CHECKS = {
    "database": _check_database,
    "migrations": _check_migrations,
    "task_queue": _check_task_queue,
}


def readiness() -> dict[str, str]:
    """Each check's problem, or "ok"; the first database error stops the rest."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check() or "ok"
        except DatabaseError as error:
            results[name] = f"unavailable: {error.__class__.__name__}"
            break
    return results


def _plain(body: bytes | str, status: int = 200, content_type: str = "text/plain") -> HttpResponse:
    response = HttpResponse(body, status=status, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


def health_middleware(get_response):
    """First in MIDDLEWARE: answer the two health paths before sessions, users and templates."""

    def middleware(request):
        if request.path_info == "/healthz":
            return _plain(b"ok")
        if request.path_info == "/readyz":
            results = readiness()
            ready = all(value == "ok" for value in results.values())
            body = json.dumps({"ready": ready, "checks": results})
            return _plain(body, 200 if ready else 503, "application/json")
        return get_response(request)

    return middleware
