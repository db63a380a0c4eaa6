"""Meetings on paper: a meeting's programme (the agenda with clock times) to print or download,
and the calendar's part of the CoP plan."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.plan import PlanSection, plan_section
from gilde.core.pdf import printable_response

from .models import MeetingFacilitator
from .selectors import agenda_for


def _programme(request, access, pk: int, *, as_pdf: bool):
    meeting = get_object_or_404(access.community.meetings, pk=pk)
    facilitators = list(
        meeting.facilitators.select_related("membership__user").order_by("focus", "id")
    )
    local = meeting.starts_at
    return printable_response(
        request,
        "meetings/programme_print.html",
        {
            "access": access,
            "community": access.community,
            "meeting": meeting,
            "agenda": agenda_for(meeting=meeting),
            "facilitators": facilitators,
        },
        filename=f"{access.community.slug}-{local:%Y-%m-%d}-programme.pdf",
        as_pdf=as_pdf,
    )


@community_view(Action.VIEW_MEETINGS)
def programme_print(request, access, pk: int):
    return _programme(request, access, pk, as_pdf=False)


@community_view(Action.VIEW_MEETINGS)
def programme_pdf(request, access, pk: int):
    return _programme(request, access, pk, as_pdf=True)


@plan_section(order=50)
def plan_calendar(access) -> PlanSection | None:
    """Every meeting of the CoP with who facilitates it (two queries)."""
    if not access.can(Action.VIEW_MEETINGS):
        return None
    meetings = list(
        access.community.meetings.order_by("starts_at", "pk").prefetch_related(
            Prefetch(
                "facilitators",
                queryset=MeetingFacilitator.objects.select_related("membership__user").order_by(
                    "focus", "id"
                ),
            )
        )
    )
    return PlanSection(
        "meetings/plan/_calendar.html", {"meetings": meetings, "heading": _("The calendar")}
    )


urlpatterns = [
    path("c/<slug:slug>/meetings/<int:pk>/programme/", programme_print, name="programme_print"),
    path("c/<slug:slug>/meetings/<int:pk>/programme.pdf", programme_pdf, name="programme_pdf"),
]
