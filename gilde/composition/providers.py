"""What step 2 tells the apps beside it (gilde.communities.members): each member's facts with
this CoP's overrides, and their intake answers."""

from gilde.communities.members import (
    IntakeAnswers,
    register_intake_answers,
    register_member_facts,
)

from .models import Intake
from .selectors import member_facts


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
