"""Invitations: sending and revoking them, and where an invitation link lands."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.accounts.backends import LOGIN_BACKEND
from gilde.accounts.forms import RegistrationForm
from gilde.accounts.services import AccountExists, user_register_proven

from .. import services
from ..access import Action, community_view
from ..forms import InvitationForm
from ..services import MembershipError
from .members import manageable_roles


@community_view(Action.INVITE)
def invite(request, access):
    community = access.community
    form = InvitationForm(request.POST or None, allowed_roles=manageable_roles(access))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_send(
                community=community, inviter=request.user, **form.cleaned_data
            )
            messages.success(
                request,
                _("The invitation is on its way to %(email)s.") % {"email": invitation.email},
            )
            return redirect("communities:invite", slug=community.slug)
        except MembershipError as error:
            form.add_error("email", error.message)
    return render(
        request,
        "communities/invitation_form.html",
        {
            "access": access,
            "community": community,
            "form": form,
            "pending": community.invitations.pending().select_related("invited_by"),
        },
    )


@community_view(Action.INVITE)
@require_POST
def invitation_revoke(request, access, pk: int):
    invitation = get_object_or_404(access.community.invitations.pending(), pk=pk)
    services.invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(
        request, _("The invitation for %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("communities:invite", slug=access.community.slug)


def _invitation_or_404(token: str):
    invitation = services.invitation_by_token(token)
    if invitation is None:
        raise Http404
    return invitation


def invitation(request, token: str):
    """Where an invitation link lands: accept, or register or log in first."""
    invitation = _invitation_or_404(token)
    community = invitation.community
    context = {"invitation": invitation, "community": community, "token": token}
    if not invitation.is_usable:
        return render(request, "communities/invitation_invalid.html", context, status=410)
    user = request.user
    if user.is_authenticated:
        if community.memberships.filter(user=user).exists():
            messages.info(request, _("You are already a member of this CoP."))
            return redirect(community)
        if user.email.lower() != invitation.email.lower():
            return render(request, "communities/invitation_wrong_account.html", context, status=403)
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=user)
            except MembershipError as error:
                messages.error(request, error.message)
                return redirect("communities:mine")
            messages.success(request, _("Welcome to %(name)s!") % {"name": community.name})
            return redirect(community)
    context["has_account"] = (
        not user.is_authenticated
        and get_user_model().objects.filter(email__iexact=invitation.email).exists()
    )
    return render(request, "communities/invitation_detail.html", context)


def invitation_register(request, token: str):
    """Register from an invitation: the address is proven, so the account is active at once."""
    invitation = _invitation_or_404(token)
    if not invitation.is_usable:
        return render(
            request,
            "communities/invitation_invalid.html",
            {"invitation": invitation, "community": invitation.community},
            status=410,
        )
    if request.user.is_authenticated:
        return redirect("communities:invitation", token=token)
    form = RegistrationForm(request.POST or None, fixed_email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_register_proven(
                email=invitation.email,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
                language=request.LANGUAGE_CODE,
            )
        except AccountExists:  # made between showing the form and sending it
            return redirect("accounts:login")
        login(request, user, backend=LOGIN_BACKEND)
        try:
            services.invitation_accept(invitation=invitation, user=user)
        except MembershipError as error:
            messages.error(request, error.message)
            return redirect("communities:mine")
        messages.success(request, _("Welcome to %(name)s!") % {"name": invitation.community.name})
        return redirect(invitation.community)
    return render(
        request,
        "communities/invitation_register.html",
        {"form": form, "invitation": invitation, "community": invitation.community},
    )
