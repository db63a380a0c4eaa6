"""Step 2 views: exporting the member list with its profile attributes."""

import csv
import io

from django.http import Http404, HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gilde.accounts.models import KnowledgeType
from gilde.communities.access import Action, community_view
from gilde.communities.models import Role
from gilde.composition import importing, selectors
from gilde.composition.models import (
    PioneerFollower,
)
from gilde.core.tabular import xlsx_bytes

# Export: the member list with profile attributes, never intake notes.

EXPORT_FORMATS = {"csv", "xlsx"}


def _export_rows(community) -> tuple[list[str], list[list[str]]]:
    members = selectors.group_members(community, roles=[role.value for role in Role])
    knowledge = dict(KnowledgeType.choices)
    pioneer = dict(PioneerFollower.choices)
    headers = [
        _("Name"),
        _("E-mail address"),
        _("Role"),
        _("Organisation"),
        _("Industry"),
        _("Function"),
        _("Discipline"),
        _("Knowledge background"),
        _("Pioneer or follower"),
    ]
    rows = [
        [
            member.name,
            member.membership.user.email,
            str(member.membership.get_role_display()),
            member.organisation,
            member.industry,
            member.function,
            member.discipline,
            str(knowledge.get(member.knowledge_type, member.knowledge_type)),
            str(pioneer.get(member.pioneer, member.pioneer)),
        ]
        for member in members
    ]
    return headers, rows


@community_view(Action.MANAGE_CANDIDATES)
def export(request, access, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    community = access.community
    headers, rows = _export_rows(community)
    filename = f"{community.slug}-{_('members')}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        # Excel reads the list separator of its locale: Dutch Excel expects ";".
        delimiter = ";" if (get_language() or "").startswith("nl") else ","
        writer = csv.writer(buffer, delimiter=delimiter)
        writer.writerow([importing.escape_formula(value) for value in headers])
        writer.writerows([importing.escape_formula(value) for value in row] for row in rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            _xlsx(headers, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx(headers: list[str], rows: list[list[str]]) -> bytes:
    return xlsx_bytes(headers, rows, title=_("Members"))


urlpatterns = [
    path("c/<slug:slug>/group/export/<str:fmt>/", export, name="export"),
]
