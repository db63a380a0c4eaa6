"""Writes for programmes. What touches a CoP is logged in the CoP's audit log; what touches only
the programme (its name, its managers) in the installation log."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.accounts.models import User
from gilde.communities.models import Community
from gilde.core.audit import audit_log
from gilde.core.document_jobs import job_request
from gilde.core.models import InstallationLogEntry

from .models import LinkStatus, Programme, ProgrammeCop, ProgrammeManager, ProgrammeReport
from .notices import programme_invited_notice
from .tasks import cop_figures_compute


class ProgrammeError(Exception):
    """A refused change, with a sentence for the person."""


def _installation_log(action: str, **data) -> None:
    InstallationLogEntry.objects.create(action=action, data=data)


@transaction.atomic
def programme_create(
    *, actor, name: str, slug: str, owner_organisation: str, description: str = ""
) -> Programme:
    """Create a programme; its creator is its first manager."""
    programme = Programme.objects.create(
        name=name, slug=slug, owner_organisation=owner_organisation, description=description
    )
    ProgrammeManager.objects.create(programme=programme, user=actor)
    _installation_log("programme.created", programme=programme.slug, actor=actor.pk)
    return programme


def programme_update(*, programme: Programme, actor, **fields) -> list[str]:
    changed = [name for name, value in fields.items() if getattr(programme, name) != value]
    if changed:
        for name in changed:
            setattr(programme, name, fields[name])
        programme.save(update_fields=changed)
        _installation_log(
            "programme.changed", programme=programme.slug, actor=actor.pk, fields=changed
        )
    return changed


def manager_add(*, programme: Programme, actor, email: str) -> ProgrammeManager:
    """Make the person with this address a manager. They need an account already."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ProgrammeError(_("Nobody has an account with that e-mail address yet."))
    manager, _created = ProgrammeManager.objects.get_or_create(programme=programme, user=user)
    _installation_log("programme.manager_added", programme=programme.slug, actor=actor.pk)
    return manager


def manager_remove(*, programme: Programme, actor, manager: ProgrammeManager) -> None:
    """Remove a manager; a programme keeps at least one."""
    if programme.managers.count() <= 1:
        raise ProgrammeError(_("A programme keeps at least one manager."))
    manager.delete()
    _installation_log("programme.manager_removed", programme=programme.slug, actor=actor.pk)


@transaction.atomic
def cop_invite(
    *, programme: Programme, actor, community: Community, theme: str = "", region: str = ""
) -> ProgrammeCop:
    """Invite a CoP; its initiator accepts or declines on the CoP's settings page. A CoP that
    declined or left may be invited again."""
    link = ProgrammeCop.objects.filter(programme=programme, community=community).first()
    if link is not None and link.status in (LinkStatus.INVITED, LinkStatus.MEMBER):
        raise ProgrammeError(_("This CoP is already invited or in the programme."))
    if link is None:
        link = ProgrammeCop(programme=programme, community=community)
    link.status = LinkStatus.INVITED
    link.theme, link.region = theme, region
    link.share_reflection = False
    link.invited_at, link.decided_at = timezone.now(), None
    link.save()
    audit_log(
        community=community, actor=actor, action="programme.invited", programme=programme.name
    )
    programme_invited_notice(link)
    return link


# A CoP that declined is not asked again this soon: a manager cannot tell a declined invitation
# from an address no CoP has (cop_invite_by_address), and might otherwise keep asking.
ASK_AGAIN_AFTER = timedelta(days=90)


