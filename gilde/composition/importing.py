"""Reading and checking a file of candidates: CSV or XLSX in, rows of text and a report out.

Nothing here touches the database. The parsed rows (not the file) wait in a staging row between
the upload, the column mapping and the preview; `check_rows` is run again right before the import,
so what is imported is what the person saw in the report.

An upload is read within limits on bytes, rows, columns, cells and time. An XLSX is a zip of XML
parts that can unpack to far more than it weighs (a table of millions of tiny shared strings in a
file of 200 KB kept a worker busy for minutes), so `inspect_xlsx` checks the parts' sizes, the
number of shared strings and the first sheet's size before openpyxl reads anything, and refuses
such a file within a fraction of a second. Small files are read during the upload; larger ones by
the background worker (`tasks.import_read`), whose progress the page shows.
"""

import csv
import io
import json
import re
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gilde.core.text import multi_line, single_line

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

IGNORE = "ignore"

# The fields a column can fill, in the order the mapping step offers them.
FIELDS = {
    "name": gettext_lazy("Name"),
    "email": gettext_lazy("E-mail address"),
    "organisation": gettext_lazy("Organisation"),
    "sector": gettext_lazy("Sector"),
    "function": gettext_lazy("Function"),
    "discipline": gettext_lazy("Discipline"),
    "knowledge_type": gettext_lazy("Knowledge background"),
    "pioneer": gettext_lazy("Pioneer or follower"),
    "notes": gettext_lazy("Notes"),
}

MAX_LENGTHS = {"email": 254, "notes": 3000}
MULTI_LINE_FIELDS = {"notes"}
DEFAULT_MAX_LENGTH = 150

# Cells a spreadsheet would run as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Header words, Dutch and English, squeezed to lower-case letters only (see `_squeeze`).
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
    "sector": {"sector", "branche", "branch", "industry", "industrie"},
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

ENCODINGS = (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1"))


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why, for the person uploading."""


def _too_much() -> ImportFileError:
    return ImportFileError(
        _("The Excel file holds too much data to check in one go. Split it into smaller files.")
    )


def _unreadable_xlsx() -> ImportFileError:
    return ImportFileError(
        _("The Excel file cannot be read. Is it an .xlsx file (not .xls or .numbers)?")
    )


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(max)s rows. Split it into smaller files.")
        % {"max": _number(MAX_ROWS)}
    )


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class Deadline:
    """Reading stops with a message once `seconds` have passed."""

    def __init__(self, seconds: float):
        self.ends = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise ImportFileError(_("Reading the file took too long. Split it into smaller files."))


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    numbers: list[int]  # each row's number in the file, the header row being 1
    encoding: str = ""  # the text encoding a CSV file was read with; empty for XLSX

    def as_session(self) -> dict:
        return {
            "headers": self.headers,
            "rows": self.rows,
            "numbers": self.numbers,
            "encoding": self.encoding,
        }


@dataclass
class Problem:
    column: str  # the file's header of the column, or the field's label when no column applies
    value: str
    message: str


@dataclass
class RowReport:
    number: int  # the row's number in the file, the header row being 1
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Report:
    rows: list[RowReport]

    @property
    def valid(self) -> list[RowReport]:
        return [row for row in self.rows if row.ok]

    @property
    def invalid(self) -> list[RowReport]:
        return [row for row in self.rows if not row.ok]

    @property
    def clean(self) -> bool:
        return all(row.ok for row in self.rows)


def _squeeze(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _finish(
    raw_rows: Iterable,
    *,
    encoding: str = "",
    deadline: Deadline,
    progress: Callable[[int], None] | None = None,
) -> Table:
    """Drop empty rows, enforce the limits, and square the rows to the header's width."""
    headers: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    header_number = 0
    for number, raw in enumerate(raw_rows, start=1):
        if number > MAX_SHEET_ROWS:
            raise ImportFileError(
                _(
                    "The file runs past row %(max)s, empty rows included. Delete the empty rows "
                    "below your data, or split the file."
                )
                % {"max": _number(MAX_SHEET_ROWS)}
            )
        if number % 100 == 0:
            deadline.check()
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number)
        cells = [_cell_text(value) for value in raw]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS:
            raise ImportFileError(
                _("The file has more than %(max)s columns. Keep only the columns to import.")
                % {"max": MAX_COLUMNS}
            )
        if headers is None:
            headers = cells
            header_number = number
            continue
        rows.append(cells)
        numbers.append(number - header_number + 1)
        if len(rows) > MAX_ROWS:
            raise _too_many_rows()
    if headers is None:
        raise ImportFileError(_("The file is empty."))
    if not rows:
        raise ImportFileError(_("The file has a header row but no people under it."))
    width = max(len(headers), *(len(row) for row in rows))
    headers = [
        header or _("Column %(number)s") % {"number": n + 1}
        for n, header in enumerate(headers + [""] * (width - len(headers)))
    ]
    rows = [row + [""] * (width - len(row)) for row in rows]
    table = Table(headers=headers, rows=rows, numbers=numbers, encoding=encoding)
    if len(json.dumps(table.as_session())) > MAX_SESSION_CHARS:
        raise ImportFileError(
            _("The file holds too much text to check in one go. Split it into smaller files.")
        )
    return table


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        for codec, label in ENCODINGS:
            try:
                return data.decode(codec), label
            except UnicodeDecodeError:
                continue
    raise ImportFileError(
        _(
            "This file is not readable text. Save it as “CSV UTF-8” from your spreadsheet "
            "program, or upload the .xlsx file itself."
        )
    )


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    return max((";", ",", "\t"), key=first_line.count)


