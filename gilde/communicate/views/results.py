"""The results register: what the CoP yields, with links or an attachment."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.pages import delete_page, edit_page, render_cop

from .. import selectors, services
from ..forms import ResultForm

RESULT_FIELDS = [f for f in ResultForm.Meta.fields if f not in ("people", "organisations")]


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
    return attachment_response(result)


def attachment_response(result):
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
