"""The agenda builder's tools: a break, saved agenda templates, a work form from the library added
straight to a coming meeting, and removing an item after asking."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import delete_page, render_cop
from gilde.guide.selectors import work_forms_for

from .. import services
from ..forms.agenda import AgendaTemplateApplyForm, AgendaTemplateSaveForm, WorkFormToAgendaForm
from ..models import MeetingStatus
from .planning import plans_meeting


def _meeting_or_404(access, pk: int):
    return get_object_or_404(access.community.meetings, pk=pk)


def _agenda_url(access, meeting) -> str:
    return reverse("meetings:agenda", kwargs={"slug": access.community.slug, "pk": meeting.pk})


@community_view(Action.VIEW_MEETINGS)
@plans_meeting
@require_POST
def agenda_break(request, access, meeting):
    item = services.agenda_break_add(meeting=meeting, actor=request.user)
    messages.success(request, _("A break is added at the end; move it where it belongs."))
    return redirect(f"{_agenda_url(access, meeting)}#item-{item.pk}")


@community_view(Action.VIEW_MEETINGS)
@plans_meeting
def agenda_item_delete(request, access, meeting, item_pk: int):
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.agenda_item_delete(item=item, actor=request.user),
        template="meetings/agenda_item_confirm_delete.html",
        done=_("“%(title)s” is removed from the agenda.") % {"title": item.title},
        next_url=_agenda_url(access, meeting),
        meeting=meeting,
        item=item,
    )


@community_view(Action.PLAN_MEETINGS)
@require_POST
def agenda_template_save(request, access, pk: int):
    meeting = _meeting_or_404(access, pk)
    form = AgendaTemplateSaveForm(request.POST)
    if not meeting.agenda_items.exists():
        messages.error(request, _("The agenda is empty: add items before saving it as a template."))
    elif form.is_valid():
        name = form.cleaned_data["name"]
        services.agenda_template_save(meeting=meeting, actor=request.user, name=name)
        messages.success(
            request, _("The agenda is saved as the template “%(name)s”.") % {"name": name}
        )
    else:
        messages.error(request, _("Give the template a name of at most 120 characters."))
    return redirect(f"{_agenda_url(access, meeting)}#templates-title")


@community_view(Action.VIEW_MEETINGS)
@plans_meeting
@require_POST
def agenda_template_apply(request, access, meeting):
    form = AgendaTemplateApplyForm(request.POST, community=access.community)
    if form.is_valid():
        count = services.agenda_template_apply(
            meeting=meeting, actor=request.user, template=form.cleaned_data["template"]
        )
        messages.success(
            request,
            ngettext(
                "%(count)s item from the template is added.",
                "%(count)s items from the template are added.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.error(request, _("Choose one of the CoP's agenda templates."))
    return redirect(_agenda_url(access, meeting))


@community_view(Action.PLAN_MEETINGS)
def agenda_templates(request, access):
    return render_cop(
        request,
        access,
        "meetings/agenda_template_list.html",
        templates=list(access.community.agenda_templates.all()),
    )


@community_view(Action.PLAN_MEETINGS)
def agenda_template_delete(request, access, template_pk: int):
    template = get_object_or_404(access.community.agenda_templates, pk=template_pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.agenda_template_delete(template=template, actor=request.user),
        template="meetings/agenda_template_confirm_delete.html",
        done=_("The template “%(name)s” is deleted.") % {"name": template.name},
        next_url=reverse("meetings:agenda_templates", kwargs={"slug": access.community.slug}),
        agenda_template=template,
    )


def coming_meetings(community):
    """Planned meetings that have not started: where a work form can still go."""
    return community.meetings.filter(
        status=MeetingStatus.PLANNED, starts_at__gt=timezone.now()
    ).order_by("starts_at")


@community_view(Action.PLAN_MEETINGS)
def agenda_add_work_form(request, access, key: str):
    """From a work form's page: put it on a coming meeting's agenda."""
    work_form = next((f for f in work_forms_for(access.community) if f.key == key), None)
    if work_form is None:
        raise Http404
    meetings = coming_meetings(access.community)
    form = WorkFormToAgendaForm(request.POST or None, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        item = services.agenda_item_add(
            meeting=meeting,
            actor=request.user,
            title=work_form.name,
            work_form_key=work_form.key,
            duration_minutes=work_form.min_minutes,
            configuration=work_form.stages[0] if len(work_form.stages) == 1 else "",
        )
        messages.success(
            request,
            _("“%(name)s” is added to the agenda of %(meeting)s.")
            % {"name": work_form.name, "meeting": meeting.title},
        )
        return redirect(f"{_agenda_url(access, meeting)}#item-{item.pk}")
    return render_cop(
        request,
        access,
        "meetings/agenda_add_work_form.html",
        work_form=work_form,
        form=form,
        has_meetings=meetings.exists(),
    )


urlpatterns = [
    path("c/<slug:slug>/meetings/<int:pk>/agenda/break/", agenda_break, name="agenda_break"),
    path(
        "c/<slug:slug>/meetings/<int:pk>/agenda/<int:item_pk>/delete/",
        agenda_item_delete,
        name="agenda_item_delete",
    ),
    path(
        "c/<slug:slug>/meetings/<int:pk>/agenda/save-template/",
        agenda_template_save,
        name="agenda_template_save",
    ),
    path(
        "c/<slug:slug>/meetings/<int:pk>/agenda/from-template/",
        agenda_template_apply,
        name="agenda_template_apply",
    ),
    path("c/<slug:slug>/meetings/agenda-templates/", agenda_templates, name="agenda_templates"),
    path(
        "c/<slug:slug>/meetings/agenda-templates/<int:template_pk>/delete/",
        agenda_template_delete,
        name="agenda_template_delete",
    ),
    path(
        "c/<slug:slug>/meetings/agenda/add/<slug:key>/",
        agenda_add_work_form,
        name="agenda_add_work_form",
    ),
]
