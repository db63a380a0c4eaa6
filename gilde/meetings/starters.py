"""Meetings' part of a new CoP's starting point "with examples": the evaluation's questions (the
three defaults and one about trying things in practice) and an agenda template for a typical
first meeting, built from the library's work forms."""

from django.utils.translation import gettext as _

from gilde.communities.starters import EXAMPLE, starter_filler

from . import services
from .models import QuestionKind


def first_meeting_items() -> list[dict]:
    return [
        {
            "title": _("Check-in: who are you, and what do you bring?"),
            "work_form_key": "check-in-check-out",
            "duration_minutes": 15,
            "configuration": "plenary",
            "tgi_focus": "i",
        },
        {
            "title": _("Getting to know each other in pairs"),
            "work_form_key": "ls-impromptu-networking",
            "duration_minutes": 20,
            "configuration": "pair",
            "tgi_focus": "we",
        },
        {
            "title": _("Our question, and what the CoP should yield"),
            "duration_minutes": 25,
            "configuration": "plenary",
            "tgi_focus": "it",
        },
        {"title": _("Break"), "duration_minutes": 15, "is_break": True},
        {
            "title": _("Practice cases in threes"),
            "work_form_key": "ls-troika-consulting",
            "duration_minutes": 30,
            "configuration": "trio",
            "tgi_focus": "i",
        },
        {
            "title": _("How we work together: our minimal agreements"),
            "work_form_key": "ls-min-specs",
            "duration_minutes": 35,
            "tgi_focus": "we",
        },
        {
            "title": _("Evaluation and check-out"),
            "work_form_key": "check-in-check-out",
            "duration_minutes": 15,
            "configuration": "plenary",
            "tgi_focus": "globe",
        },
    ]


@starter_filler(EXAMPLE)
def fill_example_meetings(community, actor) -> None:
    services.evaluation_questions_for(community)  # the three default questions
    services.evaluation_question_add(
        community=community,
        actor=actor,
        text=_("What did you try in your own practice since the last meeting?"),
        kind=QuestionKind.OPEN,
    )
    services.agenda_template_create(
        community=community,
        actor=actor,
        name=_("First meeting (example)"),
        items=first_meeting_items(),
    )
