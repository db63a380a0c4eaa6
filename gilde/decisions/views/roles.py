"""Roles per meeting: the board of coming and recent meetings with who takes which role,
volunteering, a facilitator assigning, a fair rotation suggestion, and the CoP's role list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.calendar import HELD, PLANNED, meeting_of, meetings_of
from gilde.communities.models import Role
from gilde.communities.pages import render_cop

from .. import selectors, services
from ..forms.roles import MeetingRoleForm, RoleAssignForm, RotationForm
from ..rotation import roles_rotation
from ..services import DecisionError
from .common import require_reader

BOARD_MEETINGS = 6


def coming_meetings(community, count: int = BOARD_MEETINGS) -> list:
    return meetings_of(community, status=PLANNED, since=timezone.now(), limit=count)


def recent_meetings(community, count: int = BOARD_MEETINGS) -> list:
    return meetings_of(community, status=HELD, newest_first=True, limit=count)


@community_view(Action.VIEW_DECISIONS)
def roles_board(request, access):
    require_reader(access)
    # The first visit gives the CoP the default role list, which it edits from there.
    roles = services.roles_ensure(community=access.community)
    active = [role for role in roles if role.active]
    coming = coming_meetings(access.community)
    recent = list(reversed(recent_meetings(access.community)))
    return render_cop(
        request,
        access,
        "decisions/roles_board.html",
        roles=active,
        coming=selectors.roles_board(access.community, coming, active),
        recent=selectors.roles_board(access.community, recent, active),
        can_take=access.can(Action.TAKE_ROLES),
        can_manage=access.can(Action.MANAGE_DECISIONS),
    )


def _upcoming_meeting_or_404(access, meeting_id: int):
    meeting = meeting_of(access.community, meeting_id)
    if meeting is None:
        raise Http404
    return meeting


def _back(request, access, meeting):
    if request.POST.get("back") == "meeting":
        return redirect(meeting.url)
    return redirect("decisions:roles", slug=access.community.slug)


@community_view(Action.TAKE_ROLES)
@require_POST
def role_take(request, access, meeting: int, role: int):
    found = _upcoming_meeting_or_404(access, meeting)
    role_obj = get_object_or_404(access.community.meeting_roles, pk=role)
    if found.status != PLANNED or found.ends_at <= timezone.now():
        messages.error(request, _("This meeting is over or cancelled; its roles are fixed."))
        return _back(request, access, found)
    try:
        services.role_take(
            community=access.community,
            meeting_id=found.pk,
            role=role_obj,
            membership=access.membership,
        )
    except DecisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You take the role “%(role)s” at %(meeting)s.")
            % {"role": role_obj.name, "meeting": found.title},
        )
    return _back(request, access, found)


@community_view(Action.TAKE_ROLES)
@require_POST
def role_release(request, access, meeting: int, role: int):
    found = _upcoming_meeting_or_404(access, meeting)
    assignment = get_object_or_404(
        access.community.role_assignments.select_related("role"), meeting_id=found.pk, role_id=role
    )
    if assignment.membership_id != access.membership.pk and not access.can(Action.MANAGE_DECISIONS):
        raise PermissionDenied
    services.role_release(assignment=assignment, actor=request.user)
    messages.success(request, _("The role is free again."))
    return _back(request, access, found)


@community_view(Action.MANAGE_DECISIONS)
def roles_assign(request, access, meeting: int):
    found = _upcoming_meeting_or_404(access, meeting)
    roles = [role for role in services.roles_ensure(community=access.community) if role.active]
    members = list(
        access.community.memberships.exclude(role=Role.OBSERVER)
        .select_related("user")
        .order_by("user__name", "pk")
    )
    current = selectors.assignments_by_meeting(access.community, [found.pk]).get(found.pk, {})
    form = RoleAssignForm(request.POST or None, roles=roles, memberships=members, current=current)
    if request.method == "POST" and form.is_valid():
        for role, membership in form.assignments():
            services.role_assign(
                community=access.community,
                meeting_id=found.pk,
                role=role,
                membership=membership,
                actor=access.membership,
            )
        messages.success(request, _("The roles are saved."))
        return redirect("decisions:roles", slug=access.community.slug)
    return render_cop(
        request,
        access,
        "decisions/roles_assign.html",
        status=400 if form.errors else 200,
        meeting=found,
        form=form,
    )


def _rotation_plan(access, count: int, seed: int):
    """The suggestion for the next `count` coming meetings, counting the roles people took at
    the held meetings (and those already given at the coming ones)."""
    community = access.community
    roles = [role for role in services.roles_ensure(community=community) if role.active]
    coming = coming_meetings(community, count)
    held = meetings_of(community, status=HELD)
    takers = selectors.role_takers(community)
    history, per_role = selectors.role_history(community, [m.pk for m in held])
    board = selectors.assignments_by_meeting(community, [m.pk for m in coming])
    taken = {
        (meeting_id, role_id): assignment.membership_id
        for meeting_id, by_role in board.items()
        for role_id, assignment in by_role.items()
    }
    plan = roles_rotation(
        [m.pk for m in takers],
        [m.pk for m in coming],
        [r.pk for r in roles],
        taken=taken,
        history=history,
        role_history=per_role,
        seed=seed,
    )
    names = {m.pk: m for m in takers}
    rows = [
        (
            meeting,
            [
                (
                    role,
                    board.get(meeting.pk, {}).get(role.pk),
                    names.get(plan.get((meeting.pk, role.pk))),
                )
                for role in roles
            ],
        )
        for meeting in coming
    ]
    return plan, rows


@community_view(Action.MANAGE_DECISIONS)
def roles_rotation_view(request, access):
    form = RotationForm(request.POST or None)
    rows, plan = [], {}
    if request.method == "POST" and form.is_valid():
        count, seed = form.cleaned_data["meetings"], form.cleaned_data["seed"]
        if "shuffle" in request.POST:
            seed = (seed + 1) % 10**6
            form = RotationForm({"meetings": count, "seed": seed})
            form.is_valid()
        plan, rows = _rotation_plan(access, count, seed)
        if "confirm" in request.POST:
            given = services.roles_rotation_apply(
                community=access.community, actor=access.membership, plan=plan
            )
            messages.success(
                request,
                ngettext(
                    "The rotation is saved: %(count)s role given.",
                    "The rotation is saved: %(count)s roles given.",
                    given,
                )
                % {"count": given},
            )
            return redirect("decisions:roles", slug=access.community.slug)
    return render_cop(
        request,
        access,
        "decisions/roles_rotation.html",
        status=400 if form.errors else 200,
        form=form,
        rows=rows,
    )


@community_view(Action.MANAGE_DECISIONS)
def role_list(request, access):
    roles = services.roles_ensure(community=access.community)
    form = MeetingRoleForm(request.POST or None, community=access.community)
    if request.method == "POST" and form.is_valid():
        services.role_add(
            community=access.community,
            actor=request.user,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("The role is added."))
        return redirect("decisions:role_list", slug=access.community.slug)
    return render_cop(
        request,
        access,
        "decisions/role_list.html",
        status=400 if form.errors else 200,
        roles=roles,
        form=form,
    )


@community_view(Action.MANAGE_DECISIONS)
def role_edit(request, access, pk: int):
    role = get_object_or_404(access.community.meeting_roles, pk=pk)
    form = MeetingRoleForm(request.POST or None, instance=role, community=access.community)
    if request.method == "POST" and form.is_valid():
        services.role_update(
            role=role,
            actor=request.user,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            active=form.cleaned_data["active"],
        )
        messages.success(request, _("The role is saved."))
        return redirect("decisions:role_list", slug=access.community.slug)
    return render_cop(
        request,
        access,
        "decisions/role_form.html",
        status=400 if form.errors else 200,
        role=role,
        form=form,
    )


urlpatterns = [
    path("c/<slug:slug>/decisions/roles/", roles_board, name="roles"),
    path("c/<slug:slug>/decisions/roles/list/", role_list, name="role_list"),
    path("c/<slug:slug>/decisions/roles/list/<int:pk>/", role_edit, name="role_edit"),
    path("c/<slug:slug>/decisions/roles/rotation/", roles_rotation_view, name="roles_rotation"),
    path("c/<slug:slug>/decisions/roles/<int:meeting>/assign/", roles_assign, name="roles_assign"),
    path(
        "c/<slug:slug>/decisions/roles/<int:meeting>/<int:role>/take/",
        role_take,
        name="role_take",
    ),
    path(
        "c/<slug:slug>/decisions/roles/<int:meeting>/<int:role>/release/",
        role_release,
        name="role_release",
    ),
]