def read_csv(data: bytes, *, deadline: Deadline, progress=None) -> Table:
    text, encoding = _decode(data)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        return _finish(reader, encoding=encoding, deadline=deadline, progress=progress)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read (%(reason)s).") % {"reason": error}
        ) from error


_SHARED_STRING = re.compile(rb"<(?:\w{1,10}:)?si[\s>/]")
_CELL = re.compile(rb"<(?:\w{1,10}:)?c[\s>/]")
_DIMENSION = re.compile(rb'<(?:\w{1,10}:)?dimension\s+ref="[A-Z]*\d*:?[A-Z]*(\d+)"')
_OVERLAP = 16  # longer than any match above


def _count(archive: zipfile.ZipFile, name: str, pattern: re.Pattern, limit: int) -> int:
    """How often `pattern` occurs in the part `name`, reading it in chunks; stops past `limit`."""
    count = 0
    carry = b""
    with archive.open(name) as part:
        while chunk := part.read(1024 * 1024):
            buffer = carry + chunk
            cut = max(len(buffer) - _OVERLAP, 0)
            count += sum(1 for match in pattern.finditer(buffer) if match.start() < cut)
            if count > limit:
                return count
            carry = buffer[cut:]
    return count + sum(1 for _match in pattern.finditer(carry))


def _first_sheet(archive: zipfile.ZipFile, manifest, names: set[str]) -> str | None:
    """The part openpyxl reads as the first worksheet, found the way openpyxl finds it."""
    from openpyxl.reader.excel import _find_workbook_part
    from openpyxl.reader.workbook import WorkbookParser

    parser = WorkbookParser(archive, _find_workbook_part(manifest).PartName[1:])
    parser.parse()
    sheet_parts = {part.PartName[1:] for part in manifest.findall(_content_type("worksheet"))}
    for _sheet, rel in parser.find_sheets():
        target = rel.target.lstrip("/")
        if target in names and target in sheet_parts:
            return target
    return None


def _content_type(kind: str) -> str:
    return f"application/vnd.openxmlformats-officedocument.spreadsheetml.{kind}+xml"


