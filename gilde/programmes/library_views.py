"""The programme's library of shared work forms: the managers' pages under /p/<programme>/ and
the facilitators' pages inside each member CoP (gilde/programmes/library.py says what travels)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop
from gilde.guide import labels
from gilde.guide.selectors import custom_as_work_form

from . import library
from .access import programme_view


@programme_view
def programme_library(request, access):
    forms = list(library.shared_forms([access.programme]))
    return render(
        request,
        "programmes/library_list.html",
        {"programme": access.programme, "forms": forms, "labels": labels},
    )


@programme_view
def programme_library_form(request, access, shared: int):
    source = get_object_or_404(library.shared_forms([access.programme]), pk=shared)
    return render(
        request,
        "programmes/library_detail.html",
        {
            "programme": access.programme,
            "source": source,
            "work_form": custom_as_work_form(source),
            "labels": labels,
        },
    )


def _cop_programmes(access) -> list:
    """The programmes the CoP is a member of; a CoP in none has no programme library."""
    programmes = library.member_programmes(access.community)
    if not programmes:
        raise Http404
    return programmes


@community_view(Action.MANAGE_WORK_FORMS)
def cop_library(request, access):
    programmes = _cop_programmes(access)
    forms = list(library.cop_library_forms(access.community, programmes))
    return render_cop(
        request,
        access,
        "programmes/library_list.html",
        forms=forms,
        programmes=programmes,
        labels=labels,
    )


@community_view(Action.MANAGE_WORK_FORMS)
def cop_library_form(request, access, shared: int):
    programmes = _cop_programmes(access)
    source = get_object_or_404(library.cop_library_forms(access.community, programmes), pk=shared)
    return render_cop(
        request,
        access,
        "programmes/library_detail.html",
        source=source,
        work_form=custom_as_work_form(source),
        programmes=programmes,
        labels=labels,
    )


@community_view(Action.MANAGE_WORK_FORMS)
@require_POST
def cop_library_copy(request, access, shared: int):
    programmes = _cop_programmes(access)
    source = get_object_or_404(library.cop_library_forms(access.community, programmes), pk=shared)
    copy = library.shared_form_copy(
        source=source, community=access.community, actor=request.user, programmes=programmes
    )
    messages.success(
        request,
        _("The work form is copied into your library; change it there as you like."),
    )
    return redirect("guide:cop_work_form", slug=access.community.slug, pk=copy.pk)
