"""How each person wants to hear from Gilde by e-mail: each e-mail, a weekly digest, or none.

The setting is kept by the meetings app (one digest setting per person, DESIGN.md §2); apps that
send e-mail read it here, through the provider it registers: a function `(users)` that returns
{user id: mode} for the given users in one query. Without a provider, everybody gets each e-mail.
"""

from collections.abc import Callable, Iterable

EACH, DIGEST, OFF = "each", "digest", "off"

Provider = Callable[[list], dict[int, str]]
_PROVIDER: list[Provider] = []


def register_mail_preferences(provider: Provider) -> None:
    _PROVIDER[:] = [provider]


def mail_preferences(users: Iterable) -> dict[int, str]:
    """{user id: EACH, DIGEST or OFF} for `users`."""
    users = list(users)
    found = _PROVIDER[0](users) if _PROVIDER else {}
    return {user.pk: found.get(user.pk, EACH) for user in users}


def wants_each_mail(users: Iterable) -> list:
    """Those of `users` who want each e-mail as it happens (digest readers and those who turned
    e-mail off are left out)."""
    users = list(users)
    modes = mail_preferences(users)
    return [user for user in users if modes[user.pk] == EACH]
