"""Reads for step 3: the whole picture of sponsors and commitments, per organisation."""

from dataclasses import dataclass, field

from gilde.accounts.models import Organisation
from gilde.communities.members import MemberFacts, member_facts
from gilde.communities.models import Community, Role

from .models import ImpactAgreement, OrganisationCommitment
from .readiness import ImpactFacts


def member_organisations(community: Community) -> list[Organisation]:
    """The distinct organisations of the CoP's members (all roles), by name."""
    found = {}
    for member in member_facts(community, roles=Role.values):
        organisation = member.organisation
        if organisation is not None:
            found[organisation.pk] = organisation
    return sorted(found.values(), key=lambda organisation: organisation.name.lower())


@dataclass
class ParticipantImpact:
    member: MemberFacts
    agreement: ImpactAgreement | None

    @property
    def informed(self) -> bool:
        return bool(self.agreement and self.agreement.sponsor_informed)

    @property
    def contribution_agreed(self) -> bool:
        return bool(self.agreement and self.agreement.contribution_agreed)


@dataclass
class OrganisationImpact:
    organisation: Organisation | None  # None: participants without an organisation
    commitment: OrganisationCommitment | None
    participants: list[ParticipantImpact] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.organisation.name if self.organisation else ""


@dataclass
class ImpactOverview:
    organisations: list[OrganisationImpact]
    participants: list[ParticipantImpact]

    @property
    def participant_count(self) -> int:
        return len(self.participants)

    @property
    def informed_count(self) -> int:
        return sum(p.informed for p in self.participants)

    @property
    def agreed_count(self) -> int:
        return sum(p.contribution_agreed for p in self.participants)

    @property
    def informed_percentage(self) -> int:
        return ImpactFacts.percentage(self.informed_count, self.participant_count)

    @property
    def agreed_percentage(self) -> int:
        return ImpactFacts.percentage(self.agreed_count, self.participant_count)

    @property
    def not_informed(self) -> list[ParticipantImpact]:
        return [p for p in self.participants if not p.informed]

    @property
    def committed_count(self) -> int:
        return sum(1 for o in self.organisations if o.commitment is not None)


def impact_overview(community: Community) -> ImpactOverview:
    """Per organisation of the participants (and any organisation with a commitment): its
    commitment and its participants with their agreements. Three queries, whatever the size."""
    participants = [ParticipantImpact(member, None) for member in member_facts(community)]
    agreements = {
        agreement.membership_id: agreement
        for agreement in ImpactAgreement.objects.filter(membership__community=community)
    }
    commitments = {
        commitment.organisation_id: commitment
        for commitment in community.organisation_commitments.select_related("organisation")
    }
    by_organisation: dict[int | None, OrganisationImpact] = {}
    for participant in participants:
        participant.agreement = agreements.get(participant.member.membership.pk)
        organisation = participant.member.organisation
        key = organisation.pk if organisation else None
        if key not in by_organisation:
            by_organisation[key] = OrganisationImpact(organisation, commitments.get(key))
        by_organisation[key].participants.append(participant)
    for key, commitment in commitments.items():
        if key not in by_organisation:
            by_organisation[key] = OrganisationImpact(commitment.organisation, commitment)
    organisations = sorted(
        by_organisation.values(),
        key=lambda o: (o.organisation is None, o.name.lower()),
    )
    return ImpactOverview(organisations=organisations, participants=participants)
