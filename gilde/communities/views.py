from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gilde.accounts.backends import LOGIN_BACKEND
from gilde.accounts.forms import RegistrationForm
from gilde.accounts.services import AccountExists, user_register_proven
from gilde.core.audit import audit_describe_html
from gilde.core.pagination import paginate

from . import selectors, services
from .access import Action, community_view
from .forms import ApplicationForm, CommunityForm, DecisionForm, InvitationForm, RoleForm
from .home import home_sections
from .models import Community, Role
from .pages import render_cop
from .services import MembershipError


def directory(request):
    return render(
        request,
        "communities/community_directory.html",
        {"communities": selectors.communities_in_directory()},
    )


@login_required
def mine(request):
    return render(
        request,
        "communities/community_mine.html",
        {"memberships": selectors.memberships_of(request.user)},
    )


@login_required
def create(request):
    form = CommunityForm(request.POST or None, initial={"start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        community = services.community_create(creator=request.user, **form.cleaned_data)
        messages.success(request, _("Your CoP is ready. Invite its facilitators and participants."))
        return redirect(community)
    return render(request, "communities/community_form.html", {"form": form, "creating": True})


def _next_steps(access, counts, pending_count: int) -> list[tuple[str, str]]:
    """What this person may do next, as (label, url name) pairs."""
    steps = []
    if access.can(Action.INVITE):
        steps.append((_("Invite facilitators and participants"), "communities:invite"))
    if access.can(Action.DECIDE_APPLICATIONS) and pending_count:
        steps.append(
            (
                ngettext(
                    "Decide on %(count)s application",
                    "Decide on %(count)s applications",
                    pending_count,
                )
                % {"count": pending_count},
                "communities:members",
            )
        )
    if access.can(Action.VIEW_MEMBERS):
        steps.append((_("See who is in the CoP"), "communities:members"))
    if access.can(Action.EDIT_SETTINGS):
        steps.append((_("Change the CoP's settings"), "communities:settings"))
    if access.can(Action.VIEW_AUDIT_LOG):
        steps.append((_("Read the audit log"), "communities:audit"))
    return steps


@community_view(Action.VIEW_HOME)
def detail(request, access):
    community = access.community
    counts = selectors.role_counts(community)
    pending = (
        selectors.pending_applications(community).count()
        if access.can(Action.DECIDE_APPLICATIONS)
        else 0
    )
    context = {
        "access": access,
        "community": community,
        "counts": counts,
        "member_total": sum(counts.values()),
        "groups": selectors.members_by_role(community) if access.can(Action.VIEW_MEMBERS) else [],
        "next_steps": _next_steps(access, counts, pending) if access.is_member else [],
        "can_leave": access.can_leave(counts[Role.INITIATOR]),
        "sections": home_sections(request, access),
    }
    return render(request, "communities/community_detail.html", context)


@community_view(Action.EDIT_SETTINGS)
def settings_edit(request, access):
    community = access.community
    # The form validates on its own copy, so `community` keeps the saved values: the service
    # compares against them, and a refused form shows the saved name in the page header.
    form = CommunityForm(request.POST or None, instance=Community.objects.get(pk=community.pk))
    if request.method == "POST" and form.is_valid():
        changed = services.community_update(
            community=community, actor=request.user, **form.cleaned_data
        )
        if changed:
            messages.success(request, _("The settings are saved."))
        return redirect(community)
    return render(
        request,
        "communities/community_form.html",
        {"form": form, "community": community, "access": access},
    )


def _manageable_roles(access) -> list[str]:
    if access.role == Role.INITIATOR:
        return list(Role.values)
    return [role for role in Role.values if role != Role.INITIATOR]


@community_view(Action.VIEW_MEMBERS)
def members(request, access):
    community = access.community
    page = paginate(request, selectors.community_members(community))
    memberships = list(page.object_list)
    manageable = {m.pk for m in memberships if access.can_change_member(m)}
    return render(
        request,
        "communities/membership_list.html",
        {
            "access": access,
            "community": community,
            "page": page,
            "memberships": memberships,
            "manageable": manageable,
            "roles": [(r, Role(r).label) for r in _manageable_roles(access)],
            "applications": selectors.pending_applications(community)
            if access.can(Action.DECIDE_APPLICATIONS)
            else [],
        },
    )


def _membership_or_404(access, pk: int):
    return get_object_or_404(access.community.memberships.select_related("user"), pk=pk)


@community_view(Action.MANAGE_MEMBERS)
@require_POST
def member_role(request, access, pk: int):
    membership = _membership_or_404(access, pk)
    form = RoleForm(request.POST, allowed_roles=_manageable_roles(access))
    level, text = messages.ERROR, None
    if not form.is_valid():
        text = _("Choose one of the roles in the list.")
    elif not access.can_change_member(membership, form.cleaned_data["role"]):
        text = _("You may not change this member's role.")
    else:
        try:
            services.membership_change_role(
                membership=membership,
                actor=request.user,
                role=form.cleaned_data["role"],
                focus=form.cleaned_data["focus"],
            )
            level = messages.SUCCESS
            text = _("%(name)s is now %(role)s.") % {
                "name": membership.user,
                "role": membership.role_label.lower(),
            }
        except MembershipError as error:
            text = error.message
    if request.htmx:
        membership.refresh_from_db()
        return render_cop(
            request,
            access,
            "communities/membership_list.html#member-row",
            membership=membership,
            manageable={m.pk for m in [membership] if access.can_change_member(m)},
            roles=[(r, Role(r).label) for r in _manageable_roles(access)],
            row_message=text,
        )
    messages.add_message(request, level, text)
    return redirect("communities:members", slug=access.community.slug)


@community_view(Action.MANAGE_MEMBERS)
@require_POST
def member_remove(request, access, pk: int):
    membership = _membership_or_404(access, pk)
    if not access.can_change_member(membership):
        messages.error(request, _("You may not remove this member."))
    else:
        try:
            services.membership_remove(membership=membership, actor=request.user)
            messages.success(
                request, _("%(name)s is no longer a member.") % {"name": membership.user}
            )
        except MembershipError as error:
            messages.error(request, error.message)
    return redirect("communities:members", slug=access.community.slug)


@community_view(Action.LEAVE)
def leave(request, access):
    community = access.community
    if request.method == "POST":
        try:
            services.membership_remove(membership=access.membership, actor=request.user)
        except MembershipError as error:
            messages.error(request, error.message)
            return redirect(community)
        messages.success(request, _("You have left %(name)s.") % {"name": community.name})
        return redirect("communities:mine")
    return render(
        request, "communities/community_leave.html", {"community": community, "access": access}
    )


@community_view(Action.JOIN)
@require_POST
def join(request, access):
    try:
        services.community_join(community=access.community, user=request.user)
        messages.success(request, _("Welcome to %(name)s!") % {"name": access.community.name})
    except MembershipError as error:
        messages.error(request, error.message)
    return redirect(access.community)


@community_view(Action.APPLY)
def apply(request, access):
    community = access.community
    previous = selectors.application_of(community, request.user)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                community=community, user=request.user, motivation=form.cleaned_data["motivation"]
            )
            messages.success(
                request,
                _("Your application is sent. The facilitators will let you know by e-mail."),
            )
            return redirect("communities:directory")
        except MembershipError as error:
            form.add_error(None, error.message)
    return render(
        request,
        "communities/application_form.html",
        {"community": community, "form": form, "previous": previous},
    )


@community_view(Action.DECIDE_APPLICATIONS)
@require_POST
def application_decide(request, access, pk: int):
    application = get_object_or_404(access.community.applications.select_related("user"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or decline the application."))
    else:
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.application_decide(
                application=application,
                actor=request.user,
                approve=approve,
                note=form.cleaned_data["note"],
            )
            text = (
                _("%(name)s is now a participant.")
                if approve
                else _("The application of %(name)s is declined.")
            )
            messages.success(request, text % {"name": application.user})
        except MembershipError as error:
            messages.error(request, error.message)
    return redirect("communities:members", slug=access.community.slug)


@community_view(Action.INVITE)
def invite(request, access):
    community = access.community
    form = InvitationForm(request.POST or None, allowed_roles=_manageable_roles(access))
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


@community_view(Action.VIEW_AUDIT_LOG)
def audit(request, access):
    page = paginate(request, access.community.audit_entries.select_related("actor"))
    return render_cop(
        request,
        access,
        "communities/audit_list.html",
        page=page,
        entries=[(entry, audit_describe_html(entry)) for entry in page.object_list],
    )


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
