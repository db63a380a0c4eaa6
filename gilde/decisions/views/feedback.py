"""Peer feedback: my requests and those to me, asking, answering, thanking and closing. Every
page reads through selectors.feedback_view: the asker and the people asked, nobody else."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop

from .. import selectors, services
from ..forms.feedback import FeedbackAnswerForm, FeedbackCloseForm, FeedbackRequestForm
from ..services import DecisionError


@community_view(Action.ASK_FEEDBACK)
def feedback_list(request, access):
    return render_cop(
        request,
        access,
        "decisions/feedback_list.html",
        asked=selectors.feedback_asked_by(access.membership),
        invites=selectors.feedback_invites_to(access.membership),
    )


@community_view(Action.ASK_FEEDBACK)
def feedback_new(request, access):
    form = FeedbackRequestForm(
        request.POST or None, memberships=selectors.feedback_writer_choices(access)
    )
    if request.method == "POST" and form.is_valid():
        try:
            feedback = services.feedback_ask(
                community=access.community,
                asker=access.membership,
                subject=form.cleaned_data["subject"],
                about=form.cleaned_data["about"],
                question=form.cleaned_data["question"],
                writers=list(form.cleaned_data["writers"]),
            )
        except DecisionError as error:
            form.add_error("writers", error.message)
        else:
            messages.success(request, _("Your request is sent. Only you will read the answers."))
            return redirect(
                "decisions:feedback_request", slug=access.community.slug, pk=feedback.pk
            )
    return render_cop(
        request,
        access,
        "decisions/feedback_form.html",
        status=400 if form.errors else 200,
        form=form,
    )


def _view_or_404(access, pk: int):
    view = selectors.feedback_view(access, pk)
    if view is None:
        raise Http404
    return view


@community_view(Action.ASK_FEEDBACK)
def feedback_request(request, access, pk: int):
    view = _view_or_404(access, pk)
    form = None
    if view.own_invite is not None and view.request.is_open:
        form = FeedbackAnswerForm(request.POST or None, initial={"answer": view.own_invite.answer})
    status = 200
    if request.method == "POST":
        if form is None:
            messages.error(request, _("There is nothing for you to write here."))
            return redirect("decisions:feedback_request", slug=access.community.slug, pk=pk)
        if form.is_valid():
            try:
                services.feedback_answer(invite=view.own_invite, text=form.cleaned_data["answer"])
            except DecisionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your feedback is saved. Only the asker reads it."))
                return redirect("decisions:feedback_request", slug=access.community.slug, pk=pk)
        status = 400
    return render_cop(
        request, access, "decisions/feedback_detail.html", status=status, view=view, form=form
    )


@community_view(Action.ASK_FEEDBACK)
def feedback_close(request, access, pk: int):
    view = _view_or_404(access, pk)
    if not view.is_asker:
        raise Http404
    form = FeedbackCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_close(request=view.request, thanks=form.cleaned_data["thanks"])
        except DecisionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you sent; the request is closed."))
        return redirect("decisions:feedback_request", slug=access.community.slug, pk=pk)
    return render_cop(request, access, "decisions/feedback_close.html", view=view, form=form)


urlpatterns = [
    path("c/<slug:slug>/decisions/feedback/", feedback_list, name="feedback"),
    path("c/<slug:slug>/decisions/feedback/new/", feedback_new, name="feedback_new"),
    path("c/<slug:slug>/decisions/feedback/<int:pk>/", feedback_request, name="feedback_request"),
    path("c/<slug:slug>/decisions/feedback/<int:pk>/close/", feedback_close, name="feedback_close"),
]