def inspect_xlsx(data: bytes) -> int:
    """Check an XLSX before openpyxl reads it; return how many bytes it unpacks to.

    Refuses a file whose parts unpack to too much, with too many shared strings, or whose first
    sheet is too long or has too many cells. Only the zip's directory, the small parts that say
    where the rest is, and (in chunks) the shared strings and the first sheet are read."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.functions import fromstring

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as error:
        raise _unreadable_xlsx() from error
    with archive:
        infos = archive.infolist()
        sizes = {info.filename: info.file_size for info in infos}
        if len(infos) > MAX_PARTS or sum(sizes.values()) > MAX_UNPACKED_BYTES:
            raise _too_much()
        try:
            if sizes.get("[Content_Types].xml", 0) > MAX_PART_BYTES:
                raise _too_much()
            manifest = Manifest.from_tree(fromstring(archive.read("[Content_Types].xml")))
            strings = manifest.find(_content_type("sharedStrings"))
            strings_part = strings.PartName[1:] if strings is not None else None
            sheet_parts = {
                part.PartName[1:] for part in manifest.findall(_content_type("worksheet"))
            }
            for name, size in sizes.items():
                if name == strings_part:
                    limit = MAX_SHARED_STRINGS_BYTES
                elif name in sheet_parts:
                    limit = MAX_SHEET_BYTES
                else:
                    limit = MAX_PART_BYTES
                if size > limit:
                    raise _too_much()
            if strings_part in sizes:
                count = _count(archive, strings_part, _SHARED_STRING, MAX_SHARED_STRINGS)
                if count > MAX_SHARED_STRINGS:
                    raise ImportFileError(
                        _(
                            "The Excel file holds more than %(max)s different texts. "
                            "Split it into smaller files."
                        )
                        % {"max": _number(MAX_SHARED_STRINGS)}
                    )
            sheet = _first_sheet(archive, manifest, set(sizes))
            if sheet is not None:
                with archive.open(sheet) as part:
                    head = part.read(64 * 1024)
                dimension = _DIMENSION.search(head)
                if dimension and int(dimension.group(1)) > MAX_SHEET_ROWS:
                    raise ImportFileError(
                        _(
                            "The sheet runs to row %(rows)s; Gilde reads at most %(max)s rows. "
                            "Delete the empty rows below your data, or split the file."
                        )
                        % {
                            "rows": _number(int(dimension.group(1))),
                            "max": _number(MAX_SHEET_ROWS),
                        }
                    )
                if _count(archive, sheet, _CELL, MAX_CELLS) > MAX_CELLS:
                    raise _too_much()
        except ImportFileError:
            raise
        except Exception as error:  # a damaged zip or XML raises many kinds
            raise _unreadable_xlsx() from error
    return sum(sizes.values())


def read_xlsx(data: bytes, *, deadline: Deadline, progress=None) -> Table:
    """Read the first sheet of an XLSX that `inspect_xlsx` has passed."""
    from openpyxl import load_workbook

    try:
        # Formulas stay formulas (data_only=False), so the injection check sees them.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise _unreadable_xlsx() from error
    try:
        deadline.check()
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(
            values_only=True, max_col=MAX_COLUMNS + 1, max_row=MAX_SHEET_ROWS + 1
        )
        return _finish(rows, deadline=deadline, progress=progress)
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged sheet
        raise ImportFileError(_("The Excel file is damaged and cannot be read.")) from error
    finally:
        workbook.close()


def _is_xlsx(filename: str, data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx")


def check_upload(filename: str, data: bytes) -> bool:
    """The quick checks of an upload, before anything is parsed; refuse with ImportFileError.
    True when the file is large enough to be read by the background worker."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(max)s MB. Split it into smaller files.")
            % {"max": MAX_BYTES // (1024 * 1024)}
        )
    if _is_xlsx(filename, data):
        return inspect_xlsx(data) > INLINE_UNPACKED_BYTES
    if filename.lower().endswith((".csv", ".txt", ".tsv")):
        return len(data) > INLINE_BYTES
    raise ImportFileError(_("Upload a .csv or .xlsx file."))


def read_table(
    filename: str,
    data: bytes,
    *,
    seconds: float = INLINE_SECONDS,
    progress: Callable[[int], None] | None = None,
) -> Table:
    """Read an uploaded CSV or XLSX file; raise ImportFileError with a message when it can't.
    `progress` is told the number of rows read so far, every `PROGRESS_EVERY` rows."""
    check_upload(filename, data)
    deadline = Deadline(seconds)
    if _is_xlsx(filename, data):
        return read_xlsx(data, deadline=deadline, progress=progress)
    return read_csv(data, deadline=deadline, progress=progress)


def guess_mapping(headers: list[str]) -> list[str]:
    """For each header the field it probably holds, or "ignore". Each field is guessed once."""
    taken: set[str] = set()
    mapping = []
    for header in headers:
        squeezed = _squeeze(header)
        guess = next(
            (name for name, words in HEADER_GUESSES.items() if squeezed in words),
            IGNORE,
        )
        if guess in taken:
            guess = IGNORE
        taken.add(guess)
        mapping.append(guess)
    return mapping


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
            value = (multi_line if name in MULTI_LINE_FIELDS else single_line)(value).strip()
            if value.startswith(FORMULA_PREFIXES):
                report.problems.append(
                    Problem(
                        header,
                        value,
                        _(
                            "Starts with %(char)s, which a spreadsheet runs as a formula. "
                            "Remove the character or the formula."
                        )
                        % {"char": value[0]},
                    )
                )
                continue
            limit = MAX_LENGTHS.get(name, DEFAULT_MAX_LENGTH)
            if len(value) > limit:
                report.problems.append(
                    Problem(
                        header,
                        value[:60] + "…",
                        _("Too long: at most %(max)s characters.") % {"max": limit},
                    )
                )
                continue
            if name == "knowledge_type" and value:
                known = KNOWLEDGE_VALUES.get(_squeeze(value))
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
                known = PIONEER_VALUES.get(_squeeze(value))
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


def escape_formula(value: str) -> str:
    """Make a text cell safe to open in a spreadsheet: a leading formula character is quoted."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
