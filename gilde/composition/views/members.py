"""Step 2 views: each member's profile in this CoP, and intakes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _

from gilde.accounts.models import KnowledgeType
from gilde.accounts.selectors import suggestions_for
from gilde.communities.access import Action, community_view
from gilde.communities.models import Membership
from gilde.communities.pages import render_cop
from gilde.composition import selectors, services
from gilde.composition.forms.members import (
    PROFILE_FIELDS,
    IntakeFacilitatorForm,
    IntakeMemberForm,
    MemberProfileForm,
)
from gilde.composition.models import TRAITS, Intake, MemberProfile, PioneerFollower


def _membership_or_404(access, pk: int) -> Membership:
    # Only this CoP's memberships: another CoP's pk is a 404, whoever asks.
    return get_object_or_404(
        access.community.memberships.select_related(
            "user__organisation", "profile__organisation", "intake__interviewer"
        ),
        pk=pk,
    )


def _effective_rows(membership: Membership, profile: MemberProfile | None):
    """(label, value, from_account) per attribute, as the composition of the group counts it."""
    member = next(
        m
        for m in selectors.group_members(membership.community, roles=(membership.role,))
        if m.membership.pk == membership.pk
    )
    choice_labels = {
        "knowledge_type": dict(KnowledgeType.choices),
        "pioneer": dict(PioneerFollower.choices),
    }
    rows = []
    for name in ("organisation", *PROFILE_FIELDS):
        value = getattr(member, name)
        own = getattr(profile, f"{name}_id" if name == "organisation" else name, None)
        rows.append(
            (
                MemberProfile._meta.get_field(name).verbose_name,
                choice_labels.get(name, {}).get(value, value),
                bool(value) and not own,
            )
        )
    return rows


@community_view(Action.VIEW_HOME)
def profile(request, access, pk: int):
    membership = _membership_or_404(access, pk)
    if not access.can_edit_profile_of(membership):
        raise PermissionDenied
    instance = getattr(membership, "profile", None)
    form = MemberProfileForm(
        request.POST or None,
        instance=instance or MemberProfile(membership=membership),
        account=membership.user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.profile_save(
            membership=membership,
            actor=request.user,
            organisation_name=data["organisation_name"],
            **{name: data[name] for name in PROFILE_FIELDS},
        )
        messages.success(request, _("The profile in this CoP is saved."))
        return redirect("composition:profile", slug=access.community.slug, pk=membership.pk)
    return render_cop(
        request,
        access,
        "composition/profile_form.html",
        membership=membership,
        is_self=membership == access.membership,
        rows=_effective_rows(membership, instance),
        form=form,
        can_read_intake=access.can_read_intake_of(membership),
        organisations=suggestions_for(request.user, "organisation"),
        industries=suggestions_for(request.user, "industry"),
    )


@community_view(Action.VIEW_HOME)
def intake(request, access, pk: int):
    membership = _membership_or_404(access, pk)
    if not access.can_read_intake_of(membership):
        raise PermissionDenied
    saved = getattr(membership, "intake", None)
    instance = saved or Intake(membership=membership)
    # Only facilitators assess; a member's form has no trait fields, so forged ones are ignored.
    assesses = access.can(Action.READ_INTAKES)
    form_class = IntakeFacilitatorForm if assesses else IntakeMemberForm
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.intake_save(
            membership=membership,
            actor=request.user,
            done=data["done"] if assesses else None,
            **{name: data[name] for name in form._meta.fields},
        )
        messages.success(request, _("The intake is saved."))
        return redirect("composition:intake", slug=access.community.slug, pk=membership.pk)
    # Read from the stored intake: a bound form may have changed `instance` in memory.
    shown = saved if saved else Intake(membership=membership)
    assessment = [
        (
            Intake._meta.get_field(f"trait_{trait}").verbose_name,
            getattr(shown, f"get_trait_{trait}_display")(),
            getattr(shown, f"trait_{trait}_note"),
        )
        for trait in TRAITS
    ]
    is_self = membership == access.membership
    # The pipeline's notes on this person stay with the candidate record, for the people who
    # manage candidates; the member never sees them, not even on their own intake.
    pipeline_notes = ""
    if access.can(Action.MANAGE_CANDIDATES) and not is_self:
        pipeline_notes = (
            access.community.candidates.filter(user=membership.user)
            .values_list("notes", flat=True)
            .first()
        ) or ""
    return render_cop(
        request,
        access,
        "composition/intake_form.html",
        membership=membership,
        intake=shown,
        is_self=is_self,
        pipeline_notes=pipeline_notes,
        assesses=assesses,
        assessment=assessment,
        form=form,
        can_edit_profile=access.can_edit_profile_of(membership),
    )


@community_view(Action.READ_INTAKES)
def intakes(request, access):
    group = selectors.group_members(access.community)
    by_membership = {
        item.membership_id: item
        for item in Intake.objects.filter(membership__community=access.community).select_related(
            "interviewer"
        )
    }
    rows = [(member, by_membership.get(member.membership.pk)) for member in group]
    return render_cop(
        request,
        access,
        "composition/intake_list.html",
        rows=rows,
        done_count=sum(1 for _member, item in rows if item and item.done_at),
    )


urlpatterns = [
    path("c/<slug:slug>/members/<int:pk>/profile/", profile, name="profile"),
    path("c/<slug:slug>/members/<int:pk>/intake/", intake, name="intake"),
    path("c/<slug:slug>/group/intakes/", intakes, name="intakes"),
]
