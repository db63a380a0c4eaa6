"""Diversity and composition figures for a group. Plain Python, no Django (see METHODS.md §6).

Members are any objects with the attributes in `ATTRIBUTES` (a `GroupMember`, a `Candidate`, a
`Profile` below) or mappings with those keys. Values are compared after stripping spaces; a blank
value means "not filled in" and is left out of that attribute's figures.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The attributes the combined view averages over, in the order the dashboard shows them.
ATTRIBUTES = ("organisation", "industry", "function", "discipline", "knowledge_type", "pioneer")

PIONEER_CATEGORIES = ("pioneer", "follower")
KNOWLEDGE_CATEGORIES = ("practice", "theory", "both")


def blau(values: Iterable[str]) -> float:
    """Blau's index: the chance that two random members differ; blank values are left out."""
    counts = Counter(value for value in values if value)
    total = sum(counts.values())
    if total == 0:
        return 0.0
    return 1.0 - sum((count / total) ** 2 for count in counts.values())


def blau_max(categories: int) -> float:
    """The highest Blau's index k categories allow: 1 − 1/k (0 for one category or none)."""
    return 0.0 if categories <= 1 else 1.0 - 1.0 / categories


def blau_normalised(index: float, categories: int) -> float:
    """Blau's index as a share of its maximum for k categories: B·k/(k−1), 0 for k ≤ 1.

    Clamped to [0, 1] so rounding in the sum of squares never shows as 1.0000000002."""
    if categories <= 1:
        return 0.0
    return min(1.0, max(0.0, index * categories / (categories - 1)))


@dataclass(frozen=True)
class Profile:
    """A hypothetical member, for what-if figures and tests."""

    organisation: str = ""
    industry: str = ""
    function: str = ""
    discipline: str = ""
    knowledge_type: str = ""
    pioneer: str = ""


def value_of(member, attribute: str) -> str:
    raw = member.get(attribute, "") if isinstance(member, Mapping) else getattr(member, attribute)
    return (raw or "").strip()


@dataclass(frozen=True)
class AttributeFigures:
    """One attribute's counts and diversity."""

    attribute: str
    counts: tuple[tuple[str, int], ...]  # most frequent first, then by name
    missing: int  # members who left it blank
    blau: float
    maximum: float
    normalised: float

    @property
    def known(self) -> int:
        return sum(count for _value, count in self.counts)

    @property
    def categories(self) -> int:
        return len(self.counts)

    @property
    def has_data(self) -> bool:
        return bool(self.counts)


def attribute_figures(members: Iterable, attribute: str) -> AttributeFigures:
    values = [value_of(member, attribute) for member in members]
    counts = Counter(value for value in values if value)
    index = blau(values)
    return AttributeFigures(
        attribute=attribute,
        counts=tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))),
        missing=sum(1 for value in values if not value),
        blau=index,
        maximum=blau_max(len(counts)),
        normalised=blau_normalised(index, len(counts)),
    )


def combined_index(figures: Iterable[AttributeFigures]) -> float | None:
    """The mean of the normalised indices of the attributes that have data (None if none has)."""
    values = [figure.normalised for figure in figures if figure.has_data]
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class IndustryClash:
    industry: str
    organisations: tuple[str, ...]


def industry_clashes(members: Iterable) -> tuple[IndustryClash, ...]:
    """Industries with more than one organisation: a competition risk when the CoP admits one."""
    industries: dict[str, set[str]] = {}
    for member in members:
        industry, organisation = value_of(member, "industry"), value_of(member, "organisation")
        if industry and organisation:
            industries.setdefault(industry, set()).add(organisation)
    return tuple(
        IndustryClash(industry, tuple(sorted(orgs, key=str.casefold)))
        for industry, orgs in sorted(industries.items(), key=lambda item: item[0].casefold())
        if len(orgs) > 1
    )


def single_organisations(members: Iterable) -> tuple[str, ...]:
    """Organisations with only one participant: the toolbox advises several, for continuity."""
    counts = Counter(value_of(member, "organisation") for member in members)
    counts.pop("", None)
    return tuple(sorted((org for org, count in counts.items() if count == 1), key=str.casefold))


@dataclass(frozen=True)
class Mix:
    """Counts over fixed categories, plus the members who left the attribute blank."""

    counts: tuple[tuple[str, int], ...]
    missing: int

    def count(self, category: str) -> int:
        return dict(self.counts).get(category, 0)


def mix(members: Iterable, attribute: str, categories: tuple[str, ...]) -> Mix:
    values = Counter(value_of(member, attribute) for member in members)
    known = {category: values.pop(category, 0) for category in categories}
    # Values outside the categories (old data, an import) count as not filled in.
    return Mix(counts=tuple(known.items()), missing=sum(values.values()))


@dataclass(frozen=True)
class Composition:
    """Every figure of the composition dashboard for one group."""

    size: int
    attributes: tuple[AttributeFigures, ...]
    combined: float | None
    industry_clashes: tuple[IndustryClash, ...]
    single_organisations: tuple[str, ...]
    pioneer_mix: Mix
    knowledge_mix: Mix

    def attribute(self, name: str) -> AttributeFigures:
        return next(figure for figure in self.attributes if figure.attribute == name)

    @property
    def has_practice_and_theory(self) -> bool:
        mix = self.knowledge_mix
        return mix.count("both") > 0 or (mix.count("practice") > 0 and mix.count("theory") > 0)


def composition(members: Iterable) -> Composition:
    """All figures for these members."""
    members = list(members)
    figures = tuple(attribute_figures(members, attribute) for attribute in ATTRIBUTES)
    return Composition(
        size=len(members),
        attributes=figures,
        combined=combined_index(figures),
        industry_clashes=industry_clashes(members),
        single_organisations=single_organisations(members),
        pioneer_mix=mix(members, "pioneer", PIONEER_CATEGORIES),
        knowledge_mix=mix(members, "knowledge_type", KNOWLEDGE_CATEGORIES),
    )


def what_if(members: Iterable, extra: Iterable) -> Composition:
    """The figures as they would be if the `extra` (hypothetical) members joined."""
    return composition([*members, *extra])
