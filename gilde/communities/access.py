"""Every permission question in Gilde is answered here.

A person's rights in a CoP follow from their role in it, written out in `ROLE_PERMISSIONS`.
People who are not members get the rights in `OUTSIDER_PERMISSIONS`, which depend on how the CoP
admits people. Views declare what they need with `@community_view(Action.X)`; the decorator
resolves the CoP, answers with a login redirect (anonymous), a 404 (an outsider of a CoP they may
not know about) or a 403 (a member without the right), and passes a `CommunityAccess` to the view.

Objects inside a CoP (a membership, a meeting, a version: any URL with more than the CoP's slug)
are for its members only. Whoever is not a member gets a 404 for them (anonymous visitors the
login page), whether or not the object exists and before the view looks it up; a 403 for one id
and a 404 for another would tell an outsider of an open CoP which ids exist.
"""

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from .models import Community, Membership, Policy, Role


class Action(StrEnum):
    VIEW_HOME = "view_home"
    VIEW_MEMBERS = "view_members"
    JOIN = "join"
    APPLY = "apply"
    LEAVE = "leave"
    INVITE = "invite"
    MANAGE_MEMBERS = "manage_members"
    DECIDE_APPLICATIONS = "decide_applications"
    EDIT_SETTINGS = "edit_settings"
    VIEW_AUDIT_LOG = "view_audit_log"
    VIEW_STEPS = "view_steps"
    MARK_STEPS = "mark_steps"
    VIEW_WORK_FORMS = "view_work_forms"
    MANAGE_WORK_FORMS = "manage_work_forms"
    VIEW_QUESTION = "view_question"
    COMMENT_QUESTION = "comment_question"
    EDIT_QUESTION = "edit_question"
    REQUEST_COMMENTS = "request_comments"
    VIEW_COMPOSITION = "view_composition"
    MANAGE_CANDIDATES = "manage_candidates"
    EDIT_PROFILES = "edit_profiles"
    READ_INTAKES = "read_intakes"
    MANAGE_IMPACT = "manage_impact"
    VIEW_MEETINGS = "view_meetings"
    ATTEND_MEETINGS = "attend_meetings"
    READ_EVALUATION_ANSWERS = "read_evaluation_answers"
    PLAN_MEETINGS = "plan_meetings"
    PROPOSE_AGENDA_ITEMS = "propose_agenda_items"
    VIEW_LEARNING = "view_learning"
    KEEP_RECORD = "keep_record"
    EDIT_CANVAS = "edit_canvas"
    MANAGE_BUDDIES = "manage_buddies"
    VIEW_MONITORING = "view_monitoring"
    TAKE_PART_IN_MONITORING = "take_part_in_monitoring"
    MANAGE_MONITORING = "manage_monitoring"
    VIEW_NETWORK_NAMES = "view_network_names"
    VIEW_DECISIONS = "view_decisions"
    START_POLLS = "start_polls"
    EDIT_AGREEMENTS = "edit_agreements"
    TAKE_ROLES = "take_roles"
    ASK_FEEDBACK = "ask_feedback"
    MANAGE_DECISIONS = "manage_decisions"
    # Join a programme on its invitation, choose what it sees, leave it (gilde/programmes/).
    DECIDE_PROGRAMMES = "decide_programmes"
    VIEW_COMMUNICATION = "view_communication"
    MANAGE_COMMUNICATION = "manage_communication"


_MEMBER = {
    Action.VIEW_HOME,
    Action.LEAVE,
    Action.VIEW_STEPS,
    Action.VIEW_WORK_FORMS,
    Action.VIEW_QUESTION,
    Action.VIEW_COMPOSITION,
    Action.VIEW_MEETINGS,
    # What the group shares of its learning, the buddy pairs and the backcasting canvases.
    Action.VIEW_LEARNING,
    Action.VIEW_MONITORING,
    Action.VIEW_DECISIONS,
    # Step 8: the results register (what the group may see of it) and the communication plan.
    Action.VIEW_COMMUNICATION,
}
# Those who take part in meetings: they say whether they come, fill in the evaluation and read
# its open answers (observers see the averages only).
_ATTENDERS = {
    Action.ATTEND_MEETINGS,
    Action.READ_EVALUATION_ANSWERS,
    # Their own learning record and experiments, and the group's canvases.
    Action.KEEP_RECORD,
    Action.EDIT_CANVAS,
    # Step 6: the network question, TIS scores and value stories.
    Action.TAKE_PART_IN_MONITORING,
}
# The group's own arrangements (step 5): start polls and vote, keep the working agreements, take
# roles at meetings, ask each other for feedback. Observers read (where the CoP allows), no more.
_GROUP = {Action.START_POLLS, Action.EDIT_AGREEMENTS, Action.TAKE_ROLES, Action.ASK_FEEDBACK}
_RUNNERS = {
    Action.PLAN_MEETINGS,
    Action.MANAGE_CANDIDATES,
    Action.EDIT_PROFILES,
    Action.MANAGE_IMPACT,
    Action.COMMENT_QUESTION,
    Action.EDIT_QUESTION,
    Action.REQUEST_COMMENTS,
    Action.MARK_STEPS,
    Action.MANAGE_WORK_FORMS,
    Action.VIEW_MEMBERS,
    Action.INVITE,
    Action.MANAGE_MEMBERS,
    Action.DECIDE_APPLICATIONS,
    Action.EDIT_SETTINGS,
    Action.VIEW_AUDIT_LOG,
    Action.MANAGE_BUDDIES,
    Action.MANAGE_MONITORING,
    Action.MANAGE_DECISIONS,
    # Step 8: results, the plan, the reports and the public results page.
    Action.MANAGE_COMMUNICATION,
}

