"""Step 8's pages: the results register, the communication plan, the reports and the public
results page."""

import json

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.models import Community
from gilde.communities.pages import delete_page, edit_page, render_cop

from . import selectors, services
from .document import report_document, report_period
from .forms import PlanItemForm, PublicPageForm, ReportSettingsForm, ResultForm
from .models import ReportAudience
from .sections import public_question

RESULT_FIELDS = [f for f in ResultForm.Meta.fields if f not in ("people", "organisations")]
FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "md": ("text/markdown; charset=utf-8", "md"),
}


# Results


@community_view(Action.VIEW_COMMUNICATION)
def results(request, access):
    return render_cop(
        request,
        access,
        "communicate/result_list.html",
        results=selectors.results_visible_to(access),
        can_manage=access.can(Action.MANAGE_COMMUNICATION),
    )


def _result_form(access, request, instance=None):
    community = access.community
    return ResultForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        people=selectors.cop_people(community),
        organisations=selectors.cop_organisations(community),
    )


def _result_save(access, request, result=None):
    def save(data):
        fields = {name: data[name] for name in RESULT_FIELDS}
        common = {
            "actor": request.user,
            "people": data["people"],
            "organisations": data["organisations"],
            "attachment": data.get("upload"),
        }
        if result is None:
            return services.result_add(community=access.community, **common, **fields)
        return services.result_update(
            result=result,
            remove_attachment=data.get("remove_attachment", False),
            **common,
            **fields,
        )

    return save


@community_view(Action.MANAGE_COMMUNICATION)
def result_new(request, access):
    return edit_page(
        request,
        access,
        form=_result_form(access, request),
        save=_result_save(access, request),
        template="communicate/result_form.html",
        done=_("The result is added."),
        next_url=reverse("communicate:results", kwargs={"slug": access.community.slug}),
    )


@community_view(Action.MANAGE_COMMUNICATION)
def result_edit(request, access, pk: int):
    result = get_object_or_404(access.community.results, pk=pk)
    return edit_page(
        request,
        access,
        form=_result_form(access, request, result),
        save=_result_save(access, request, result),
        template="communicate/result_form.html",
        done=_("The result is saved."),
        next_url=reverse("communicate:results", kwargs={"slug": access.community.slug}),
        result=result,
    )


@community_view(Action.MANAGE_COMMUNICATION)
def result_delete(request, access, pk: int):
    result = get_object_or_404(access.community.results, pk=pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.result_delete(result=result, actor=request.user),
        template="communicate/confirm_delete.html",
        done=_("The result is deleted."),
        next_url=reverse("communicate:results", kwargs={"slug": access.community.slug}),
        item=result,
    )


@community_view(Action.VIEW_COMMUNICATION)
def result_attachment(request, access, pk: int):
    result = get_object_or_404(access.community.results, pk=pk)
    return _attachment_response(result)


def _attachment_response(result):
    if not result.attachment:
        raise Http404
    try:
        handle = result.attachment.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=result.attachment_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


# The communication plan


@community_view(Action.VIEW_COMMUNICATION)
def plan(request, access):
    return render_cop(
        request,
        access,
        "communicate/plan.html",
        items=selectors.plan_items(access.community),
        can_manage=access.can(Action.MANAGE_COMMUNICATION),
        today=timezone.localdate(),
    )


@community_view(Action.MANAGE_COMMUNICATION)
@require_POST
def plan_defaults(request, access):
    added = services.plan_defaults_add(community=access.community, actor=request.user)
    if added:
        messages.success(request, _("The usual audiences are added to the plan."))
    else:
        messages.info(request, _("The plan names every usual audience already."))
    return redirect("communicate:plan", slug=access.community.slug)


def _plan_form(access, request, instance=None):
    return PlanItemForm(
        request.POST or None, instance=instance, people=selectors.cop_people(access.community)
    )


PLAN_FIELDS = PlanItemForm.Meta.fields


@community_view(Action.MANAGE_COMMUNICATION)
def plan_item_new(request, access):
    return edit_page(
        request,
        access,
        form=_plan_form(access, request),
        save=lambda data: services.plan_item_add(
            community=access.community, actor=request.user, **{f: data[f] for f in PLAN_FIELDS}
        ),
        template="communicate/plan_item_form.html",
        done=_("The line is added to the plan."),
        next_url=reverse("communicate:plan", kwargs={"slug": access.community.slug}),
    )


@community_view(Action.MANAGE_COMMUNICATION)
def plan_item_edit(request, access, pk: int):
    item = get_object_or_404(access.community.plan_items, pk=pk)
    return edit_page(
        request,
        access,
        form=_plan_form(access, request, item),
        save=lambda data: services.plan_item_update(
            item=item, actor=request.user, **{f: data[f] for f in PLAN_FIELDS}
        ),
        template="communicate/plan_item_form.html",
        done=_("The plan is saved."),
        next_url=reverse("communicate:plan", kwargs={"slug": access.community.slug}),
        item=item,
    )


