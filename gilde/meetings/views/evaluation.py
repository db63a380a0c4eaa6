"""The end-of-meeting evaluation: the form, the results from five answers up, the trend across
meetings, and the CoP's questions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop
from gilde.core.safe_svg import safe_svg
from gilde.meetings import charts, selectors, services
from gilde.meetings.forms.evaluation import (
    EvaluationForm,
    EvaluationQuestionForm,
    EvaluationSettingsForm,
)
from gilde.meetings.models import ANONYMITY_THRESHOLD, MeetingStatus
from gilde.meetings.views.attendance import meeting_or_404


def _back_to_meeting(access, meeting):
    return redirect("meetings:detail", slug=access.community.slug, pk=meeting.pk)


def _context(access, **extra):
    return {"access": access, "community": access.community, **extra}


def _evaluation_form(data, access, status):
    return EvaluationForm(
        data,
        questions=services.evaluation_questions_for(access.community),
        mode=services.NAMED if status.named else services.ANONYMOUS,
    )


@community_view(Action.ATTEND_MEETINGS)
def evaluate(request, access, pk: int):
    meeting = meeting_or_404(access, pk)
    status = selectors.meeting_evaluation(meeting=meeting, membership=access.membership)
    if status.has_answered:
        return render(
            request,
            "meetings/evaluation_done.html",
            _context(access, meeting=meeting, status=status),
        )
    if not status.is_open:
        return render(
            request,
            "meetings/evaluation_closed.html",
            _context(
                access,
                meeting=meeting,
                status=status,
                cancelled=meeting.status == MeetingStatus.CANCELLED,
            ),
        )
    form = _evaluation_form(request.POST or None, access, status)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                meeting=meeting,
                membership=access.membership,
                answers=form.answers(),
                shown_mode=form.shown_mode(),
            )
        except services.EvaluationAlreadyAnswered:
            messages.info(
                request, _("You answered this evaluation already; your first answers count.")
            )
            return redirect("meetings:evaluate", slug=access.community.slug, pk=meeting.pk)
        except services.EvaluationClosed:
            messages.error(request, _("The evaluation closed before your answers arrived."))
            return redirect("meetings:evaluate", slug=access.community.slug, pk=meeting.pk)
        except services.EvaluationModeChanged:
            # Show the answers again under the mode that applies, to send once more if they
            # agree; nothing is stored.
            status = selectors.meeting_evaluation(meeting=meeting, membership=access.membership)
            data = request.POST.copy()
            data["mode"] = services.NAMED if status.named else services.ANONYMOUS
            form = _evaluation_form(data, access, status)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Your answers are not saved: this evaluation is named, while the form you "
                    "filled in said it was anonymous. Read who can see your answers, and send "
                    "them again if you agree."
                )
                if status.named
                else _(
                    "Your answers are not saved: this evaluation is anonymous, while the form "
                    "you filled in said your name would be stored. Read who can see your "
                    "answers, and send them again if you agree."
                ),
            )
        else:
            messages.success(request, _("Thank you! Your answers are saved."))
            return _back_to_meeting(access, meeting)
    return render(
        request,
        "meetings/evaluation_form.html",
        _context(access, meeting=meeting, status=status, form=form, threshold=ANONYMITY_THRESHOLD),
    )


@community_view(Action.PLAN_MEETINGS)
@require_POST
def evaluation_open(request, access, pk: int):
    meeting = meeting_or_404(access, pk)
    try:
        opened = services.evaluation_open(
            meeting=meeting, actor=request.user, confirmed=request.POST.get("confirm") == "yes"
        )
    except services.EvaluationNeedsConfirmation:
        return render_cop(request, access, "meetings/evaluation_open_confirm.html", meeting=meeting)
    except services.EvaluationTooEarly:
        messages.error(
            request,
            _(
                "The meeting is more than a day ahead, so its evaluation cannot be opened yet. "
                "It opens by itself when the meeting ends."
            ),
        )
    except services.EvaluationNotOpenable:
        messages.error(
            request, _("This evaluation cannot be opened: the meeting is cancelled or it closed.")
        )
    else:
        if opened:
            messages.success(
                request, _("The evaluation is open; the members are asked to fill it in.")
            )
        else:
            messages.info(request, _("The evaluation was open already."))
    return _back_to_meeting(access, meeting)


@community_view(Action.PLAN_MEETINGS)
@require_POST
def evaluation_close(request, access, pk: int):
    meeting = meeting_or_404(access, pk)
    try:
        services.evaluation_close(meeting=meeting, actor=request.user)
    except services.EvaluationClosed:
        messages.error(request, _("The evaluation is not open, so it cannot be closed."))
    except services.EvaluationTooFewAnswers:
        messages.error(
            request,
            _(
                "The evaluation can be closed early once at least %(threshold)s participants "
                "have answered."
            )
            % {"threshold": ANONYMITY_THRESHOLD},
        )
    else:
        messages.success(request, _("The evaluation is closed; its results are final."))
    return _back_to_meeting(access, meeting)


@community_view(Action.VIEW_MEETINGS)
def evaluation_results(request, access, pk: int):
    meeting = meeting_or_404(access, pk)
    results = selectors.evaluation_results(meeting=meeting, access=access)
    return render(
        request,
        "meetings/evaluation_results.html",
        _context(
            access,
            meeting=meeting,
            results=results,
            threshold=ANONYMITY_THRESHOLD,
            is_open=meeting.evaluation_is_open(),
            can_answer=access.can(Action.ATTEND_MEETINGS),
        ),
    )


@community_view(Action.VIEW_MEETINGS)
def evaluation_trend(request, access):
    questions, rows = selectors.evaluation_trend(community=access.community, access=access)
    chart = ""
    if questions and rows:
        labels = [
            # "N": the month's abbreviation as each language writes it ("6 okt", "Oct. 6").
            formats.date_format(timezone.localtime(row.meeting.starts_at), "j N")
            for row in rows
        ]
        # charts.py escapes every text it draws.
        chart = safe_svg(
            charts.trend_chart_svg(
                labels,
                [
                    (question.text, [row.values[index] for row in rows])
                    for index, question in enumerate(questions)
                ],
                charts.TrendLabels(
                    title=_("Evaluation trend"),
                    description=_(
                        "The average answer (1 to 5) to each scale question per meeting. "
                        "Meetings whose evaluation is still open, or that fewer than "
                        "%(threshold)s participants answered, have no value. "
                        "The table below gives the same numbers."
                    )
                    % {"threshold": ANONYMITY_THRESHOLD},
                    too_few=_("no value"),
                ),
                uid="evaluation-trend",
                fmt=lambda value: formats.number_format(value, 1),
            )
        )
    return render(
        request,
        "meetings/evaluation_trend.html",
        _context(
            access,
            questions=questions,
            rows=rows,
            chart=chart,
            threshold=ANONYMITY_THRESHOLD,
        ),
    )


# The CoP's questions


def _question_or_404(access, question_pk: int):
    return get_object_or_404(access.community.evaluation_questions, pk=question_pk)


def _to_questions(access):
    return redirect("meetings:evaluation_questions", slug=access.community.slug)


@community_view(Action.PLAN_MEETINGS)
def evaluation_questions(request, access):
    services.evaluation_questions_for(access.community)
    meeting_settings = services.meeting_settings_for(access.community)
    add_form = EvaluationQuestionForm(prefix="add")
    settings_form = EvaluationSettingsForm(instance=meeting_settings, prefix="settings")
    if request.method == "POST" and request.POST.get("form") == "settings":
        settings_form = EvaluationSettingsForm(
            request.POST, instance=meeting_settings, prefix="settings"
        )
        if settings_form.is_valid():
            services.evaluation_settings_save(
                community=access.community,
                actor=request.user,
                named=settings_form.cleaned_data["named_evaluations"],
            )
            messages.success(
                request,
                _(
                    "The evaluation setting is saved. It applies from the next evaluation that "
                    "opens; evaluations that are open or closed keep how they started."
                ),
            )
            return _to_questions(access)
    elif request.method == "POST":
        add_form = EvaluationQuestionForm(request.POST, prefix="add")
        if add_form.is_valid():
            services.evaluation_question_add(
                community=access.community,
                actor=request.user,
                text=add_form.cleaned_data["text"],
                kind=add_form.cleaned_data["kind"],
                feeds_next_meeting=add_form.cleaned_data["feeds_next_meeting"],
            )
            messages.success(request, _("The question is added."))
            return _to_questions(access)
    questions = list(selectors.evaluation_questions_all(community=access.community))
    return render(
        request,
        "meetings/evaluation_questions.html",
        _context(
            access,
            active=[question for question in questions if question.active],
            inactive=[question for question in questions if not question.active],
            add_form=add_form,
            settings_form=settings_form,
        ),
    )


@community_view(Action.PLAN_MEETINGS)
def evaluation_question_edit(request, access, question_pk: int):
    question = _question_or_404(access, question_pk)
    answered = selectors.evaluation_question_answered(question=question)
    form = EvaluationQuestionForm(request.POST or None, instance=question, answered=answered)
    if request.method == "POST" and form.is_valid():
        services.evaluation_question_update(
            question=question,
            actor=request.user,
            text=form.cleaned_data["text"],
            kind=form.cleaned_data["kind"],
            feeds_next_meeting=form.cleaned_data["feeds_next_meeting"],
        )
        messages.success(request, _("The question is saved."))
        return _to_questions(access)
    return render(
        request,
        "meetings/evaluation_question_form.html",
        _context(access, question=question, form=form, answered=answered),
    )


@community_view(Action.PLAN_MEETINGS)
@require_POST
def evaluation_question_remove(request, access, question_pk: int):
    question = _question_or_404(access, question_pk)
    if services.evaluation_question_remove(question=question, actor=request.user):
        messages.success(request, _("The question is deleted."))
    else:
        messages.success(
            request,
            _("The question is switched off; its earlier answers stay in the results."),
        )
    return _to_questions(access)


@community_view(Action.PLAN_MEETINGS)
@require_POST
def evaluation_question_restore(request, access, question_pk: int):
    question = _question_or_404(access, question_pk)
    services.evaluation_question_restore(question=question, actor=request.user)
    messages.success(request, _("The question is back in the evaluation."))
    return _to_questions(access)


@community_view(Action.PLAN_MEETINGS)
@require_POST
def evaluation_question_move(request, access, question_pk: int):
    question = _question_or_404(access, question_pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        services.evaluation_question_move(
            question=question, actor=request.user, up=direction == "up"
        )
    return _to_questions(access)


_Q = "c/<slug:slug>/meetings/evaluation/questions/"

urlpatterns = [
    path("c/<slug:slug>/meetings/<int:pk>/evaluate/", evaluate, name="evaluate"),
    path(
        "c/<slug:slug>/meetings/<int:pk>/evaluation/open/",
        evaluation_open,
        name="evaluation_open",
    ),
    path(
        "c/<slug:slug>/meetings/<int:pk>/evaluation/close/",
        evaluation_close,
        name="evaluation_close",
    ),
    path(
        "c/<slug:slug>/meetings/<int:pk>/evaluation/",
        evaluation_results,
        name="evaluation_results",
    ),
    path("c/<slug:slug>/meetings/evaluation/trend/", evaluation_trend, name="evaluation_trend"),
    path(_Q, evaluation_questions, name="evaluation_questions"),
    path(f"{_Q}<int:question_pk>/edit/", evaluation_question_edit, name="evaluation_question_edit"),
    path(
        f"{_Q}<int:question_pk>/remove/",
        evaluation_question_remove,
        name="evaluation_question_remove",
    ),
    path(
        f"{_Q}<int:question_pk>/restore/",
        evaluation_question_restore,
        name="evaluation_question_restore",
    ),
    path(f"{_Q}<int:question_pk>/move/", evaluation_question_move, name="evaluation_question_move"),
]