ROLE_PERMISSIONS: dict[str, frozenset[Action]] = {
    # A programme's invitation is the initiator's to accept: they answer for the CoP as a whole.
    Role.INITIATOR: frozenset(
        _MEMBER | _ATTENDERS | _GROUP | _RUNNERS | {Action.DECIDE_PROGRAMMES}
    ),
    # Intakes are personal: the member and the facilitators read them, not the initiator.
    # The named social map is personal data: facilitators read it; the group only where the CoP
    # allows it (`can_see_network_names`).
    Role.FACILITATOR: frozenset(
        _MEMBER | _ATTENDERS | _GROUP | _RUNNERS | {Action.READ_INTAKES, Action.VIEW_NETWORK_NAMES}
    ),
    # Participants co-plan: they propose agenda items, which a meeting's facilitators accept or
    # decline (the initiator and facilitators plan directly).
    Role.PARTICIPANT: frozenset(
        _MEMBER
        | _ATTENDERS
        | _GROUP
        | {Action.VIEW_MEMBERS, Action.COMMENT_QUESTION, Action.PROPOSE_AGENDA_ITEMS}
    ),
    # Managers and funders read what the CoP publishes; the member list is not theirs to browse.
    Role.OBSERVER: frozenset(_MEMBER),
}

# Non-members, by how the CoP admits people. A closed CoP that is not listed stays invisible.
OUTSIDER_PERMISSIONS: dict[tuple[str, bool], frozenset[Action]] = {
    (Policy.OPEN, True): frozenset({Action.VIEW_HOME, Action.JOIN}),
    (Policy.OPEN, False): frozenset({Action.VIEW_HOME, Action.JOIN}),
    (Policy.CLOSED, True): frozenset({Action.APPLY}),
    (Policy.CLOSED, False): frozenset(),
}

# Anonymous visitors may read an open CoP's home page; everything else asks them to log in.
ANONYMOUS_PERMISSIONS: dict[tuple[str, bool], frozenset[Action]] = {
    (Policy.OPEN, True): frozenset({Action.VIEW_HOME}),
    (Policy.OPEN, False): frozenset({Action.VIEW_HOME}),
    (Policy.CLOSED, True): frozenset(),
    (Policy.CLOSED, False): frozenset(),
}


def roles_with(action: Action) -> list[str]:
    """The roles whose members may do `action`."""
    return [role for role, actions in ROLE_PERMISSIONS.items() if action in actions]


