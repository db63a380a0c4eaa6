"""What step 1's page shows beside the guidance: the question and the work around it."""

from gilde.guide.workspaces import register_workspace

from . import selectors
from .models import LIST_FIELDS, SHEET_FIELDS, QuestionSheet
from .readiness import question_facts


@register_workspace(step=1, template="question/_workspace.html")
def question_workspace(request, access, facts: dict) -> dict:
    community = access.community
    known = question_facts(community, facts)  # fetched for the readiness signals already
    sheet = getattr(known, "question_sheet", None) or QuestionSheet(community=community)
    return {
        "sheet": sheet,
        "sheet_rows": [
            (
                sheet._meta.get_field(name).verbose_name,
                sheet.items(name) if name in LIST_FIELDS else None,
                getattr(sheet, name),
            )
            for name in SHEET_FIELDS
        ],
        "can_edit_question": access.can_edit_question(sheet.group_may_edit),
        "version_count": known.version_count or 0,
        "yields_by_level": selectors.yields_by_level(community),
        "recent_signals": list(community.urgency_signals.select_related("added_by")[:5]),
        "signal_count": known.signal_count or 0,
        "stakeholder_count": known.stakeholder_count or 0,
        "analysis_complete": known.analysis_complete or 0,
        "tree": getattr(known, "problem_tree", None),
        "tree_node_count": known.tree_node_count or 0,
        "layers": getattr(known, "layer_notes", None),
    }
