"""Writes for step 2: candidates and their pipeline, member profiles, intakes, the CoP's rules."""

from django.db import transaction
from django.utils import timezone

from gilde.accounts.services import organisation_get_or_create
from gilde.communities.models import Community, Membership, Role
from gilde.communities.services import MembershipError, invitation_revoke, invitation_send
from gilde.core.audit import audit_log, delete_logged, save_logged

from .models import (
    CARRIED_INTO_PROFILE,
    Candidate,
    CandidateStatus,
    CompositionSettings,
    Intake,
    MemberProfile,
)


class TransitionError(ValueError):
    """A candidate cannot move to that status: not from where it is (`not_allowed`), not without
    an e-mail address (`no_email`), or, by hand to "member", not before joining (`not_joined`)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@transaction.atomic
def candidate_add(*, community: Community, actor, **fields) -> Candidate:
    candidate = Candidate.objects.create(community=community, suggested_by=actor, **fields)
    audit_log(community=community, actor=actor, action="candidate.added", name=candidate.name)
    return candidate


@transaction.atomic
def candidate_update(*, candidate: Candidate, actor, **fields) -> Candidate:
    return save_logged(
        candidate,
        fields={**fields, "updated_at": timezone.now()},
        community=candidate.community,
        actor=actor,
        action="candidate.changed",
        name=fields.get("name", candidate.name),
    )


def _membership_of(candidate: Candidate) -> Membership | None:
    if not candidate.email:
        return None
    return (
        candidate.community.memberships.select_related("user")
        .filter(user__email__iexact=candidate.email)
        .first()
    )


def candidate_move(*, candidate: Candidate, actor, status: str) -> Candidate:
    """Move a candidate along the pipeline; the status says what happened.

    - "invited" sends the CoP's invitation to the candidate's address (a new one replaces a
      pending one). Someone who is already a member is moved to "member" instead.
    - "member" follows by itself when the invitation is accepted (see `candidate_joined`); by
      hand it is only for someone who already joined another way (applied, joined the open CoP,
      was invited from the member list), and it carries the candidate's details over the same way.
    - "declined" and "withdrew" withdraw a pending invitation, so its link stops working.
    Other moves only record where the candidate is; Gilde sends nothing.
    """
    if not candidate.may_move_to(status):
        raise TransitionError("not_allowed")
    if status in (CandidateStatus.INVITED, CandidateStatus.MEMBER) and not candidate.email:
        raise TransitionError("no_email")
    membership = _membership_of(candidate)
    if status == CandidateStatus.MEMBER or (status == CandidateStatus.INVITED and membership):
        if membership is None:
            raise TransitionError("not_joined")
        return candidate_joined(candidate=candidate, membership=membership, actor=actor)
    if status == CandidateStatus.INVITED:
        try:
            invitation_send(
                community=candidate.community,
                inviter=actor,
                email=candidate.email,
                role=Role.PARTICIPANT,
            )
        except MembershipError as error:  # joined in the meantime
            if error.code != "already_member":
                raise
            return candidate_joined(
                candidate=candidate, membership=_membership_of(candidate), actor=actor
            )
    with transaction.atomic():
        if status in (CandidateStatus.DECLINED, CandidateStatus.WITHDREW) and candidate.email:
            pending = candidate.community.invitations.pending().filter(
                email__iexact=candidate.email
            )
            for invitation in pending:
                invitation_revoke(invitation=invitation, actor=actor)
        candidate.status = status
        candidate.updated_at = timezone.now()
        candidate.save(update_fields=["status", "updated_at"])
        audit_log(
            community=candidate.community,
            actor=actor,
            action="candidate.moved",
            name=candidate.name,
            status=status,
        )
    return candidate


@transaction.atomic
def candidate_joined(*, candidate: Candidate, membership: Membership, actor=None) -> Candidate:
    """The candidate is in the group: mark them "member", link the record to their account, and
    carry what was noted about them into their profile in this CoP. A profile field the member
    already filled in is kept; the notes stay on the candidate record (facilitators only).

    Runs for every new membership whose address matches a candidate (see `joining.py`), and when a
    facilitator marks a candidate who joined another way."""
    profile, _created = MemberProfile.objects.get_or_create(membership=membership)
    carried = []
    for name in CARRIED_INTO_PROFILE:
        value = getattr(candidate, name)
        if name == "organisation":
            if value and profile.organisation_id is None:
                profile.organisation = organisation_get_or_create(name=value)
                carried.append(name)
        elif value and not getattr(profile, name):
            setattr(profile, name, value)
            carried.append(name)
    if carried:
        profile.save()
    candidate.status = CandidateStatus.MEMBER
    candidate.user = membership.user
    candidate.updated_at = timezone.now()
    candidate.save(update_fields=["status", "user", "updated_at"])
    audit_log(
        community=candidate.community,
        actor=actor if actor is not None else membership.user,
        action="candidate.marked_member" if actor is not None else "candidate.joined",
        name=candidate.name,
        carried=carried,
    )
    return candidate


def candidate_for_new_member(membership: Membership) -> None:
    """Registered with communities' join hook: a new member who was a candidate is one now."""
    candidate = (
        membership.community.candidates.filter(email__iexact=membership.user.email)
        .exclude(status=CandidateStatus.MEMBER)
        .first()
    )
    if candidate is not None:
        candidate_joined(candidate=candidate, membership=membership)


