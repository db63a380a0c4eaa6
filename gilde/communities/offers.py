"""Small facts that one step app offers to the others, registered from the providing app.

- `register_poll_maker`: the decisions app (step 5) turns a text into a draft poll and returns
  the address to finish it at. Until it registers, no page offers "make it a poll".
- `register_public_page`: the reports app (step 8) says whether a CoP has a public results page,
  and (`urls`) where it is for a list of CoPs (the directory links to it). Until it registers,
  nothing may be shared as public.
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


def register_public_page(
    check: Callable[[Community], bool],
    urls: Callable[[list[Community]], dict[int, str]] | None = None,
) -> None:
    """`check(community)`: whether it has a public page; `urls(communities)`: {id: address} of
    those that have one (one query for the whole list)."""
    _REGISTRY["public_page"] = check
    if urls is not None:
        _REGISTRY["public_page_urls"] = urls


def has_public_page(community: Community) -> bool:
    check = _REGISTRY.get("public_page")
    return bool(check and check(community))


def public_page_urls(communities: list[Community]) -> dict[int, str]:
    """The public results page of each CoP in the list that has one, by the CoP's id."""
    urls = _REGISTRY.get("public_page_urls")
    return urls(communities) if urls and communities else {}