def cop_invite_by_address(
    *, programme: Programme, actor, slug: str, theme: str = "", region: str = ""
) -> ProgrammeCop | None:
    """A manager's invitation to whatever CoP has the web address `slug`.

    The manager learns nothing from it about whether a CoP has that address: no CoP, an
    invitation still open, or a CoP that declined less than `ASK_AGAIN_AFTER` ago all end
    quietly (None, nothing sent). Only a CoP the programme already shows (a member) is refused
    with a sentence. Otherwise the CoP is invited (cop_invite) and its initiators are told."""
    community = Community.objects.filter(slug=slug).first()
    if community is None:
        return None
    link = ProgrammeCop.objects.filter(programme=programme, community=community).first()
    if link is not None:
        if link.status == LinkStatus.MEMBER:
            raise ProgrammeError(_("This CoP is in the programme already."))
        if link.status == LinkStatus.INVITED:
            return None
        recently = link.decided_at and timezone.now() - link.decided_at < ASK_AGAIN_AFTER
        if link.status == LinkStatus.DECLINED and recently:
            return None
    return cop_invite(
        programme=programme, actor=actor, community=community, theme=theme, region=region
    )


def cop_labels_update(*, link: ProgrammeCop, actor, theme: str, region: str) -> None:
    """The programme's own labels for a CoP (for its filters)."""
    link.theme, link.region = theme, region
    link.save(update_fields=["theme", "region"])


@transaction.atomic
def cop_decide(*, link: ProgrammeCop, actor, accept: bool) -> ProgrammeCop:
    """The initiator's answer to an invitation. Joining queues the CoP's first figures."""
    if link.status != LinkStatus.INVITED:
        raise ProgrammeError(_("This invitation has been answered already."))
    link.status = LinkStatus.MEMBER if accept else LinkStatus.DECLINED
    link.decided_at = timezone.now()
    link.save(update_fields=["status", "decided_at"])
    action = "programme.joined" if accept else "programme.declined"
    audit_log(community=link.community, actor=actor, action=action, programme=link.programme.name)
    if accept:
        community_id = link.community_id
        transaction.on_commit(lambda: cop_figures_compute.enqueue(community_id))
    return link


def cop_share_reflection(*, link: ProgrammeCop, actor, share: bool) -> None:
    if link.share_reflection == share:
        return
    link.share_reflection = share
    link.save(update_fields=["share_reflection"])
    action = "programme.reflection_shared" if share else "programme.reflection_withheld"
    audit_log(community=link.community, actor=actor, action=action, programme=link.programme.name)
    # The stored figures gain or lose the text.
    community_id = link.community_id
    transaction.on_commit(lambda: cop_figures_compute.enqueue(community_id))


def cop_leave(*, link: ProgrammeCop, actor) -> None:
    """The CoP leaves: from now on the programme shows nothing of it."""
    if link.status != LinkStatus.MEMBER:
        raise ProgrammeError(_("This CoP is not in the programme."))
    link.status = LinkStatus.LEFT
    link.share_reflection = False
    link.decided_at = timezone.now()
    link.save(update_fields=["status", "share_reflection", "decided_at"])
    audit_log(
        community=link.community,
        actor=actor,
        action="programme.left",
        programme=link.programme.name,
    )
    community_id = link.community_id
    transaction.on_commit(lambda: cop_figures_compute.enqueue(community_id))


# The programme report: one per programme, made by the worker (gilde.core.document_jobs).


def report_of(programme: Programme) -> ProgrammeReport:
    """The programme's report row, made on first use."""
    report, _created = ProgrammeReport.objects.get_or_create(programme=programme)
    return report


def report_introduction_save(*, report: ProgrammeReport, introduction: str) -> None:
    """Keep the introduction; the files made before no longer match it."""
    ProgrammeReport.objects.filter(pk=report.pk).update(
        introduction=introduction, built_revision=None
    )


def report_request(*, report: ProgrammeReport, actor) -> bool:
    """Queue the report unless it is current or already waiting or being made: asking twice gives
    one job. Returns whether a job was queued."""
    from .report import fingerprint
    from .tasks import programme_report_generate

    if report.is_current_at(fingerprint(report.programme)):
        return False
    if not job_request(ProgrammeReport, report.pk):
        return False
    _installation_log("programme.report_requested", programme=report.programme.slug, actor=actor.pk)
    report_id = report.pk
    transaction.on_commit(lambda: programme_report_generate.enqueue(report_id))
    return True