@dataclass(frozen=True)
class CommunityAccess:
    """What one person may do in one CoP."""

    community: Community
    membership: Membership | None
    is_authenticated: bool

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def permissions(self) -> frozenset[Action]:
        if self.membership:
            return ROLE_PERMISSIONS[self.membership.role]
        key = (self.community.policy, self.community.listed)
        table = OUTSIDER_PERMISSIONS if self.is_authenticated else ANONYMOUS_PERMISSIONS
        return table[key]

    def can(self, action: Action) -> bool:
        return action in self.permissions

    @property
    def sees_member_names(self) -> bool:
        """Whether names reach this viewer wherever a page lists the CoP's people: who comes, who
        was there, who facilitates, who leads an agenda item, whose turn it is. Exactly those
        who may read the member list; the others see counts and roles."""
        return self.can(Action.VIEW_MEMBERS)

    def member_label(self, membership: Membership | None) -> str:
        """How `membership` appears to this viewer in any list of people: by name to those who
        may read the member list (and to the person themselves), otherwise by role only."""
        if membership is None:
            return ""
        if self.sees_member_names or membership.pk == getattr(self.membership, "pk", None):
            return str(membership.user)
        return str(membership.get_role_display())

    def user_label(self, user) -> str:
        """A person named by account rather than membership (who marked a step done): their
        name under the same rule as `member_label`, or "" so the page words it without one."""
        if user is None:
            return ""
        own = self.membership is not None and self.membership.user_id == user.pk
        return str(user) if self.sees_member_names or own else ""

    @property
    def may_know_exists(self) -> bool:
        """Members, and anyone for an open CoP. Outsiders of a closed CoP get 404."""
        return self.is_member or self.community.is_open

    def can_change_member(self, target: Membership, new_role: str | None = None) -> bool:
        """Initiators manage everyone; facilitators manage everyone but initiators."""
        if not self.can(Action.MANAGE_MEMBERS) or target.pk == getattr(self.membership, "pk", None):
            return False
        touches_initiator = Role.INITIATOR in (target.role, new_role)
        return self.role == Role.INITIATOR or not touches_initiator

    def can_edit_question(self, group_may_edit: bool) -> bool:
        """Initiator and facilitators edit step 1's work; participants too when the CoP says so."""
        return self.can(Action.EDIT_QUESTION) or (group_may_edit and self.role == Role.PARTICIPANT)

    def _facilitates(self, facilitator_ids: Collection[int]) -> bool:
        return self.membership is not None and self.membership.pk in facilitator_ids

    def can_plan_meeting(self, facilitator_ids: Collection[int]) -> bool:
        """One meeting's agenda: the initiator and the CoP's facilitators plan every meeting; a
        member the rotation or the pair names for this meeting (`facilitator_ids`, the
        memberships of its facilitators) plans this one, even as a participant."""
        return self.can(Action.PLAN_MEETINGS) or (
            self._facilitates(facilitator_ids) and self.can(Action.ATTEND_MEETINGS)
        )

    def can_decide_proposal(self, facilitator_ids: Collection[int]) -> bool:
        """Accept or decline an agenda proposal for one meeting: that meeting's facilitators
        only. While nobody is named for it, the initiator and the CoP's facilitators decide."""
        if facilitator_ids:
            return self._facilitates(facilitator_ids) and self.can(Action.ATTEND_MEETINGS)
        return self.can(Action.PLAN_MEETINGS)

    def can_edit_profile_of(self, membership: Membership) -> bool:
        """Members keep their own profile in a CoP; initiator and facilitators keep everyone's."""
        return self.can(Action.EDIT_PROFILES) or self.membership == membership

    def can_read_intake_of(self, membership: Membership) -> bool:
        """An intake is for the member and the facilitators only."""
        return self.can(Action.READ_INTAKES) or self.membership == membership

    def can_see_network_names(self, group_allowed: bool) -> bool:
        """The named social map and each person's network figures: facilitators always; the
        initiator and participants when the CoP shares the map with the group. Observers (and
        reports) get aggregates only."""
        if self.can(Action.VIEW_NETWORK_NAMES):
            return True
        return group_allowed and self.role in (Role.INITIATOR, Role.PARTICIPANT)

    def can_read_decisions(self, observers_read: bool) -> bool:
        """Polls, the decision log, agreements and roles: every member, observers only when the
        CoP allows it."""
        return self.can(Action.VIEW_DECISIONS) and (self.role != Role.OBSERVER or observers_read)

    def can_vote(self, participants_only: bool) -> bool:
        """A poll is for the participants, or for every member except observers."""
        if not self.can(Action.START_POLLS):
            return False
        return self.role == Role.PARTICIPANT or not participants_only

    def can_steer_poll(self, author_id: int | None) -> bool:
        """Close early and write the outcome: the poll's author, the facilitators, the
        initiator."""
        own = author_id is not None and author_id == getattr(self.membership, "pk", None)
        return self.can(Action.MANAGE_DECISIONS) or (own and self.can(Action.START_POLLS))

    def can_leave(self, initiator_count: int) -> bool:
        """A CoP keeps at least one initiator: the last one hands over before leaving."""
        return self.can(Action.LEAVE) and not (self.role == Role.INITIATOR and initiator_count <= 1)


def community_access(user, community: Community) -> CommunityAccess:
    """Resolve the (user, CoP) pair to the user's membership and rights."""
    membership = None
    if user.is_authenticated:
        membership = community.memberships.filter(user=user).select_related("user").first()
    return CommunityAccess(community, membership, user.is_authenticated)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# An archived CoP (past its end date, gilde/communities/retention.py) refuses every write but
# these: its settings (to keep the data longer) and leaving it.
ARCHIVE_WRITABLE = frozenset({Action.EDIT_SETTINGS, Action.LEAVE})


def community_view(action: Action):
    """Decorate a view `view(request, access, **kwargs)` under `/c/<slug>/` that needs `action`.
    Every write to an archived CoP is refused here, with a page that says why."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug: str, *args, **kwargs):
            community = Community.objects.filter(slug=slug).first()
            if community is None:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise Http404
            access = community_access(request.user, community)
            if kwargs and not access.is_member:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise Http404
            if not access.can(action):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if not access.may_know_exists:
                    raise Http404
                raise PermissionDenied
            if (
                community.is_archived
                and request.method not in SAFE_METHODS
                and action not in ARCHIVE_WRITABLE
            ):
                return render(
                    request,
                    "communities/community_archived.html",
                    {"community": community, "access": access},
                    status=403,
                )
            return view(request, access, *args, **kwargs)

        return wrapper

    return decorator
