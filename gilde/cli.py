"""The `gilde` command: `gilde serve`, `gilde worker` (background tasks and the meeting e-mail
clock, in gilde/meetings/management/commands/worker.py), `gilde demo`, and every manage.py command.
"""

import os
import sys

# The access log leaves out query strings (a calendar feed's personal token travels in one) and the
# Referer (which can hold such an address too).
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'


def serve(args: list[str]) -> int:
    """Run Gilde under gunicorn; PORT, GILDE_BIND and GILDE_WORKERS adjust where and how."""
    import gunicorn.http.wsgi
    from gunicorn.app.wsgiapp import run

    # The Server header names no software or version: nothing for a scanner to match.
    gunicorn.http.wsgi.SERVER = "Gilde"
    bind = os.environ.get("GILDE_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
    workers = os.environ.get("GILDE_WORKERS", "2")
    sys.argv = [
        "gunicorn",
        "--bind",
        bind,
        "--workers",
        workers,
        "--access-logfile",
        "-",
        "--logger-class",
        "gilde.core.serving.AccessLogger",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--graceful-timeout",
        "5",
        # gunicorn's control socket sits at one path per user; several Gildes on one machine
        # would fight over it, and nothing here uses it.
        "--no-control-socket",
        *args,
        "gilde.wsgi:application",
    ]
    return run() or 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gilde.settings")
    if len(argv) > 1 and argv[1] == "serve":
        return serve(argv[2:])
    from django.core.management import execute_from_command_line

    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")  # `gilde seed-scale` runs seed_scale

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
