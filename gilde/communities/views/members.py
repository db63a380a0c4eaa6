"""Who is in a CoP: the member list, roles, removing and leaving, joining and applying."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.core.pagination import paginate

from .. import selectors, services
from ..access import Action, community_view
from ..forms import ApplicationForm, DecisionForm, RoleForm
from ..models import Role
from ..pages import render_cop
from ..services import MembershipError


def manageable_roles(access) -> list[str]:
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
            "roles": [(r, Role(r).label) for r in manageable_roles(access)],
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
    form = RoleForm(request.POST, allowed_roles=manageable_roles(access))
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
            roles=[(r, Role(r).label) for r in manageable_roles(access)],
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
