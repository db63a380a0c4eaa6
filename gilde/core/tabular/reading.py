"""Reading a table from an uploaded CSV or XLSX file within limits: rows of text out.

No domain here: an app passes its `Limits` (bytes, rows, columns, cells, time) and gets a `Table`
or an `ImportFileError` whose message says, in the reader's language, why the file is refused.
An XLSX is a zip of XML parts that can unpack to far more than it weighs (a table of millions of
tiny shared strings in a file of 200 KB kept a worker busy for minutes), so `inspect_xlsx` checks
the parts' sizes, the number of shared strings and the first sheet's size before openpyxl reads
anything, and refuses such a file within a fraction of a second. `check_upload` also says whether
a file is large enough to be read by the background worker (see `communities.staging`).
"""

import csv
import io
import json
import re
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.functional import Promise
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Limits:
    """How much an import may hold and take. The defaults are composition's."""

    max_bytes: int = 5 * 1024 * 1024
    max_rows: int = 5000
    max_columns: int = 40
    max_unpacked_bytes: int = 100 * 1024 * 1024
    # The parsed rows wait in a staging row as JSON; this keeps it within reason.
    max_session_chars: int = 3_000_000
    # Rows in the file, empty ones included, and cells in an XLSX's sheet.
    max_sheet_rows: int = 20_000
    max_cells: int = 400_000
    # An XLSX's parts: how many, and how large each may unpack to.
    max_parts: int = 1_000
    max_shared_strings: int = 100_000
    max_shared_strings_bytes: int = 20 * 1024 * 1024
    max_sheet_bytes: int = 50 * 1024 * 1024
    max_part_bytes: int = 5 * 1024 * 1024
    # Files up to these sizes are read during the upload; larger ones by the background worker.
    inline_bytes: int = 256 * 1024
    inline_unpacked_bytes: int = 2 * 1024 * 1024
    # How long reading may take, during a request and in the worker.
    inline_seconds: float = 10
    background_seconds: float = 60
    # The worker reports its progress every so many rows.
    progress_every: int = 250
    # What to say when a file has a header but no rows (the app knows what its rows are).
    no_rows_message: Promise | str = ""


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


def _too_many_rows(limits: Limits) -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(max)s rows. Split it into smaller files.")
        % {"max": _number(limits.max_rows)}
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
    limits: Limits,
    progress: Callable[[int], None] | None = None,
) -> Table:
    """Drop empty rows, enforce the limits, and square the rows to the header's width."""
    headers: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    header_number = 0
    for number, raw in enumerate(raw_rows, start=1):
        if number > limits.max_sheet_rows:
            raise ImportFileError(
                _(
                    "The file runs past row %(max)s, empty rows included. Delete the empty rows "
                    "below your data, or split the file."
                )
                % {"max": _number(limits.max_sheet_rows)}
            )
        if number % 100 == 0:
            deadline.check()
        if progress is not None and number % limits.progress_every == 0:
            progress(number)
        cells = [_cell_text(value) for value in raw]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if len(cells) > limits.max_columns:
            raise ImportFileError(
                _("The file has more than %(max)s columns. Keep only the columns to import.")
                % {"max": limits.max_columns}
            )
        if headers is None:
            headers = cells
            header_number = number
            continue
        rows.append(cells)
        numbers.append(number - header_number + 1)
        if len(rows) > limits.max_rows:
            raise _too_many_rows(limits)
    if headers is None:
        raise ImportFileError(_("The file is empty."))
    if not rows:
        raise ImportFileError(
            str(limits.no_rows_message or _("The file has a header row but no rows under it."))
        )
    width = max(len(headers), *(len(row) for row in rows))
    headers = [
        header or _("Column %(number)s") % {"number": n + 1}
        for n, header in enumerate(headers + [""] * (width - len(headers)))
    ]
    rows = [row + [""] * (width - len(row)) for row in rows]
    table = Table(headers=headers, rows=rows, numbers=numbers, encoding=encoding)
    if len(json.dumps(table.as_session())) > limits.max_session_chars:
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


