"""The guide's content: the "What is a CoP?" page, the eight steps with their tips and tools, and
the work-form library, read from the TOML files under content/ (see content/README.md).

Plain Python without Django, so the checks can run on their own: `python -m gilde.guide.content`.
"""

import re
import sys
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import markdown
import nh3

CONTENT_DIR = Path(__file__).parent / "content"
LANGUAGES = ("nl", "en")
STEP_KEYS = {
    1: "question",
    2: "group",
    3: "impact",
    4: "facilitators",
    5: "responsibility",
    6: "monitor",
    7: "experiment",
    8: "communicate",
}
KINDS = {"tip", "tool"}
FAMILIES = {"liberating-structures", "other"}
STAGES = ("solo", "pair", "trio", "quad", "small-group", "plenary")
TGI = ("i", "we", "it", "globe")
SIDES = ("rational", "physical", "creative", "intuitive")
PURPOSES = (
    "connect",
    "generate",
    "make-sense",
    "decide",
    "reflect",
    "share-practice",
    "plan",
    "feedback",
    "experiment",
)
PER = ("", "round", "client")

_ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "a", "br", "blockquote", "code", "h3", "h4"}


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to show: a few tags, and links that cannot run scripts."""
    html = markdown.markdown(text or "", extensions=["sane_lists"])
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
    )


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class InGilde:
    """A sentence about what Gilde does, shown only while its instrument exists (see
    gilde/guide/instruments.py); `html` is rendered and safe."""

    instrument: str
    html: str


@dataclass(frozen=True)
class Item:
    """A tip or a tool of one step."""

    id: str
    step: int
    kind: str
    title: str
    body: str
    links: tuple[Link, ...] = ()
    in_gilde: tuple[InGilde, ...] = ()


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str
    summary: str
    purpose: str
    approach: str
    items: tuple[Item, ...]
    in_gilde: tuple[InGilde, ...] = ()

    @property
    def tips(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.kind == "tip")

    @property
    def tools(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.kind == "tool")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str
    in_gilde: tuple[InGilde, ...] = ()


@dataclass(frozen=True)
class About:
    title: str
    intro: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class WorkForm:
    """One work form, built in or a CoP's own; texts in one language, HTML already safe."""

    key: str
    family: str
    name: str
    purpose: str
    how_to: str
    min_minutes: int
    max_minutes: int
    per: str
    stages: tuple[str, ...]
    min_group: int
    max_group: int
    tgi: tuple[str, ...]
    sides: tuple[str, ...]
    purposes: tuple[str, ...]
    steps: tuple[int, ...]
    source_url: str = ""
    source: str = ""
    licence: str = ""
    own_pk: int | None = None  # set for a CoP's own work form
    shared: bool = False  # a CoP's own form it shares with its programmes' library
    search_text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Guide:
    language: str
    about: About
    steps: tuple[Step, ...]
    work_forms: tuple[WorkForm, ...]

    def step(self, number: int) -> Step | None:
        return next((step for step in self.steps if step.number == number), None)

    def item(self, item_id: str) -> Item | None:
        return next((i for step in self.steps for i in step.items if i.id == item_id), None)

    def work_form(self, key: str) -> WorkForm | None:
        return next((form for form in self.work_forms if form.key == key), None)


class ContentError(ValueError):
    """A content file is missing or malformed; the message names the file and the problem."""


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path}: {error}") from error


def _require(data: dict, keys: tuple[str, ...], where: str) -> None:
    missing = [key for key in keys if not str(data.get(key, "")).strip()]
    if missing:
        raise ContentError(f"{where}: missing {', '.join(missing)}")


INSTRUMENT_KEY = re.compile(r"[a-z][a-z0-9_]*")


def _in_gilde(data: dict, where: str) -> tuple[InGilde, ...]:
    """The `in_gilde` blocks of a step, item or section: what Gilde does, per instrument."""
    blocks = []
    for raw in data.get("in_gilde", []):
        _require(raw, ("instrument", "text"), f"{where} in_gilde")
        if not INSTRUMENT_KEY.fullmatch(raw["instrument"]):
            raise ContentError(f"{where}: instrument key {raw['instrument']!r} is not a key")
        blocks.append(InGilde(raw["instrument"], render_markdown(raw["text"])))
    return tuple(blocks)


