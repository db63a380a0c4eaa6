"""Small facts that one step app offers to the others, registered from the providing app.

- `register_poll_maker`: the decisions app (step 5) turns a text into a draft poll and returns
  the address to finish it at. Until it registers, no page offers "make it a poll".
- `register_public_page`: the reports app (step 8) says whether a CoP has a public results page.
  Until it does, nothing may be shared as public.
(How a person wants to hear from Gilde by e-mail is in `preferences.py`.)
"""

from collections.abc import Callable

from .models import Community

_REGISTRY: dict[str, Callable] = {}


def register_poll_maker(maker: Callable[..., str]) -> None:
    """`maker(*, community, actor, title, description) -> url` of the new draft poll."""
    _REGISTRY["poll"] = maker


def poll_maker() -> Callable[..., str] | None:
    return _REGISTRY.get("poll")


def register_public_page(check: Callable[[Community], bool]) -> None:
    _REGISTRY["public_page"] = check


def has_public_page(community: Community) -> bool:
    check = _REGISTRY.get("public_page")
    return bool(check and check(community))
