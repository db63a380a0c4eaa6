"""Writes for step 3: a participant's impact agreement and the organisations' commitments. Each
write runs in a transaction and leaves an audit entry."""

from django.db import transaction
from django.utils import timezone

from gilde.accounts.models import Organisation
from gilde.communities.models import Community, Membership
from gilde.core.audit import audit_log, delete_logged, save_logged

from .models import ImpactAgreement, OrganisationCommitment


def _member_name(membership: Membership) -> str:
    return membership.user.name or membership.user.email


@transaction.atomic
def impact_agreement_save(*, membership: Membership, actor, **fields) -> ImpactAgreement:
    """Create or update the participant's agreement; `fields` are the model's editable fields."""
    agreement, _created = ImpactAgreement.objects.update_or_create(
        membership=membership, defaults={**fields, "updated_at": timezone.now()}
    )
    audit_log(
        community=membership.community,
        actor=actor,
        action="impact.changed",
        member=_member_name(membership),
    )
    return agreement


@transaction.atomic
def commitment_add(
    *, community: Community, actor, organisation: Organisation, **fields
) -> OrganisationCommitment:
    commitment = OrganisationCommitment.objects.create(
        community=community, organisation=organisation, **fields
    )
    audit_log(
        community=community,
        actor=actor,
        action="commitment.added",
        organisation=organisation.name,
    )
    return commitment


@transaction.atomic
def commitment_update(*, item: OrganisationCommitment, actor, **fields) -> OrganisationCommitment:
    """Change a commitment; `fields` may include its text field, also named `commitment`."""
    organisation = fields.get("organisation", item.organisation)
    return save_logged(
        item,
        fields={**fields, "updated_at": timezone.now()},
        community=item.community,
        actor=actor,
        action="commitment.changed",
        organisation=organisation.name,
    )


@transaction.atomic
def commitment_delete(*, item: OrganisationCommitment, actor) -> None:
    delete_logged(
        item,
        community=item.community,
        actor=actor,
        action="commitment.deleted",
        organisation=item.organisation.name,
    )
