"""Limits on e-mails that anyone can make Gilde send: per recipient address and per client.

The counters live in the database (`ThrottleCounter`), not in Django's cache: the default cache is
per process, so each gunicorn worker (and each machine behind a load balancer) would count on its
own, and a database cache table would need a `createcachetable` step that `migrate` does not do.
The database is already shared by every process and needs no further configuration. A counter is
a fixed window that starts at its first hit; `throttle_counters_expire` removes old ones.

Each limit counts requests, never accounts, so hitting one says nothing about whether an address
has an account.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .models import ThrottleCounter

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Limit:
    count: int
    window: timedelta


# Per scope: how many in which window. "address" scopes count e-mails per recipient address;
# "client" scopes count requests per IP address (anonymous forms) or per sending account.
LIMITS = {
    "register:address": Limit(3, HOUR),
    "register:client": Limit(20, HOUR),
    "reset:address": Limit(3, HOUR),
    "reset:client": Limit(20, HOUR),
    "confirm:address": Limit(3, HOUR),
    "invitation:address": Limit(5, DAY),
    "invitation:client": Limit(100, DAY),
    "comment_request:address": Limit(5, DAY),
    "comment_request:client": Limit(20, DAY),
    # REST API requests, per personal access token and per logged-in browser.
    "api:token": Limit(1000, HOUR),
    "api:session": Limit(1000, HOUR),
}

THROTTLED_MESSAGES = {
    "address": _("Several e-mails went to this address a short while ago. Please try again later."),
    "client": _("You have asked for many e-mails in a short while. Please try again later."),
}


class Throttled(Exception):
    """Too many e-mails for one address or from one client; `message` says so to the user."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind

    @property
    def message(self) -> str:
        return str(THROTTLED_MESSAGES[self.kind])


def _key(scope: str, value: str) -> str:
    message = f"{scope}:{value.strip().lower()}"
    return salted_hmac("gilde.core.throttle", message, algorithm="sha256").hexdigest()


def throttle_hit(*, scope: str, value: str) -> bool:
    """Count one e-mail for `value` (an address or a client) in `scope`; False when the limit
    was reached already, and then nothing is counted."""
    limit = LIMITS[scope]
    now = timezone.now()
    key = _key(scope, value)
    with transaction.atomic():
        counter, created = ThrottleCounter.objects.select_for_update().get_or_create(
            key=key, defaults={"window_start": now, "count": 1}
        )
        if created:
            return True
        if counter.window_start <= now - limit.window:
            counter.window_start, counter.count = now, 1
        elif counter.count >= limit.count:
            return False
        else:
            counter.count += 1
        counter.save(update_fields=["window_start", "count"])
    return True


def throttle_check(*, action: str, client: str, addresses: Sequence[str] = ()) -> None:
    """Count one request of `action` from `client` for each address; raise `Throttled` when the
    client or one of the addresses has reached its limit."""
    if not throttle_hit(scope=f"{action}:client", value=client):
        raise Throttled("client")
    for address in addresses:
        if not throttle_hit(scope=f"{action}:address", value=address):
            raise Throttled("address")


def throttle_counters_expire() -> int:
    """Delete counters whose window has ended; returns how many."""
    longest = max(limit.window for limit in LIMITS.values())
    deleted, _ = ThrottleCounter.objects.filter(window_start__lt=timezone.now() - longest).delete()
    return deleted


def client_address(request) -> str:
    """The client's IP address. Behind `GILDE_PROXIES` reverse proxies, each of which appends
    the address it saw to X-Forwarded-For, it is the entry that the outermost proxy added."""
    proxies = settings.GILDE_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
