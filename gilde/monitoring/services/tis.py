"""Writes for the system analysis: moments, answers (members and invited experts), barriers."""

import secrets
from datetime import date, datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.models import Community, Membership, Role, token_digest
from gilde.communities.revision import community_touch
from gilde.core.audit import audit_log
from gilde.core.mail import send_templated_mail

from ..models import (
    RespondentRole,
    TisAnswer,
    TisBarrier,
    TisFunction,
    TisInvitation,
    TisMoment,
    TisScore,
)
from .errors import MonitoringError

# An expert's link works until the moment closes, and at most this long.
INVITATION_DAYS = 30


def tis_moment_save(
    *,
    community: Community,
    actor,
    title: str,
    kind: str,
    held_on: date,
    closes_at: datetime,
    moment: TisMoment | None = None,
) -> TisMoment:
    if timezone.localtime(closes_at).date() < held_on:
        raise MonitoringError(
            "closes_before", _("The answers cannot close before the moment's date.")
        )
    with transaction.atomic():
        if moment is None:
            moment = TisMoment(community=community, created_by=actor)
        new = moment.pk is None
        moment.title, moment.kind, moment.held_on, moment.closes_at = (
            title,
            kind,
            held_on,
            closes_at,
        )
        moment.save()
        audit_log(
            community=community,
            actor=actor,
            action="tis.moment_added" if new else "tis.moment_changed",
            title=title,
        )
    return moment


def _role_of(membership: Membership | None) -> str:
    if membership is None:
        return RespondentRole.EXPERT
    return {
        Role.INITIATOR: RespondentRole.INITIATOR,
        Role.FACILITATOR: RespondentRole.FACILITATOR,
    }.get(membership.role, RespondentRole.PARTICIPANT)


def tis_response_save(
    *,
    moment: TisMoment,
    scores: dict[str, tuple[int, str]],
    barriers: list[tuple[str, str, str]],
    membership: Membership | None = None,
    invitation: TisInvitation | None = None,
    now: datetime | None = None,
) -> TisAnswer:
    """Keep one respondent's scores (every function, 1–5, with a rationale) and barriers
    (function, structural component, description), replacing what they gave before. A member
    answers for themselves, an expert through their invitation; both only while the moment is
    open (and the invitation usable)."""
    now = now or timezone.now()
    if (membership is None) == (invitation is None):
        raise ValueError("a response comes from a member or through an invitation")
    if invitation is not None and not invitation.is_usable(now):
        raise MonitoringError(
            "link_closed",
            _("This link no longer works: the moment has closed or the link has expired."),
        )
    if not moment.is_open(now):
        raise MonitoringError(
            "closed", _("This moment is closed; answers can no longer be given or changed.")
        )
    if membership is not None and membership.role == Role.OBSERVER:
        raise MonitoringError("observer", _("Observers do not score the system analysis."))
    if set(scores) != set(TisFunction.values):
        raise MonitoringError("incomplete", _("Score every function."))
    for score, _rationale in scores.values():
        if not 1 <= int(score) <= 5:
            raise MonitoringError("range", _("Scores run from 1 to 5."))
    community = moment.community
    with transaction.atomic():
        if membership is not None:
            response, _created = TisAnswer.objects.get_or_create(
                moment=moment, membership=membership, defaults={"role": _role_of(membership)}
            )
        else:
            invitation = TisInvitation.objects.select_for_update().get(pk=invitation.pk)
            response = TisAnswer.objects.filter(invitation=invitation).first()
            if response is None:
                response = TisAnswer.objects.create(
                    moment=moment, invitation=invitation, role=RespondentRole.EXPERT
                )
        response.submitted_at = now
        response.save(update_fields=["submitted_at"])
        response.scores.all().delete()
        TisScore.objects.bulk_create(
            TisScore(answer=response, function=function, score=int(score), rationale=rationale)
            for function, (score, rationale) in scores.items()
        )
        response.barriers.all().delete()
        TisBarrier.objects.bulk_create(
            TisBarrier(
                moment=moment,
                answer=response,
                function=function,
                component=component,
                description=description,
            )
            for function, component, description in barriers
            if description.strip()
        )
        community_touch(community_id=community.pk)
        audit_log(
            community=community,
            actor=membership.user if membership else None,
            action="tis.answered",
            title=moment.title,
        )
    return response


def tis_invitation_send(
    *, moment: TisMoment, actor, name: str, email: str, now: datetime | None = None
) -> tuple[TisInvitation, str]:
    """Invite an outside expert by e-mail to score this moment, through a link that opens only
    their own form and works until the moment closes (INVITATION_DAYS at most)."""
    now = now or timezone.now()
    if not moment.is_open(now):
        raise MonitoringError(
            "closed", _("This moment is closed; invite experts to an open moment.")
        )
    token = secrets.token_urlsafe(32)
    community = moment.community
    with transaction.atomic():
        invitation = TisInvitation.objects.create(
            moment=moment,
            name=name,
            email=email.lower(),
            token_digest=token_digest(token),
            expires_at=min(moment.closes_at, now + timedelta(days=INVITATION_DAYS)),
            invited_by=actor,
        )
        audit_log(community=community, actor=actor, action="tis.expert_invited", title=moment.title)
        path = reverse("monitoring:tis_expert", kwargs={"tis_token": token})
        context = {
            "community_name": community.name,
            "moment_title": moment.title,
            "name": name,
            "inviter": str(actor),
            "closes_at": invitation.expires_at,
            "path": path,
        }
        language = getattr(actor, "language", "") or "nl"
        transaction.on_commit(
            lambda: send_templated_mail(
                template="monitoring/email/tis_invitation",
                to=invitation.email,
                language=language,
                context=context,
            )
        )
    return invitation, token


def tis_invitation_revoke(*, invitation: TisInvitation, actor) -> None:
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_log(
            community=invitation.moment.community,
            actor=actor,
            action="tis.expert_revoked",
            title=invitation.moment.title,
        )


def tis_barrier_link(*, barrier: TisBarrier, actor, intervention_ref: str, note: str) -> TisBarrier:
    with transaction.atomic():
        barrier.intervention_ref = intervention_ref
        barrier.intervention_note = note
        barrier.save(update_fields=["intervention_ref", "intervention_note"])
        audit_log(
            community=barrier.moment.community,
            actor=actor,
            action="tis.barrier_linked",
            title=barrier.moment.title,
        )
    return barrier