@transaction.atomic
def candidate_delete(*, candidate: Candidate, actor) -> None:
    delete_logged(
        candidate,
        community=candidate.community,
        actor=actor,
        action="candidate.deleted",
        name=candidate.name,
    )


@transaction.atomic
def candidates_import(*, community: Community, actor, rows: list[dict]) -> list[Candidate]:
    """Create candidates from checked rows, all or none."""
    created = [
        Candidate.objects.create(community=community, suggested_by=actor, **row) for row in rows
    ]
    audit_log(community=community, actor=actor, action="candidates.imported", count=len(created))
    return created


@transaction.atomic
def profile_save(
    *, membership: Membership, actor, organisation_name: str, **fields
) -> MemberProfile:
    """Set a member's attributes for this CoP; an empty field falls back to the account."""
    profile, _created = MemberProfile.objects.get_or_create(membership=membership)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.organisation = organisation_get_or_create(name=organisation_name)
    profile.save()
    audit_log(
        community=membership.community,
        actor=actor,
        action="profile.changed",
        member=str(membership.user),
    )
    return profile


@transaction.atomic
def intake_save(*, membership: Membership, actor, done: bool | None = None, **fields) -> Intake:
    """Save (part of) an intake. `done=True` records that the intake conversation took place."""
    intake, _created = Intake.objects.get_or_create(membership=membership)
    for name, value in fields.items():
        setattr(intake, name, value)
    if done is True and intake.done_at is None:
        intake.done_at = timezone.now()
        intake.interviewer = actor
    elif done is False:
        intake.done_at = None
        intake.interviewer = None
    intake.updated_at = timezone.now()
    intake.save()
    audit_log(
        community=membership.community,
        actor=actor,
        action="intake.changed",
        member=str(membership.user),
    )
    return intake


def composition_settings_for(community: Community) -> CompositionSettings:
    settings, _created = CompositionSettings.objects.get_or_create(community=community)
    return settings


@transaction.atomic
def composition_settings_save(
    *, community: Community, actor, one_organisation_per_industry: bool
) -> CompositionSettings:
    settings = composition_settings_for(community)
    if settings.one_organisation_per_industry != one_organisation_per_industry:
        settings.one_organisation_per_industry = one_organisation_per_industry
        settings.save(update_fields=["one_organisation_per_industry"])
        audit_log(community=community, actor=actor, action="composition.settings_changed")
    return settings