@community_view(Action.MANAGE_COMMUNICATION)
def plan_item_delete(request, access, pk: int):
    item = get_object_or_404(access.community.plan_items, pk=pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.plan_item_delete(item=item, actor=request.user),
        template="communicate/confirm_delete.html",
        done=_("The line is deleted from the plan."),
        next_url=reverse("communicate:plan", kwargs={"slug": access.community.slug}),
        item=item,
    )


# Reports


@community_view(Action.MANAGE_COMMUNICATION)
def reports(request, access):
    community = access.community
    if request.method == "POST":
        audience = request.POST.get("audience", "")
        organisation_id = None
        if audience not in ReportAudience.values:
            messages.error(request, _("Choose whom the report is for."))
            return redirect("communicate:reports", slug=community.slug)
        if audience == ReportAudience.ORGANISATION:
            organisation = (
                selectors.cop_organisations(community)
                .filter(pk=_int(request.POST.get("organisation")))
                .first()
            )
            if organisation is None:
                messages.error(request, _("Choose one of the CoP's organisations."))
                return redirect("communicate:reports", slug=community.slug)
            organisation_id = organisation.pk
        report = services.report_get_or_create(
            community=community, audience=audience, organisation_id=organisation_id
        )
        return redirect("communicate:report", slug=community.slug, pk=report.pk)
    return render_cop(
        request,
        access,
        "communicate/report_list.html",
        reports=selectors.reports_of(community),
        organisations=selectors.cop_organisations(community),
        audiences=ReportAudience.choices,
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _report_or_404(access, pk: int):
    report = selectors.report_of(access.community, pk)
    if report is None:
        raise Http404
    return report


@community_view(Action.MANAGE_COMMUNICATION)
def report(request, access, pk: int):
    community = access.community
    item = _report_or_404(access, pk)
    start, end = report_period(item, community)
    form = ReportSettingsForm(
        request.POST or None,
        initial={"period_start": start, "period_end": end, "introduction": item.introduction},
    )
    if request.method == "POST":
        if form.is_valid():
            services.report_settings_save(report=item, **form.cleaned_data)
            messages.success(request, _("The report's settings are saved."))
            return redirect("communicate:report", slug=community.slug, pk=item.pk)
        messages.error(request, _("The settings are not saved: see the message below."))
    return render_cop(
        request,
        access,
        "communicate/report_detail.html",
        report=item,
        form=form,
        current=item.is_current(community),
    )


@community_view(Action.MANAGE_COMMUNICATION)
@require_POST
def report_generate(request, access, pk: int):
    community = access.community
    item = _report_or_404(access, pk)
    if item.is_current(community):
        messages.info(request, _("The report is up to date: nothing changed since it was made."))
    elif services.report_request(report=item, community=community, actor=request.user):
        messages.success(request, _("The report is being made. This page shows when it is ready."))
    else:
        messages.info(request, _("The report is being made already; one moment."))
    if request.htmx:
        return report_status(request, access.community.slug, pk=pk)
    return redirect("communicate:report", slug=community.slug, pk=item.pk)


@community_view(Action.MANAGE_COMMUNICATION)
def report_status(request, access, pk: int):
    item = _report_or_404(access, pk)
    return render_cop(
        request,
        access,
        "communicate/report_detail.html#status",
        report=item,
        current=item.is_current(access.community),
    )


@community_view(Action.MANAGE_COMMUNICATION)
def report_preview(request, access, pk: int):
    item = _report_or_404(access, pk)
    return render_cop(
        request,
        access,
        "communicate/report_preview.html",
        report=item,
        document=report_document(item, access.community),
    )


@community_view(Action.MANAGE_COMMUNICATION)
def report_download(request, access, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    item = _report_or_404(access, pk)
    return _report_file(access.community, item.pk, fmt)


def _report_file(community: Community, pk: int, fmt: str) -> HttpResponse:
    from .models import Report

    row = Report.objects.filter(pk=pk).only("pdf", "docx", "markdown", "built_at").first()
    if row is None or row.built_at is None:
        raise Http404
    content_type, suffix = FORMATS[fmt]
    content: str | bytes = row.markdown
    if fmt != "md":
        content = bytes(row.pdf if fmt == "pdf" else row.docx)
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localtime(row.built_at).strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{community.slug}-{stamp}.{suffix}"'
    response["Cache-Control"] = "no-store"
    return response


@community_view(Action.MANAGE_COMMUNICATION)
@require_POST
def report_shared(request, access, pk: int):
    item = _report_or_404(access, pk)
    services.report_mark_shared(report=item, on=timezone.localdate())
    messages.success(request, _("Noted: the report is shared."))
    return redirect("communicate:report", slug=access.community.slug, pk=item.pk)


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
    return _report_file(community, report.pk, "pdf")


def public_attachment(request, slug: str, pk: int):
    try:
        community = _public_community(slug)
    except PublicPageGone:
        return _gone(request)
    result = get_object_or_404(selectors.public_results(community), pk=pk)
    return _attachment_response(result)
