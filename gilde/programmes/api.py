"""The API's programme resources, for the tokens of programme managers: the programmes they
manage and each one's figures per member CoP, with the same small-number rule as the pages (a
hidden figure is null with `"state": "few"`, and no total counts it)."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema

from gilde.core.api import ERRORS, ApiError, register_api_router

from . import selectors
from .access import managed_programme

router = Router(tags=["programmes"])


class ProgrammeOut(Schema):
    slug: str
    name: str
    owner_organisation: str
    description: str


class ProgrammeList(Schema):
    items: list[ProgrammeOut]


class FigureOut(Schema):
    value: float | None
    state: str  # "shown", "few" (fewer than five people) or "unknown"


class CopFiguresOut(Schema):
    slug: str
    name: str
    theme: str
    region: str
    start_year: int
    stands_at_step: int | None
    step_statuses: list[str]
    computed_at: datetime | None
    figures: dict[str, FigureOut]


class ProgrammeFiguresOut(Schema):
    programme: ProgrammeOut
    cops: list[CopFiguresOut]
    totals: dict[str, float | None]


def _programme(programme) -> dict:
    return {
        "slug": programme.slug,
        "name": programme.name,
        "owner_organisation": programme.owner_organisation,
        "description": programme.description,
    }


@router.get("/programmes", response={200: ProgrammeList, **ERRORS}, summary="Your programmes")
def programmes(request):
    return {"items": [_programme(p) for p in selectors.programmes_managed_by(request.user)]}


@router.get(
    "/programmes/{programme}/figures",
    response={200: ProgrammeFiguresOut, **ERRORS},
    summary="A programme's figures per CoP",
)
def programme_figures(request, programme: str):
    found = managed_programme(request.user, programme)
    if found is None:
        raise ApiError(404, "not_found", _("There is no such programme, or you do not manage it."))
    data = selectors.programme_overview(programme=found)
    keys = [d.key for d in data.columns] + ["meeting_value_trend"]
    return {
        "programme": _programme(found),
        "cops": [
            {
                "slug": row.community.slug,
                "name": row.community.name,
                "theme": row.link.theme,
                "region": row.link.region,
                "start_year": row.start_year,
                "stands_at_step": row.stands_at,
                "step_statuses": row.statuses,
                "computed_at": row.computed_at,
                "figures": {
                    key: {"value": row.cells[key].value, "state": row.cells[key].state}
                    for key in keys
                },
            }
            for row in data.rows
        ],
        "totals": data.totals,
    }


register_api_router(router, order=90)
