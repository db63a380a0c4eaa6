"""The socio-technical problem analysis: for each party of the stakeholder grid, its current
practices, the alternatives, and why it does not take them up."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop
from gilde.question import services
from gilde.question.forms.environment import PartyAnalysisForm
from gilde.question.models import Barrier, PartyAnalysis
from gilde.question.selectors import party_analysis_rows, sheet_or_empty
from gilde.question.views.sheet import require_question_editor


@community_view(Action.VIEW_QUESTION)
def analysis(request, access):
    rows = party_analysis_rows(access.community)
    labels = dict(Barrier.choices)
    for _party, row in rows:
        row.kind_labels = [labels[kind] for kind in row.barrier_kinds if kind in labels]
    return render_cop(
        request,
        access,
        "question/analysis_list.html",
        rows=rows,
        complete=sum(1 for _party, row in rows if row.is_complete),
        can_edit_question=access.can_edit_question(sheet_or_empty(access.community).group_may_edit),
    )


@community_view(Action.VIEW_QUESTION)
def analysis_edit(request, access, pk: int):
    require_question_editor(access)
    stakeholder = get_object_or_404(access.community.stakeholders, pk=pk)
    current = PartyAnalysis.objects.filter(stakeholder=stakeholder).first()
    form = PartyAnalysisForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.party_analysis_save(
            stakeholder=stakeholder,
            actor=request.user,
            **{name: form.cleaned_data[name] for name in PartyAnalysisForm.Meta.fields},
        )
        messages.success(
            request, _("The analysis of %(name)s is saved.") % {"name": stakeholder.name}
        )
        url = reverse("question:analysis", args=[access.community.slug])
        return redirect(f"{url}#party-{stakeholder.pk}")
    return render_cop(
        request, access, "question/analysis_form.html", form=form, stakeholder=stakeholder
    )


urlpatterns = [
    path("c/<slug:slug>/question/analysis/", analysis, name="analysis"),
    path("c/<slug:slug>/question/analysis/<int:pk>/", analysis_edit, name="analysis_edit"),
]
