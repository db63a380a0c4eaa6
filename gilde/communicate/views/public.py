"""The public results page, opt-in per CoP, and what it offers for download."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.models import Community
from gilde.communities.pages import edit_page
from gilde.core.document_jobs import job_file_response

from .. import selectors, services
from ..forms import PublicPageForm
from ..models import Report
from ..sections import public_question
from .results import attachment_response

# The public results page


@community_view(Action.MANAGE_COMMUNICATION)
def public_settings(request, access):
    community = access.community
    page = selectors.public_page_of(community)
    form = PublicPageForm(
        request.POST or None,
        instance=page,
        organisations=selectors.cop_organisations(community),
    )
    return edit_page(
        request,
        access,
        form=form,
        save=lambda data: services.public_page_save(
            community=community,
            actor=request.user,
            enabled=data["enabled"],
            summary=data["summary"],
            organisations=data["organisations"],
        ),
        template="communicate/public_settings.html",
        done=_("The public results page is saved."),
        next_url=reverse("communicate:public_settings", kwargs={"slug": community.slug}),
        page=page,
    )


class PublicPageGone(Exception):
    pass


def _public_community(slug: str) -> Community:
    community = Community.objects.filter(slug=slug).first()
    if community is None or not selectors.public_page_shown(community):
        raise PublicPageGone
    return community


def _gone(request) -> HttpResponse:
    """The same page for an address that never had public results and for a page switched off
    while someone had it open: a 404 that says so."""
    return render(request, "communicate/public_gone.html", status=404)


def public_page(request, slug: str):
    """Anyone's: the CoP's question, period, organisations that agreed, public results and the
    field report. A page switched off is a plain 404, like a CoP that never had one."""
    try:
        community = _public_community(slug)
    except PublicPageGone:
        return _gone(request)
    page = selectors.public_page_of(community)
    if page is None:
        raise Http404
    question = public_question(community)
    organisations = list(page.organisations.order_by("name"))
    results = list(selectors.public_results(community))
    page_url = request.build_absolute_uri()
    schema = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": community.name,
        "description": question or community.description,
        "url": page_url,
        "foundingDate": community.start_date.isoformat(),
        "member": [{"@type": "Organization", "name": o.name} for o in organisations],
        "subjectOf": [
            {"@type": "CreativeWork", "name": r.title, "dateCreated": r.achieved_on.isoformat()}
            for r in results
        ],
    }
    return render(
        request,
        "communicate/public_page.html",
        {
            "community": community,
            "page": page,
            "question": question,
            "organisations": organisations,
            "results": results,
            "field_report": selectors.field_report(community),
            "page_url": page_url,
            "schema": json_ld(schema),
        },
    )


def json_ld(data: dict) -> str:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped, so no text
    in it can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # nosec B308 B703: escaped above, inside a data block


def public_field_report(request, slug: str):
    try:
        community = _public_community(slug)
    except PublicPageGone:
        return _gone(request)
    report = selectors.field_report(community)
    if report is None:
        return _gone(request)
    return job_file_response(Report, report.pk, "pdf", community.slug)


def public_attachment(request, slug: str, pk: int):
    try:
        community = _public_community(slug)
    except PublicPageGone:
        return _gone(request)
    result = get_object_or_404(selectors.public_results(community), pk=pk)
    return attachment_response(result)
