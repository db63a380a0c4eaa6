"""Step 8's pages: the results register, the communication plan, the reports and the public
results page, a module each."""

from .plan import plan, plan_defaults, plan_item_delete, plan_item_edit, plan_item_new
from .public import public_attachment, public_field_report, public_page, public_settings
from .reports import (
    report,
    report_download,
    report_generate,
    report_preview,
    report_shared,
    report_status,
    reports,
)
from .results import result_attachment, result_delete, result_edit, result_new, results

__all__ = [
    "plan",
    "plan_defaults",
    "plan_item_delete",
    "plan_item_edit",
    "plan_item_new",
    "public_attachment",
    "public_field_report",
    "public_page",
    "public_settings",
    "report",
    "report_download",
    "report_generate",
    "report_preview",
    "report_shared",
    "report_status",
    "reports",
    "result_attachment",
    "result_delete",
    "result_edit",
    "result_new",
    "results",
]