def _about(language: str) -> About:
    path = CONTENT_DIR / language / "about.toml"
    data = _read(path)
    _require(data, ("title", "intro"), str(path))
    sections = []
    for raw in data.get("sections", []):
        where = f"{path} section {raw.get('id')}"
        _require(raw, ("id", "title", "body"), where)
        sections.append(
            Section(raw["id"], raw["title"], render_markdown(raw["body"]), _in_gilde(raw, where))
        )
    return About(data["title"], render_markdown(data["intro"]), tuple(sections))


def _steps(language: str) -> tuple[Step, ...]:
    steps = []
    for path in sorted((CONTENT_DIR / language / "steps").glob("*.toml")):
        data = _read(path)
        _require(data, ("number", "key", "title", "summary", "purpose", "approach"), str(path))
        number = data["number"]
        if STEP_KEYS.get(number) != data["key"]:
            raise ContentError(f"{path}: step {number} must have key {STEP_KEYS.get(number)!r}")
        items = []
        for raw in data.get("items", []):
            where = f"{path} item {raw.get('id')}"
            _require(raw, ("id", "kind", "title", "body"), where)
            if raw["kind"] not in KINDS:
                raise ContentError(f"{where}: kind must be tip or tool")
            links = tuple(Link(link["title"], link["url"]) for link in raw.get("links", []))
            items.append(
                Item(
                    raw["id"],
                    number,
                    raw["kind"],
                    raw["title"],
                    render_markdown(raw["body"]),
                    links,
                    _in_gilde(raw, where),
                )
            )
        steps.append(
            Step(
                number=number,
                key=data["key"],
                title=data["title"],
                summary=data["summary"],
                purpose=render_markdown(data["purpose"]),
                approach=render_markdown(data["approach"]),
                items=tuple(items),
                in_gilde=_in_gilde(data, str(path)),
            )
        )
    return tuple(sorted(steps, key=lambda step: step.number))


def _check_choices(values, allowed, where: str, name: str) -> tuple:
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise ContentError(f"{where}: unknown {name} {unknown}")
    return tuple(values)


def _work_forms(language: str) -> tuple[WorkForm, ...]:
    forms = []
    for path in sorted((CONTENT_DIR / "work_forms").glob("*.toml")):
        texts_path = CONTENT_DIR / language / "work_forms" / path.name
        texts = _read(texts_path).get("work_forms", {}) if texts_path.exists() else {}
        for raw in _read(path).get("work_forms", []):
            key = raw.get("key", "?")
            where = f"{path} {key}"
            _require(raw, ("key", "family", "min_minutes", "max_minutes", "stages"), where)
            text = texts.get(key)
            if text is None:
                raise ContentError(f"{texts_path}: no texts for {key}")
            _require(text, ("name", "purpose", "how_to"), f"{texts_path} {key}")
            if raw["family"] not in FAMILIES:
                raise ContentError(f"{where}: unknown family {raw['family']!r}")
            if not 0 < raw["min_minutes"] <= raw["max_minutes"]:
                raise ContentError(f"{where}: minutes must satisfy 0 < min <= max")
            if not 1 <= raw.get("min_group", 1) <= raw.get("max_group", 1000):
                raise ContentError(f"{where}: group sizes must satisfy 1 <= min <= max")
            forms.append(
                WorkForm(
                    key=key,
                    family=raw["family"],
                    name=text["name"],
                    purpose=text["purpose"],
                    how_to=render_markdown(text["how_to"]),
                    min_minutes=raw["min_minutes"],
                    max_minutes=raw["max_minutes"],
                    per=_check_choices([raw.get("per", "")], PER, where, "per")[0],
                    stages=_check_choices(raw["stages"], STAGES, where, "stages"),
                    min_group=raw.get("min_group", 1),
                    max_group=raw.get("max_group", 1000),
                    tgi=_check_choices(raw.get("tgi", []), TGI, where, "tgi"),
                    sides=_check_choices(raw.get("sides", []), SIDES, where, "sides"),
                    purposes=_check_choices(raw.get("purposes", []), PURPOSES, where, "purposes"),
                    steps=_check_choices(raw.get("steps", []), STEP_KEYS, where, "steps"),
                    source_url=raw.get("source_url", ""),
                    source=raw.get("source", ""),
                    licence=raw.get("licence", ""),
                    search_text=" ".join([text["name"], text["purpose"], text["how_to"]]).lower(),
                )
            )
    keys = [form.key for form in forms]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise ContentError(f"duplicate work-form keys: {sorted(duplicates)}")
    return tuple(sorted(forms, key=lambda form: form.name.lower()))


