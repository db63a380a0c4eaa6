"""Writes for CoPs, memberships, invitations and applications. Each runs in one transaction and
leaves an audit entry; e-mails are queued for the worker after the commit, in the recipient's
language."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from gilde.accounts.models import User, email_normalise
from gilde.core.audit import audit_log
from gilde.core.mail import queue_templated_mail
from gilde.core.throttle import THROTTLED_MESSAGES, Throttled, throttle_check

from .joining import member_joined
from .models import (
    Application,
    ApplicationStatus,
    Community,
    Invitation,
    Membership,
    Role,
    StepMark,
    token_digest,
)
from .notices import application_decided_notice, application_received_notice
from .starters import EMPTY, starter_apply

SETTINGS_FIELDS = [
    "name",
    "slug",
    "description",
    "policy",
    "listed",
    "start_date",
    "duration_months",
    "cadence_weeks",
    "target_size",
    "retention_months",
]


class MembershipError(Exception):
    """A membership change that the rules do not allow; `message` explains it to the user."""

    MESSAGES = {
        "already_member": _("This person is already a member of this CoP."),
        "already_applied": _("You have already applied; the facilitators will let you know."),
        "already_decided": _("This application has already been decided."),
        "unusable": _("This invitation link has expired, was withdrawn or has been used already."),
        "wrong_account": _("This invitation was sent to another e-mail address."),
        "last_initiator": _(
            "A CoP needs at least one initiator. Make someone else initiator first."
        ),
        "throttled_address": THROTTLED_MESSAGES["address"],
        "throttled_client": THROTTLED_MESSAGES["client"],
    }

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return str(self.MESSAGES[self.code])


@transaction.atomic
def community_create(*, creator, starter: object = EMPTY, **fields) -> Community:
    """Create a CoP; its creator becomes the initiator. `starter` fills it with a starting point
    (see `starters`), in the creator's language."""
    community = Community.objects.create(**fields)
    Membership.objects.create(community=community, user=creator, role=Role.INITIATOR)
    audit_log(community=community, actor=creator, action="community.created")
    with translation.override(creator.language):
        starter_apply(community=community, actor=creator, key=str(starter))
    return community


@transaction.atomic
def community_update(*, community: Community, actor, **fields) -> list[str]:
    """Change a CoP's settings and log which fields changed."""
    changed = [name for name, value in fields.items() if getattr(community, name) != value]
    if changed:
        for name in changed:
            setattr(community, name, fields[name])
        community.save(update_fields=changed)
        audit_log(
            community=community, actor=actor, action="community.settings_changed", fields=changed
        )
    return changed


def _membership_add(*, community: Community, user, role: str, focus: str = "") -> Membership:
    """Create a membership and tell the apps that listen (see `joining`); call it in a
    transaction, so what they write stands or falls with the membership."""
    if role != Role.FACILITATOR:
        focus = ""
    membership = Membership.objects.create(community=community, user=user, role=role, focus=focus)
    member_joined(membership)
    return membership


