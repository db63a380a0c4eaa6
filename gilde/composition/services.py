"""Writes for step 2: candidates and their pipeline, member profiles, intakes, the CoP's rules."""

from django.db import transaction
from django.utils import timezone

from gilde.accounts.services import organisation_get_or_create
from gilde.communities.models import Community, Membership, Role
from gilde.communities.services import MembershipError, invitation_send
from gilde.core.audit import audit_log

from .models import Candidate, CandidateStatus, CompositionSettings, Intake, MemberProfile


class TransitionError(ValueError):
    """A candidate cannot move to that status from where it is (or lacks an e-mail address)."""

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
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.updated_at = timezone.now()
    candidate.save()
    audit_log(
        community=candidate.community, actor=actor, action="candidate.changed", name=candidate.name
    )
    return candidate


def candidate_move(*, candidate: Candidate, actor, status: str) -> Candidate:
    """Move a candidate along the pipeline. Moving to "member" sends the CoP's invitation."""
    if not candidate.may_move_to(status):
        raise TransitionError("not_allowed")
    if status == CandidateStatus.MEMBER:
        if not candidate.email:
            raise TransitionError("no_email")
        try:
            invitation_send(
                community=candidate.community,
                inviter=actor,
                email=candidate.email,
                role=Role.PARTICIPANT,
            )
        except MembershipError as error:
            if error.code != "already_member":
                raise
    with transaction.atomic():
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
def candidate_delete(*, candidate: Candidate, actor) -> None:
    audit_log(
        community=candidate.community, actor=actor, action="candidate.deleted", name=candidate.name
    )
    candidate.delete()


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
    *, community: Community, actor, one_organisation_per_sector: bool
) -> CompositionSettings:
    settings = composition_settings_for(community)
    if settings.one_organisation_per_sector != one_organisation_per_sector:
        settings.one_organisation_per_sector = one_organisation_per_sector
        settings.save(update_fields=["one_organisation_per_sector"])
        audit_log(community=community, actor=actor, action="composition.settings_changed")
    return settings
