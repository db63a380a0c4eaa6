"""Gilde's instruments, as the guidance names them: which exist, and where they are.

The guidance describes methods; where it says what Gilde does ("In Gilde leg je … vast"), that
sentence sits in an `in_gilde` block naming an instrument by a stable key (see
content/README.md). The page shows the sentence, and a link to the instrument, only when the app
that provides the instrument registered it here; until then the guidance describes the method
without promising software.

An app registers its instruments in its `AppConfig.ready()`:

    register_instrument("meeting_evaluation", url_name="meetings:evaluation_trend",
                        label=_("Evaluation trend"), action=Action.VIEW_MEETINGS)

`PLANNED` lists the keys the guidance already uses for instruments still to be built; a key in
the content that is neither registered nor planned is a typo, and a test says so.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gilde.communities.access import Action


@dataclass(frozen=True)
class Instrument:
    key: str
    url_name: str  # a URL inside a CoP: reversed with the CoP's slug
    label: Promise | str
    action: str | None = None  # the access action a viewer needs to follow the link
    url_kwargs: dict = field(default_factory=dict)

    def url(self, community) -> str:
        return reverse(self.url_name, kwargs={"slug": community.slug, **self.url_kwargs})


_REGISTRY: dict[str, Instrument] = {}

# Instruments the guidance names that later work will build (reports); their sentences stay
# hidden until the providing app registers them.
PLANNED = frozenset(
    {
        "organisation_report",
        "initiator_report",
        "public_results",
        "communication_plan",
        "observer_reports",
    }
)


def register_instrument(
    key: str,
    *,
    url_name: str,
    label: Promise | str,
    action: str | None = None,
    url_kwargs: dict | None = None,
) -> Instrument:
    """Announce that the instrument `key` exists, and where a CoP finds it."""
    instrument = Instrument(key, url_name, label, action, dict(url_kwargs or {}))
    registered = _REGISTRY.get(key)
    if registered is not None and registered != instrument:
        raise ValueError(f"Instrument {key!r} is registered twice")
    _REGISTRY[key] = instrument
    return instrument


def instrument(key: str) -> Instrument | None:
    """The registered instrument called `key`, or None while it does not exist."""
    return _REGISTRY.get(key)


def registered_keys() -> frozenset[str]:
    return frozenset(_REGISTRY)


def register_guide_instruments() -> None:
    """The guide's own instruments, and those of communities, which sits below the guide and
    cannot register here itself."""
    register_instrument(
        "readiness_signals",
        url_name="communities:detail",
        label=_("The CoP's step plan"),
        action=Action.VIEW_STEPS,
    )
    register_instrument(
        "work_form_library",
        url_name="guide:cop_library",
        label=_("Work forms"),
        action=Action.VIEW_WORK_FORMS,
    )
    register_instrument(
        "membership_policy",
        url_name="communities:settings",
        label=_("Settings"),
        action=Action.EDIT_SETTINGS,
    )
