"""Writes for the working agreements: one living text per CoP, saved as numbered versions with
optimistic locking (gilde.core.versioning, as the question sheet does)."""

from django.db import transaction

from gilde.communities.models import Community
from gilde.core.audit import audit_log
from gilde.core.versioning import versioned_save

from ..models import AgreementVersion, Decision, Poll, PollKind, WorkingAgreements
from ..selectors.polls import poll_results
from .errors import DecisionError


def agreements_for(community: Community) -> WorkingAgreements:
    """The CoP's working agreements, created empty the first time they are saved."""
    agreements, _created = WorkingAgreements.objects.get_or_create(community=community)
    return agreements


@transaction.atomic
def agreements_save(
    *,
    community: Community,
    actor,
    revision: int,
    text: str,
    note: str = "",
    poll: Poll | None = None,
) -> AgreementVersion | None:
    """Save the text as a new version; None when nothing changed. Raises StaleEdit when
    someone saved since `revision`."""
    version = versioned_save(
        document=agreements_for(community),
        fields={"text": text},
        revision=revision,
        versions=community.agreement_versions.all(),
        create_version=lambda number: AgreementVersion.objects.create(
            community=community, number=number, note=note, author=actor, text=text, poll=poll
        ),
    )
    if version is None:
        return None
    audit_log(
        community=community,
        actor=actor,
        action="agreements.adopted" if poll else "agreements.changed",
        number=version.number,
    )
    return version


def agreements_adopt(*, poll: Poll, actor) -> AgreementVersion | None:
    """Make a passed consent poll's proposed text the working agreements. Raises StaleEdit when
    the agreements changed after the proposal was made (the page then shows both texts), and
    DecisionError when the poll did not pass."""
    results = poll_results(poll) if poll.kind == PollKind.CONSENT else None
    passed = (
        bool(poll.proposed_agreements)
        and Decision.objects.filter(poll=poll).exists()
        and results is not None
        and results.consent.passes
        and results.quorum_met
    )
    if not passed:
        raise DecisionError("not_passed")
    return agreements_save(
        community=poll.community,
        actor=actor,
        revision=poll.agreements_revision or 0,
        text=poll.proposed_agreements,
        note=poll.title,
        poll=poll,
    )
