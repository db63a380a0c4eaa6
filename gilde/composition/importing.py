"""Reading and checking a file of candidates: CSV or XLSX in, rows of text and a report out.

Nothing here touches the database. The reading itself, within limits on bytes, rows, columns,
cells and time, and the row report are Gilde's shared table machinery (`gilde.core.tabular`);
this module holds what is step 2's own: the limits it reads with, the fields a column can fill,
their header words, and the check of each row against the CoP's people. The parsed rows wait in
a staging row between the upload, the column mapping and the preview (`communities.staging`);
`check_rows` is run again right before the import, so what is imported is what the person saw.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gilde.core import tabular
from gilde.core.tabular import (  # noqa: F401  (step 2's import speaks of these by these names)
    FORMULA_PREFIXES,
    IGNORE,
    Deadline,
    ImportFileError,
    Problem,
    Report,
    RowReport,
    Table,
    escape_formula,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 40
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# The parsed rows wait in a staging row as JSON; this keeps it within reason.
MAX_SESSION_CHARS = 3_000_000
# Rows in the file, empty ones included, and cells in an XLSX's sheet.
MAX_SHEET_ROWS = 20_000
MAX_CELLS = 400_000
# An XLSX's parts: how many, and how large each may unpack to.
MAX_PARTS = 1_000
MAX_SHARED_STRINGS = 100_000
MAX_SHARED_STRINGS_BYTES = 20 * 1024 * 1024
MAX_SHEET_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 5 * 1024 * 1024
# Files up to these sizes are read during the upload; larger ones by the background worker.
INLINE_BYTES = 256 * 1024
INLINE_UNPACKED_BYTES = 2 * 1024 * 1024
# How long reading may take, during a request and in the worker.
INLINE_SECONDS = 10
BACKGROUND_SECONDS = 60
# The worker reports its progress every so many rows.
PROGRESS_EVERY = 250

# The fields a column can fill, in the order the mapping step offers them.
FIELDS = {
    "name": gettext_lazy("Name"),
    "email": gettext_lazy("E-mail address"),
    "organisation": gettext_lazy("Organisation"),
    "industry": gettext_lazy("Industry"),
    "function": gettext_lazy("Function"),
    "discipline": gettext_lazy("Discipline"),
    "knowledge_type": gettext_lazy("Knowledge background"),
    "pioneer": gettext_lazy("Pioneer or follower"),
    "notes": gettext_lazy("Notes"),
}

MAX_LENGTHS = {"email": 254, "notes": 3000}
MULTI_LINE_FIELDS = {"notes"}
DEFAULT_MAX_LENGTH = 150

# Header words, Dutch and English, squeezed to lower-case letters only (see `tabular.squeeze`).
HEADER_GUESSES = {
    "name": {
        "naam",
        "name",
        "volledigenaam",
        "fullname",
        "kandidaat",
        "candidate",
        "deelnemer",
        "participant",
        "persoon",
        "person",
    },
    "email": {
        "email",
        "emailadres",
        "emailaddress",
        "mail",
        "mailadres",
        "eadres",
    },
    "organisation": {
        "organisatie",
        "organisation",
        "organization",
        "bedrijf",
        "company",
        "werkgever",
        "employer",
        "instelling",
        "institution",
    },
    # "sector" is the column's old name: files made before the rename still import.
    "industry": {"industry", "branche", "branch", "industrie", "sector"},
    "function": {
        "functie",
        "function",
        "functietitel",
        "jobtitle",
        "job",
        "position",
        "positie",
    },
    "discipline": {"discipline", "vakgebied", "vak", "field", "expertise", "vakdiscipline"},
    "knowledge_type": {
        "kennisachtergrond",
        "knowledgebackground",
        "kennis",
        "knowledge",
        "kennistype",
        "knowledgetype",
        "achtergrond",
        "background",
        "praktijkoftheorie",
        "praktijktheorie",
        "practiceortheory",
        "practicetheory",
    },
    "pioneer": {
        "pionier",
        "pioneer",
        "pionierofvolger",
        "pioniervolger",
        "pioneerorfollower",
        "pioneerfollower",
        "voorloper",
        "voorlopervolger",
        "volger",
        "follower",
    },
    "notes": {
        "notities",
        "notitie",
        "notes",
        "note",
        "opmerkingen",
        "opmerking",
        "toelichting",
        "remarks",
        "comments",
        "aantekeningen",
    },
}

KNOWLEDGE_VALUES = {
    "practice": "practice",
    "praktijk": "practice",
    "theory": "theory",
    "theorie": "theory",
    "both": "both",
    "beide": "both",
    "beiden": "both",
    "practiceandtheory": "both",
    "theoryandpractice": "both",
    "praktijkentheorie": "both",
    "theorieenpraktijk": "both",
}

PIONEER_VALUES = {
    "pioneer": "pioneer",
    "pionier": "pioneer",
    "voorloper": "pioneer",
    "follower": "follower",
    "volger": "follower",
}


def limits() -> tabular.Limits:
    """The limits above, read when called (so a test may lower one)."""
    return tabular.Limits(
        max_bytes=MAX_BYTES,
        max_rows=MAX_ROWS,
        max_columns=MAX_COLUMNS,
        max_unpacked_bytes=MAX_UNPACKED_BYTES,
        max_session_chars=MAX_SESSION_CHARS,
        max_sheet_rows=MAX_SHEET_ROWS,
        max_cells=MAX_CELLS,
        max_parts=MAX_PARTS,
        max_shared_strings=MAX_SHARED_STRINGS,
        max_shared_strings_bytes=MAX_SHARED_STRINGS_BYTES,
        max_sheet_bytes=MAX_SHEET_BYTES,
        max_part_bytes=MAX_PART_BYTES,
        inline_bytes=INLINE_BYTES,
        inline_unpacked_bytes=INLINE_UNPACKED_BYTES,
        inline_seconds=INLINE_SECONDS,
        background_seconds=BACKGROUND_SECONDS,
        progress_every=PROGRESS_EVERY,
        no_rows_message=gettext_lazy("The file has a header row but no people under it."),
    )


def check_upload(filename: str, data: bytes) -> bool:
    """The quick checks of an upload (see `tabular.check_upload`); True when the file is large
    enough to be read by the background worker."""
    return tabular.check_upload(filename, data, limits())


def inspect_xlsx(data: bytes) -> int:
    return tabular.inspect_xlsx(data, limits())


def read_table(
    filename: str,
    data: bytes,
    *,
    seconds: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> Table:
    """Read an uploaded CSV or XLSX file within step 2's limits; raise ImportFileError with a
    message when it can't."""
    return tabular.read_table(filename, data, limits=limits(), seconds=seconds, progress=progress)