@cache
def load_guide(language: str) -> Guide:
    """The whole guide in `language` (nl or en), read once per process."""
    if language not in LANGUAGES:
        language = LANGUAGES[0]
    return Guide(language, _about(language), _steps(language), _work_forms(language))


def seed_ids() -> list[tuple[str, int, str]]:
    """(id, step, kind) of every tip and tool of the original toolbox."""
    rows = []
    for line in (CONTENT_DIR / "seed_ids.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            item_id, step, kind = line.split()[:3]
            rows.append((item_id, int(step), kind))
    return rows


def _texts_with_blocks(guide: Guide):
    """(where, free text, in_gilde blocks) for every part of the guide that has them."""
    yield "about intro", guide.about.intro, ()
    for section in guide.about.sections:
        yield f"about section {section.id}", section.body, section.in_gilde
    for step in guide.steps:
        free = " ".join([step.title, step.summary, step.purpose, step.approach])
        yield f"step {step.number}", free, step.in_gilde
        for item in step.items:
            yield item.id, f"{item.title} {item.body}", item.in_gilde


def claims_outside_blocks(guide: Guide) -> list[str]:
    """Parts whose own text speaks of Gilde: such a sentence belongs in an `in_gilde` block, so
    that it shows only while the instrument it describes exists."""
    return [where for where, text, _blocks in _texts_with_blocks(guide) if "Gilde" in text]


def instrument_keys(guide: Guide) -> dict[str, tuple[str, ...]]:
    """The instruments each part of the guide names, by part."""
    return {
        where: tuple(block.instrument for block in blocks)
        for where, _text, blocks in _texts_with_blocks(guide)
    }


def problems() -> list[str]:
    """Everything wrong with the content, in words; empty when all is well."""
    found = []
    guides = {}
    for language in LANGUAGES:
        try:
            guides[language] = load_guide.__wrapped__(language)
        except ContentError as error:
            found.append(f"[{language}] {error}")
    for language, guide in guides.items():
        for where in claims_outside_blocks(guide):
            found.append(f"[{language}] {where} speaks of Gilde outside an in_gilde block")
        numbers = [step.number for step in guide.steps]
        if numbers != list(STEP_KEYS):
            found.append(f"[{language}] steps present: {numbers}, expected 1 to 8")
        for item_id, step, kind in seed_ids():
            item = guide.item(item_id)
            if item is None:
                found.append(f"[{language}] seed {kind} {item_id} (step {step}) has no content")
            elif (item.step, item.kind) != (step, kind):
                found.append(f"[{language}] {item_id} should be a {kind} of step {step}")
    if len(guides) == len(LANGUAGES):
        ids = {lang: {i.id for s in g.steps for i in s.items} for lang, g in guides.items()}
        keys = {lang: {f.key for f in g.work_forms} for lang, g in guides.items()}
        if ids["nl"] != ids["en"]:
            found.append(f"tips/tools differ between nl and en: {sorted(ids['nl'] ^ ids['en'])}")
        if keys["nl"] != keys["en"]:
            found.append(f"work forms differ between nl and en: {sorted(keys['nl'] ^ keys['en'])}")
        named = {lang: instrument_keys(g) for lang, g in guides.items()}
        for where in sorted(set(named["nl"]) | set(named["en"])):
            if named["nl"].get(where) != named["en"].get(where):
                found.append(f"{where}: instruments differ between nl and en")
    return found


if __name__ == "__main__":
    issues = problems()
    for issue in issues:
        print(issue)
    for language in LANGUAGES:
        try:
            guide = load_guide(language)
            print(
                f"{language}: {len(guide.steps)} steps, "
                f"{sum(len(s.items) for s in guide.steps)} tips/tools, "
                f"{len(guide.work_forms)} work forms"
            )
        except ContentError:
            pass
    sys.exit(1 if issues else 0)
