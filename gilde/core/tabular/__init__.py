"""Tables in and out: reading CSV/XLSX uploads within limits, checking rows with a per-row report,
and writing XLSX. No domain knowledge; composition's and monitoring's imports build on it."""

from .reading import (
    Deadline,
    ImportFileError,
    Limits,
    Table,
    check_upload,
    inspect_xlsx,
    read_csv,
    read_table,
    read_xlsx,
)
from .report import (
    FORMULA_PREFIXES,
    IGNORE,
    Problem,
    Report,
    RowReport,
    clean_cell,
    escape_formula,
    guess_mapping,
    squeeze,
)
from .writing import xlsx_bytes

__all__ = [
    "FORMULA_PREFIXES",
    "IGNORE",
    "Deadline",
    "ImportFileError",
    "Limits",
    "Problem",
    "Report",
    "RowReport",
    "Table",
    "check_upload",
    "clean_cell",
    "escape_formula",
    "guess_mapping",
    "inspect_xlsx",
    "read_csv",
    "read_table",
    "read_xlsx",
    "squeeze",
    "xlsx_bytes",
]
