"""Step 3's pages: the facilitators' overview, each participant's agreement, and the
organisations' commitments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.models import Role
from gilde.communities.pages import delete_page, edit_page, render_cop

from . import selectors, services
from .forms import ImpactAgreementForm, OrganisationCommitmentForm
from .models import ImpactAgreement

AGREEMENT_FIELDS = ImpactAgreementForm.Meta.fields
COMMITMENT_FIELDS = ["commitment", "budget_reference", "contact_person"]


@community_view(Action.MANAGE_IMPACT)
def overview(request, access):
    return render_cop(
        request,
        access,
        "impact/overview.html",
        overview=selectors.impact_overview(access.community),
    )


@community_view(Action.VIEW_HOME)
def member(request, access, pk: int):
    membership = get_object_or_404(
        access.community.memberships.filter(role=Role.PARTICIPANT).select_related("user"), pk=pk
    )
    is_self = access.membership == membership
    if not (is_self or access.can(Action.MANAGE_IMPACT)):
        raise PermissionDenied
    agreement = ImpactAgreement.objects.filter(membership=membership).first()
    form = ImpactAgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in AGREEMENT_FIELDS}
        services.impact_agreement_save(membership=membership, actor=request.user, **fields)
        messages.success(request, _("The agreements are saved."))
        if access.can(Action.MANAGE_IMPACT):
            return redirect("impact:overview", slug=access.community.slug)
        return redirect("guide:cop_step", slug=access.community.slug, number=3)
    return render_cop(
        request,
        access,
        "impact/agreement_form.html",
        form=form,
        membership=membership,
        is_self=is_self,
    )


def _commitment_form(access, data=None, instance=None, initial=None):
    return OrganisationCommitmentForm(
        data,
        instance=instance,
        initial=initial,
        community=access.community,
        organisations=selectors.member_organisations(access.community),
    )


@community_view(Action.MANAGE_IMPACT)
def commitment_new(request, access):
    if request.method == "POST":
        form = _commitment_form(access, request.POST)
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            try:
                services.commitment_add(
                    community=access.community,
                    actor=request.user,
                    organisation=organisation,
                    **{name: form.cleaned_data[name] for name in COMMITMENT_FIELDS},
                )
            except IntegrityError:
                # Someone recorded one for this organisation a moment ago.
                form.add_error(
                    "organisation",
                    _("%(organisation)s has a commitment already; edit that one instead.")
                    % {"organisation": organisation},
                )
            else:
                messages.success(request, _("The commitment is recorded."))
                return redirect("impact:overview", slug=access.community.slug)
    else:
        # The overview links to "record the commitment" of one organisation with ?organisation=…
        chosen = request.GET.get("organisation", "")
        form = _commitment_form(
            access, initial={"organisation": chosen} if chosen.isdigit() else None
        )
    return render_cop(request, access, "impact/commitment_form.html", form=form, commitment=None)


def _commitment_or_404(access, pk: int):
    return get_object_or_404(
        access.community.organisation_commitments.select_related("organisation"), pk=pk
    )


@community_view(Action.MANAGE_IMPACT)
def commitment_edit(request, access, pk: int):
    commitment = _commitment_or_404(access, pk)
    return edit_page(
        request,
        access,
        form=_commitment_form(access, request.POST or None, instance=commitment),
        save=lambda data: services.commitment_update(
            item=commitment,
            actor=request.user,
            organisation=data["organisation"],
            **{name: data[name] for name in COMMITMENT_FIELDS},
        ),
        template="impact/commitment_form.html",
        done=_("The commitment is saved."),
        next_url=reverse("impact:overview", args=[access.community.slug]),
        commitment=commitment,
    )


@community_view(Action.MANAGE_IMPACT)
def commitment_delete(request, access, pk: int):
    commitment = _commitment_or_404(access, pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.commitment_delete(item=commitment, actor=request.user),
        template="impact/commitment_confirm_delete.html",
        done=_("The commitment is deleted."),
        next_url=reverse("impact:overview", args=[access.community.slug]),
        commitment=commitment,
    )
