"""What step 2 tells the apps beside it (gilde.communities.members): each member's facts with
this CoP's overrides, and their intake answers."""

from gilde.communities.members import (
    IntakeAnswers,
    MemberFacts,
    register_intake_answers,
    register_member_facts,
)

from .models import Intake
from .selectors import group_members


def member_facts(community, roles) -> list[MemberFacts]:
    return [
        MemberFacts(
            membership_id=member.membership.pk,
            name=member.name,
            organisation=member.organisation,
            sector=member.sector,
            discipline=member.discipline,
            function=member.function,
            knowledge_type=member.knowledge_type,
            pioneer=member.pioneer,
        )
        for member in group_members(community, roles=tuple(roles))
    ]


def intake_answers(membership) -> IntakeAnswers | None:
    intake = Intake.objects.filter(membership=membership).first()
    if intake is None:
        return None
    return IntakeAnswers(
        learning_questions=intake.learning_questions, practice_case=intake.practice_case
    )


def register() -> None:
    register_member_facts(member_facts)
    register_intake_answers(intake_answers)