def read_csv(data: bytes, *, deadline: Deadline, limits: Limits, progress=None) -> Table:
    text, encoding = _decode(data)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        return _finish(
            reader, encoding=encoding, deadline=deadline, limits=limits, progress=progress
        )
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


def inspect_xlsx(data: bytes, limits: Limits) -> int:
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
        if len(infos) > limits.max_parts or sum(sizes.values()) > limits.max_unpacked_bytes:
            raise _too_much()
        try:
            if sizes.get("[Content_Types].xml", 0) > limits.max_part_bytes:
                raise _too_much()
            manifest = Manifest.from_tree(fromstring(archive.read("[Content_Types].xml")))
            strings = manifest.find(_content_type("sharedStrings"))
            strings_part = strings.PartName[1:] if strings is not None else None
            sheet_parts = {
                part.PartName[1:] for part in manifest.findall(_content_type("worksheet"))
            }
            for name, size in sizes.items():
                if name == strings_part:
                    limit = limits.max_shared_strings_bytes
                elif name in sheet_parts:
                    limit = limits.max_sheet_bytes
                else:
                    limit = limits.max_part_bytes
                if size > limit:
                    raise _too_much()
            if strings_part in sizes:
                count = _count(archive, strings_part, _SHARED_STRING, limits.max_shared_strings)
                if count > limits.max_shared_strings:
                    raise ImportFileError(
                        _(
                            "The Excel file holds more than %(max)s different texts. "
                            "Split it into smaller files."
                        )
                        % {"max": _number(limits.max_shared_strings)}
                    )
            sheet = _first_sheet(archive, manifest, set(sizes))
            if sheet is not None:
                with archive.open(sheet) as part:
                    head = part.read(64 * 1024)
                dimension = _DIMENSION.search(head)
                if dimension and int(dimension.group(1)) > limits.max_sheet_rows:
                    raise ImportFileError(
                        _(
                            "The sheet runs to row %(rows)s; Gilde reads at most %(max)s rows. "
                            "Delete the empty rows below your data, or split the file."
                        )
                        % {
                            "rows": _number(int(dimension.group(1))),
                            "max": _number(limits.max_sheet_rows),
                        }
                    )
                if _count(archive, sheet, _CELL, limits.max_cells) > limits.max_cells:
                    raise _too_much()
        except ImportFileError:
            raise
        except Exception as error:  # a damaged zip or XML raises many kinds
            raise _unreadable_xlsx() from error
    return sum(sizes.values())


def read_xlsx(data: bytes, *, deadline: Deadline, limits: Limits, progress=None) -> Table:
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
            values_only=True, max_col=limits.max_columns + 1, max_row=limits.max_sheet_rows + 1
        )
        return _finish(rows, deadline=deadline, limits=limits, progress=progress)
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged sheet
        raise ImportFileError(_("The Excel file is damaged and cannot be read.")) from error
    finally:
        workbook.close()


def _is_xlsx(filename: str, data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx")


def check_upload(filename: str, data: bytes, limits: Limits) -> bool:
    """The quick checks of an upload, before anything is parsed; refuse with ImportFileError.
    True when the file is large enough to be read by the background worker."""
    if len(data) > limits.max_bytes:
        raise ImportFileError(
            _("The file is larger than %(max)s MB. Split it into smaller files.")
            % {"max": limits.max_bytes // (1024 * 1024)}
        )
    if _is_xlsx(filename, data):
        return inspect_xlsx(data, limits) > limits.inline_unpacked_bytes
    if filename.lower().endswith((".csv", ".txt", ".tsv")):
        return len(data) > limits.inline_bytes
    raise ImportFileError(_("Upload a .csv or .xlsx file."))


def read_table(
    filename: str,
    data: bytes,
    *,
    limits: Limits,
    seconds: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> Table:
    """Read an uploaded CSV or XLSX file; raise ImportFileError with a message when it can't.
    `progress` is told the number of rows read so far, every `limits.progress_every` rows."""
    check_upload(filename, data, limits)
    deadline = Deadline(limits.inline_seconds if seconds is None else seconds)
    if _is_xlsx(filename, data):
        return read_xlsx(data, deadline=deadline, limits=limits, progress=progress)
    return read_csv(data, deadline=deadline, limits=limits, progress=progress)
