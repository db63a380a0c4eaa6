"""Urgency signals and intended yields: lists every member reads, edited one item at a time."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.pages import delete_page, edit_page, render_cop
from gilde.core.pagination import paginate
from gilde.question import selectors, services
from gilde.question.forms.lists import IntendedYieldForm, SignalFilterForm, UrgencySignalForm
from gilde.question.models import YieldLevel
from gilde.question.views.sheet import require_question_editor

SIGNAL_FIELDS = UrgencySignalForm.Meta.fields


def link_host(url: str) -> str:
    """The host a link points at, without a leading "www.": "cbs.nl" for https://www.cbs.nl/x."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _can_edit(access) -> bool:
    return access.can_edit_question(selectors.sheet_or_empty(access.community).group_may_edit)


# Urgency signals


@community_view(Action.VIEW_QUESTION)
def signal_list(request, access):
    form = None
    if request.method == "POST":
        require_question_editor(access)
        form = UrgencySignalForm(request.POST)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in SIGNAL_FIELDS}
            services.urgency_signal_add(community=access.community, actor=request.user, **fields)
            messages.success(request, _("The urgency signal is added."))
            return redirect("question:signals", slug=access.community.slug)
    can_edit = _can_edit(access)
    if form is None and can_edit:
        form = UrgencySignalForm()

    signals = access.community.urgency_signals.select_related("added_by").order_by("-date", "-id")
    filter_form = SignalFilterForm(request.GET, auto_id="filter_%s")
    kind = filter_form.cleaned_data["kind"] if filter_form.is_valid() else ""
    if kind:
        signals = signals.filter(kind=kind)
    page = paginate(request, signals)
    signals = list(page.object_list)
    for signal in signals:
        signal.host = link_host(signal.source_url) if signal.source_url else ""
    return render_cop(
        request,
        access,
        "question/signal_list.html",
        page=page,
        signals=signals,
        filter_form=filter_form,
        kind=kind,
        form=form,
        can_edit_question=can_edit,
    )


def _signal_or_404(access, pk: int):
    return get_object_or_404(access.community.urgency_signals, pk=pk)


@community_view(Action.VIEW_QUESTION)
def signal_edit(request, access, pk: int):
    require_question_editor(access)
    signal = _signal_or_404(access, pk)
    return edit_page(
        request,
        access,
        form=UrgencySignalForm(request.POST or None, instance=signal),
        save=lambda data: services.urgency_signal_update(
            signal=signal, actor=request.user, **{name: data[name] for name in SIGNAL_FIELDS}
        ),
        template="question/signal_form.html",
        done=_("The urgency signal is saved."),
        next_url=reverse("question:signals", args=[access.community.slug]),
        signal=signal,
    )


@community_view(Action.VIEW_QUESTION)
def signal_delete(request, access, pk: int):
    require_question_editor(access)
    signal = _signal_or_404(access, pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.urgency_signal_delete(signal=signal, actor=request.user),
        template="question/signal_confirm_delete.html",
        done=_("The urgency signal is deleted."),
        next_url=reverse("question:signals", args=[access.community.slug]),
        signal=signal,
    )


# Intended yields


@community_view(Action.VIEW_QUESTION)
def yield_list(request, access):
    form = None
    if request.method == "POST":
        require_question_editor(access)
        form = IntendedYieldForm(request.POST)
        if form.is_valid():
            services.yield_add(
                community=access.community,
                actor=request.user,
                level=form.cleaned_data["level"],
                text=form.cleaned_data["text"],
            )
            messages.success(request, _("The yield is added."))
            return redirect("question:yields", slug=access.community.slug)
    can_edit = _can_edit(access)
    if form is None and can_edit:
        # The workspace links to "add a yield for this level" with ?level=…
        level = request.GET.get("level")
        form = IntendedYieldForm(initial={"level": level} if level in YieldLevel.values else None)
    return render_cop(
        request,
        access,
        "question/yield_list.html",
        yields_by_level=selectors.yields_by_level(access.community),
        form=form,
        can_edit_question=can_edit,
    )


def _yield_or_404(access, pk: int):
    return get_object_or_404(access.community.intended_yields, pk=pk)


@community_view(Action.VIEW_QUESTION)
def yield_edit(request, access, pk: int):
    require_question_editor(access)
    item = _yield_or_404(access, pk)
    return edit_page(
        request,
        access,
        form=IntendedYieldForm(request.POST or None, instance=item),
        save=lambda data: services.yield_update(
            item=item, actor=request.user, level=data["level"], text=data["text"]
        ),
        template="question/yield_form.html",
        done=_("The yield is saved."),
        next_url=reverse("question:yields", args=[access.community.slug]),
        item=item,
    )


@community_view(Action.VIEW_QUESTION)
def yield_delete(request, access, pk: int):
    require_question_editor(access)
    item = _yield_or_404(access, pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.yield_delete(item=item, actor=request.user),
        template="question/yield_confirm_delete.html",
        done=_("The yield is deleted."),
        next_url=reverse("question:yields", args=[access.community.slug]),
        item=item,
    )


urlpatterns = [
    path("c/<slug:slug>/question/signals/", signal_list, name="signals"),
    path("c/<slug:slug>/question/signals/<int:pk>/edit/", signal_edit, name="signal_edit"),
    path("c/<slug:slug>/question/signals/<int:pk>/delete/", signal_delete, name="signal_delete"),
    path("c/<slug:slug>/question/yields/", yield_list, name="yields"),
    path("c/<slug:slug>/question/yields/<int:pk>/edit/", yield_edit, name="yield_edit"),
    path("c/<slug:slug>/question/yields/<int:pk>/delete/", yield_delete, name="yield_delete"),
]
