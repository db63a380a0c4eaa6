"""gunicorn's access log without the health checks' noise (`--logger-class` in gilde.cli)."""

from gunicorn.glogging import Logger

from .health import HEALTH_PATHS


class AccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") in HEALTH_PATHS:
            return
        super().access(resp, req, environ, request_time)
