"""Step 2 views: the composition dashboard (aggregates only) and the CoP's composition rules."""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from gilde.accounts.models import KnowledgeType
from gilde.communities.access import Action, community_view
from gilde.composition import charts, diversity, services
from gilde.composition.forms.dashboard import CompositionRulesForm, WhatIfForm
from gilde.composition.models import CandidateStatus, PioneerFollower
from gilde.composition.selectors import composition_rules, group_members, summary_context
from gilde.core.safe_svg import safe_svg

ATTRIBUTE_LABELS = {
    "organisation": gettext_lazy("Organisation"),
    "industry": gettext_lazy("Industry"),
    "function": gettext_lazy("Function"),
    "discipline": gettext_lazy("Discipline"),
    "knowledge_type": gettext_lazy("Knowledge background"),
    "pioneer": gettext_lazy("Pioneer or follower"),
}
# Attributes with fixed choices show the choice's label instead of the stored value.
VALUE_LABELS = {
    "knowledge_type": dict(KnowledgeType.choices),
    "pioneer": dict(PioneerFollower.choices),
}
# Candidates still on their way in: the ones a what-if may add.
OPEN_STATUSES = (
    CandidateStatus.SUGGESTED,
    CandidateStatus.APPROACHED,
    CandidateStatus.INTAKE_PLANNED,
    CandidateStatus.INTAKE_DONE,
    CandidateStatus.INVITED,
)


def value_label(attribute: str, value: str) -> str:
    return str(VALUE_LABELS.get(attribute, {}).get(value, value))


@dataclass(frozen=True)
class AttributeView:
    """One attribute on the dashboard: its figures now and (what-if) with the candidates."""

    key: str
    label: str
    now: diversity.AttributeFigures
    after: diversity.AttributeFigures | None
    rows: list  # (category label, count now, count after or None)
    chart: str


def _attribute_view(
    now: diversity.AttributeFigures, after: diversity.AttributeFigures | None
) -> AttributeView:
    label = str(ATTRIBUTE_LABELS[now.attribute])
    before = dict(now.counts)
    ordered = after.counts if after is not None else now.counts
    keys = [key for key, _count in ordered]
    keys += [key for key, _count in now.counts if key not in set(keys)]
    after_counts = dict(after.counts) if after is not None else None
    rows = [
        (
            value_label(now.attribute, key),
            before.get(key, 0),
            after_counts.get(key, 0) if after_counts is not None else None,
        )
        for key in keys
    ]

    def labelled(counts):
        return [(value_label(now.attribute, key), count) for key, count in counts]

    categories = after.categories if after is not None else now.categories
    description = ngettext(
        "Number of participants per category of %(attribute)s, %(count)s category. "
        "The table next to the chart gives the same numbers.",
        "Number of participants per category of %(attribute)s, %(count)s categories. "
        "The table next to the chart gives the same numbers.",
        categories,
    ) % {"attribute": label.lower(), "count": categories}
    if categories > charts.MAX_BARS:
        description += " " + _(
            "The chart shows the first %(shown)s categories; the table lists them all."
        ) % {"shown": charts.MAX_BARS}
    chart = charts.bar_chart_svg(
        labelled(now.counts),
        charts.ChartLabels(
            title=_("Participants per %(attribute)s") % {"attribute": label.lower()},
            description=description,
            more=_("%(count)s more in the table"),
            now=_("Now"),
            what_if=_("With the selected candidates"),
        ),
        uid=f"chart-{now.attribute}",
        what_if=labelled(after.counts) if after is not None else None,
    )
    # charts escapes every text it is given.
    return AttributeView(now.attribute, label, now, after, rows, safe_svg(chart))


def _mix_rows(now: diversity.Mix, after: diversity.Mix | None, attribute: str) -> list:
    rows = [
        (value_label(attribute, key), count, after.count(key) if after else None)
        for key, count in now.counts
    ]
    rows.append((_("Not filled in"), now.missing, after.missing if after else None))
    return rows


@community_view(Action.VIEW_COMPOSITION)
def dashboard(request, access):
    community = access.community
    group = group_members(community)
    now = diversity.composition(group)
    rules = composition_rules(community)

    what_if_form = after = None
    selected: list = []
    if access.can(Action.MANAGE_CANDIDATES):
        candidates = community.candidates.filter(status__in=OPEN_STATUSES).order_by("name")
        what_if_form = WhatIfForm(request.GET or None, candidates=list(candidates))
        selected = what_if_form.selected()
        if what_if_form.ignored:
            messages.warning(
                request,
                ngettext(
                    "%(count)s of the chosen candidates is not an open candidate of this CoP; "
                    "it is left out.",
                    "%(count)s of the chosen candidates are not open candidates of this CoP; "
                    "they are left out.",
                    what_if_form.ignored,
                )
                % {"count": what_if_form.ignored},
            )
        if selected:
            after = diversity.what_if(group, selected)

    attributes = [
        _attribute_view(figures, after.attribute(figures.attribute) if after else None)
        for figures in now.attributes
    ]
    return render(
        request,
        "composition/dashboard.html",
        {
            "access": access,
            "community": community,
            **summary_context(community, now, rules),
            "after": after,
            "attributes": attributes,
            "rules_form": CompositionRulesForm(
                initial={"one_organisation_per_industry": rules.one_organisation_per_industry}
            ),
            "what_if_form": what_if_form,
            "selected": selected,
            "selected_ids": {candidate.pk for candidate in selected},
            "mixes": [
                (
                    _("Pioneers and followers"),
                    _mix_rows(now.pioneer_mix, after.pioneer_mix if after else None, "pioneer"),
                ),
                (
                    _("Practice and theory"),
                    _mix_rows(
                        now.knowledge_mix,
                        after.knowledge_mix if after else None,
                        "knowledge_type",
                    ),
                ),
            ],
            "has_pioneers_and_followers": now.pioneer_mix.count("pioneer") > 0
            and now.pioneer_mix.count("follower") > 0,
        },
    )


@community_view(Action.MANAGE_CANDIDATES)
@require_POST
def rules(request, access):
    form = CompositionRulesForm(request.POST)
    if form.is_valid():
        services.composition_settings_save(
            community=access.community,
            actor=request.user,
            one_organisation_per_industry=form.cleaned_data["one_organisation_per_industry"],
        )
        messages.success(request, _("The composition rules are saved."))
    return redirect("composition:dashboard", slug=access.community.slug)


urlpatterns = [
    path("c/<slug:slug>/group/", dashboard, name="dashboard"),
    path("c/<slug:slug>/group/rules/", rules, name="rules"),
]