def invitation_send(
    *, community: Community, inviter, email: str, role: str, focus: str = "", message: str = ""
) -> Invitation:
    """Invite `email` with `role`. An earlier pending invitation for that address is replaced.
    The e-mail goes out after the commit, in the invitee's language when they have an account."""
    email = email_normalise(email)
    if community.memberships.filter(user__email=email).exists():
        raise MembershipError("already_member")
    try:
        throttle_check(action="invitation", client=f"user:{inviter.pk}", addresses=[email])
    except Throttled as error:
        raise MembershipError(f"throttled_{error.kind}") from error
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        community.invitations.pending().filter(email__iexact=email).update(
            revoked_at=timezone.now()
        )
        invitation = Invitation.objects.create(
            community=community,
            email=email,
            role=role,
            focus=focus if role == Role.FACILITATOR else "",
            message=message,
            token_digest=token_digest(token),
            invited_by=inviter,
            expires_at=timezone.now() + timedelta(days=settings.GILDE_INVITATION_DAYS),
        )
        audit_log(
            community=community, actor=inviter, action="invitation.sent", email=email, role=role
        )
        recipient = User.objects.filter(email=email).first()
        queue_templated_mail(
            template="communities/email/invitation",
            to=email,
            language=recipient.language if recipient else inviter.language,
            context={
                "community": community,
                "invitation": invitation,
                "inviter": inviter,
                "path": reverse("communities:invitation", kwargs={"token": token}),
            },
        )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_log(
        community=invitation.community,
        actor=actor,
        action="invitation.revoked",
        email=invitation.email,
    )


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation a link points to, usable or not; None for a token we never issued."""
    return (
        Invitation.objects.select_related("community")
        .filter(token_digest=token_digest(token))
        .first()
    )


def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Turn an invitation into a membership. Refuses used, expired or someone else's links."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_usable:
            raise MembershipError("unusable")
        if email_normalise(invitation.email) != email_normalise(user.email):
            raise MembershipError("wrong_account")
        community = invitation.community
        if community.memberships.filter(user=user).exists():
            raise MembershipError("already_member")
        membership = _membership_add(
            community=community, user=user, role=invitation.role, focus=invitation.focus
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        community.applications.filter(user=user, status=ApplicationStatus.PENDING).update(
            status=ApplicationStatus.WITHDRAWN
        )
        audit_log(
            community=community,
            actor=user,
            action="invitation.accepted",
            member=str(user),
            role=invitation.role,
        )
    return membership


def community_join(*, community: Community, user) -> Membership:
    """Join an open CoP as a participant."""
    try:
        with transaction.atomic():
            membership = _membership_add(community=community, user=user, role=Role.PARTICIPANT)
            audit_log(
                community=community,
                actor=user,
                action="member.joined",
                member=str(user),
                role=Role.PARTICIPANT,
            )
    except IntegrityError as error:
        raise MembershipError("already_member") from error
    return membership


def application_submit(*, community: Community, user, motivation: str) -> Application:
    """Ask to join a closed CoP; its facilitators and initiator hear of it by e-mail."""
    if community.memberships.filter(user=user).exists():
        raise MembershipError("already_member")
    try:
        with transaction.atomic():
            application = Application.objects.create(
                community=community, user=user, motivation=motivation
            )
            audit_log(
                community=community, actor=user, action="application.submitted", member=str(user)
            )
            runners = community.memberships.filter(
                role__in=[Role.INITIATOR, Role.FACILITATOR]
            ).select_related("user")
            for membership in runners:
                queue_templated_mail(
                    template="communities/email/application_received",
                    to=membership.user.email,
                    language=membership.user.language,
                    context={"community": community, "application": application},
                )
            application_received_notice(application)
    except IntegrityError as error:
        raise MembershipError("already_applied") from error
    return application


def application_decide(
    *, application: Application, actor, approve: bool, note: str = ""
) -> Application:
    """Approve (the applicant becomes a participant) or decline; the applicant is told."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status != ApplicationStatus.PENDING:
            raise MembershipError("already_decided")
        community = application.community
        application.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.DECLINED
        application.decided_at = timezone.now()
        application.decided_by = actor
        application.decision_note = note
        application.save()
        if approve and not community.memberships.filter(user=application.user).exists():
            _membership_add(community=community, user=application.user, role=Role.PARTICIPANT)
        audit_log(
            community=community,
            actor=actor,
            action="application.approved" if approve else "application.declined",
            member=str(application.user),
        )
        queue_templated_mail(
            template="communities/email/application_decided",
            to=application.user.email,
            language=application.user.language,
            context={"community": community, "application": application},
        )
        application_decided_notice(application)
    return application


def _initiator_count(community: Community) -> int:
    return community.memberships.filter(role=Role.INITIATOR).count()


@transaction.atomic
def membership_change_role(
    *, membership: Membership, actor, role: str, focus: str = ""
) -> Membership:
    """Give a member another role (and a facilitator a focus). The last initiator stays."""
    old_role = membership.role
    demoted = old_role == Role.INITIATOR and role != Role.INITIATOR
    if demoted and _initiator_count(membership.community) <= 1:
        raise MembershipError("last_initiator")
    membership.role = role
    membership.focus = focus if role == Role.FACILITATOR else ""
    membership.save(update_fields=["role", "focus"])
    audit_log(
        community=membership.community,
        actor=actor,
        action="member.role_changed",
        member=str(membership.user),
        old_role=old_role,
        new_role=role,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> None:
    """Remove someone from a CoP (or, when actor is that person, leave it)."""
    community = membership.community
    if membership.role == Role.INITIATOR and _initiator_count(community) <= 1:
        raise MembershipError("last_initiator")
    leaving = actor is not None and actor.pk == membership.user_id
    membership.delete()
    audit_log(
        community=community,
        actor=actor,
        action="member.left" if leaving else "member.removed",
        member=str(membership.user),
        role=membership.role,
    )


@transaction.atomic
def step_mark(*, community: Community, step: int, actor, done: bool, note: str = "") -> StepMark:
    """Record a facilitator's judgement that a step is done, or that it needs work again. Each
    mark is a new row: reopening a step keeps who marked it done, and when."""
    mark = StepMark.objects.create(
        community=community, step=step, done=done, note=note, marked_by=actor
    )
    audit_log(
        community=community,
        actor=actor,
        action="step.marked_done" if done else "step.reopened",
        step=step,
        note=note,
    )
    return mark