def guess_mapping(headers: list[str]) -> list[str]:
    """For each header the field it probably holds, or "ignore". Each field is guessed once."""
    return tabular.guess_mapping(headers, HEADER_GUESSES)


def _email_key(value: str) -> str:
    return value.strip().lower()


def _name_key(value: str) -> str:
    return " ".join(value.lower().split())


def check_rows(
    *,
    headers: list[str],
    rows: list[list[str]],
    numbers: list[int],
    mapping: list[str],
    candidate_emails: set[str],
    member_emails: set[str],
    candidate_names_without_email: set[str],
) -> Report:
    """Check every row against the mapping and the CoP's people; report each problem per column.

    Emails and names in the sets are compared lower-case. A person is the same when the e-mail
    address is; rows without one (only when no e-mail column is mapped) compare by name.
    """
    columns = {name: index for index, name in enumerate(mapping) if name != IGNORE}
    email_mapped = "email" in columns
    if "name" not in columns:
        raise ValueError("the mapping needs a name column")
    first_email_row: dict[str, int] = {}
    first_name_row: dict[str, int] = {}
    reports = []
    for number, row in zip(numbers, rows, strict=True):
        report = RowReport(number=number, values={})
        for name, index in columns.items():
            header = headers[index]
            value = row[index] if index < len(row) else ""
            # The same cleaning as typed text: names on one line, notes without NUL.
            value, problem = tabular.clean_cell(
                value,
                header=header,
                max_length=MAX_LENGTHS.get(name, DEFAULT_MAX_LENGTH),
                multi=name in MULTI_LINE_FIELDS,
            )
            if problem is not None:
                report.problems.append(problem)
                continue
            if name == "knowledge_type" and value:
                known = KNOWLEDGE_VALUES.get(tabular.squeeze(value))
                if known is None:
                    report.problems.append(
                        Problem(
                            header,
                            value,
                            _("Unknown knowledge background: use practice, theory or both."),
                        )
                    )
                    continue
                value = known
            if name == "pioneer" and value:
                known = PIONEER_VALUES.get(tabular.squeeze(value))
                if known is None:
                    report.problems.append(
                        Problem(header, value, _("Unknown value: use pioneer or follower."))
                    )
                    continue
                value = known
            if name == "email":
                value = value.lower()
                if not value:
                    report.problems.append(
                        Problem(header, value, _("The e-mail address is missing."))
                    )
                    continue
                try:
                    validate_email(value)
                except ValidationError:
                    report.problems.append(
                        Problem(header, value, _("This is not a valid e-mail address."))
                    )
                    continue
            report.values[name] = value

        if not report.values.get("name") and not any(
            problem.column == headers[columns["name"]] for problem in report.problems
        ):
            report.problems.append(Problem(headers[columns["name"]], "", _("The name is missing.")))

        email = report.values.get("email", "")
        if email:
            header = headers[columns["email"]]
            if email in member_emails:
                report.problems.append(Problem(header, email, _("Already a member of this CoP.")))
            elif email in candidate_emails:
                report.problems.append(
                    Problem(header, email, _("Already a candidate in this CoP."))
                )
            elif email in first_email_row:
                report.problems.append(
                    Problem(
                        header,
                        email,
                        _("The same e-mail address as row %(row)s.")
                        % {"row": first_email_row[email]},
                    )
                )
            else:
                first_email_row[email] = number
        elif not email_mapped and report.values.get("name"):
            name_key = _name_key(report.values["name"])
            header = headers[columns["name"]]
            if name_key in candidate_names_without_email:
                report.problems.append(
                    Problem(header, report.values["name"], _("Already a candidate in this CoP."))
                )
            elif name_key in first_name_row:
                report.problems.append(
                    Problem(
                        header,
                        report.values["name"],
                        _("The same name as row %(row)s.") % {"row": first_name_row[name_key]},
                    )
                )
            else:
                first_name_row[name_key] = number
        reports.append(report)
    return Report(rows=reports)


def candidate_fields(report: RowReport) -> dict[str, str]:
    """The keyword arguments for a Candidate from a checked row."""
    return {name: report.values.get(name, "") for name in FIELDS}
