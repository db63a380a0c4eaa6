"""Importing ties from CSV or XLSX on the shared table machinery (`gilde.core.tabular`): the
columns a file can have, their header words, and the check of every row against the CoP's
members, outside actors and kinds of tie, reported row by row. Nothing here writes."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gilde.core import tabular
from gilde.core.tabular import IGNORE, Problem, Report, RowReport

from .models import ActorKind

KIND = "monitoring.ties"
LIMITS = tabular.Limits(
    max_rows=5000,
    no_rows_message=gettext_lazy("The file has a header row but no ties under it."),
)

FIELDS = {
    "person": gettext_lazy("Member"),
    "other": gettext_lazy("With"),
    "other_kind": gettext_lazy("Who the other is"),
    "kind": gettext_lazy("Kind of tie"),
    "start": gettext_lazy("Start"),
    "end": gettext_lazy("End"),
    "note": gettext_lazy("Note"),
}
REQUIRED = ("person", "other", "kind", "start")
MAX_LENGTHS = {"note": 1000}
HEADER_GUESSES = {
    "person": {
        "persoon",
        "person",
        "lid",
        "member",
        "deelnemer",
        "participant",
        "naam",
        "name",
        "van",
        "from",
    },
    "other": {"met", "with", "ander", "other", "relatie", "contact", "naar", "to"},
    "other_kind": {"wie", "who", "soort", "type", "othertype", "typeander", "soortander"},
    "kind": {"soortband", "band", "tie", "kindoftie", "tiekind", "relatietype", "kind", "relation"},
    "start": {"start", "begin", "sinds", "since", "vanaf", "startdatum", "startdate"},
    "end": {"eind", "einde", "end", "tot", "until", "einddatum", "enddate"},
    "note": {"notitie", "note", "notes", "opmerking", "toelichting", "remarks"},
}
OTHER_KINDS = {
    "member": "member",
    "lid": "member",
    "deelnemer": "member",
    "organisation": "organisation",
    "organization": "organisation",
    "organisatie": "organisation",
    "person": "person",
    "persoon": "person",
}


def guess_mapping(headers: list[str]) -> list[str]:
    return tabular.guess_mapping(headers, HEADER_GUESSES)


@dataclass
class Lookups:
    """The CoP's members (by lower-case e-mail and by name), outside actors and kinds of tie."""

    members: dict  # key → membership
    actors: dict  # lower-case name → actor
    kinds: dict  # lower-case label or key → kind


def _key(value: str) -> str:
    return " ".join(value.lower().split())


def _date(value: str) -> date | None:
    value = value.strip()[:10]
    for parse in (date.fromisoformat, _dutch_date):
        try:
            return parse(value)
        except ValueError:
            continue
    return None


def _dutch_date(value: str) -> date:
    day, month, year = value.replace("/", "-").split("-")
    return date(int(year), int(month), int(day))


def check_tie_rows(
    *,
    headers: list[str],
    rows: list[list[str]],
    numbers: list[int],
    mapping: list[str],
    lookups: Lookups,
) -> Report:
    """Check every row: a known member, a known other end (a member, a known outside actor, or a
    new outside actor when the row says it is an organisation or person), a known kind, dates
    that read (1990–2199) with the end not before the start, and not a tie to oneself."""
    columns = {name: index for index, name in enumerate(mapping) if name != IGNORE}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ValueError(f"the mapping needs {missing}")
    reports = []
    for number, row in zip(numbers, rows, strict=True):
        report = RowReport(number=number, values={})
        for name, index in columns.items():
            header = headers[index]
            value, problem = tabular.clean_cell(
                row[index] if index < len(row) else "",
                header=header,
                max_length=MAX_LENGTHS.get(name, 150),
                multi=name == "note",
            )
            if problem is not None:
                report.problems.append(problem)
                continue
            report.values[name] = value
        _check_meaning(report, headers, columns, lookups)
        reports.append(report)
    return Report(rows=reports)


def _check_meaning(report: RowReport, headers, columns, lookups: Lookups) -> None:
    values = report.values
    bad = {problem.column for problem in report.problems}

    def problem(name: str, message: str) -> None:
        report.problems.append(Problem(headers[columns[name]], values.get(name, ""), message))

    for name in REQUIRED:
        if headers[columns[name]] not in bad and not values.get(name):
            problem(name, _("This cell is empty."))
    person = lookups.members.get(_key(values.get("person", "")))
    if values.get("person") and person is None:
        problem("person", _("Unknown member: give a member's name or e-mail address."))
    other_kind = OTHER_KINDS.get(tabular.squeeze(values.get("other_kind", "")), "")
    if values.get("other_kind") and not other_kind:
        problem("other_kind", _("Unknown value: use member, organisation or person."))
    other = values.get("other", "")
    if other:
        member = lookups.members.get(_key(other))
        actor = lookups.actors.get(_key(other))
        if other_kind == "member" and member is None:
            problem("other", _("Unknown member: give a member's name or e-mail address."))
        elif member is None and actor is None and other_kind not in ("organisation", "person"):
            problem(
                "other",
                _(
                    "Unknown person or actor. Give a member, a known outside actor, or say in "
                    "the “who” column that it is an organisation or a person."
                ),
            )
        elif person is not None and member is not None and member.pk == person.pk:
            problem("other", _("A tie joins two different people, not someone to themselves."))
    if values.get("kind") and _key(values["kind"]) not in lookups.kinds:
        problem("kind", _("Unknown kind of tie: use one of the CoP's kinds."))
    start = _date(values.get("start", "")) if values.get("start") else None
    end = _date(values.get("end", "")) if values.get("end") else None
    for name, parsed in (("start", start), ("end", end)):
        if values.get(name) and (
            parsed is None or not date(1990, 1, 1) <= parsed <= date(2199, 12, 31)
        ):
            problem(name, _("Not a date: write it as 2026-03-31 or 31-03-2026."))
    if start and end and end < start:
        problem("end", _("The end lies before the start."))


def tie_row(values: dict, lookups: Lookups) -> dict:
    """The keyword arguments for `services.ties_import` from a checked row."""
    other = values["other"]
    other_kind = OTHER_KINDS.get(tabular.squeeze(values.get("other_kind", "")), "")
    member = lookups.members.get(_key(other)) if other_kind in ("", "member") else None
    actor = lookups.actors.get(_key(other)) if member is None else None
    row = {
        "member": lookups.members[_key(values["person"])],
        "kind": lookups.kinds[_key(values["kind"])],
        "started_on": _date(values["start"]),
        "ended_on": _date(values["end"]) if values.get("end") else None,
        "note": values.get("note", ""),
    }
    if member is not None:
        row["other_member"] = member
    else:
        row["actor_name"] = actor.name if actor else " ".join(other.split())
        row["actor_kind"] = actor.kind if actor else (other_kind or ActorKind.ORGANISATION)
    return row


def lookups_for(community) -> Lookups:
    members = {}
    for membership in community.memberships.select_related("user"):
        members[_key(membership.user.email)] = membership
        members.setdefault(_key(membership.user.name), membership)
    actors = {_key(actor.name): actor for actor in community.outside_actors.all()}
    kinds = {}
    for kind in community.tie_kinds.all():
        kinds[_key(kind.label)] = kind
        if kind.key:
            kinds[_key(kind.key)] = kind
    return Lookups(members, actors, kinds)
