"""Step 1 on the CoP's home: a request for comments waiting for this person ("now" panel) and the
question as it stands (a home section)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from gilde.communities.access import Action
from gilde.communities.first_steps import FirstStep, first_step
from gilde.communities.home import HomeSection, home_section
from gilde.communities.now import NowItem, Urgency, now_provider

from .models import IntendedYield, QuestionVersion
from .selectors import comment_requests_open_for, current_version


@now_provider(order=30)
def comments_requested(request, access) -> list[NowItem]:
    if access.membership is None or not access.can(Action.COMMENT_QUESTION):
        return []
    requests = comment_requests_open_for(access.membership)
    if not requests:
        return []
    latest = requests[0]
    slug = access.community.slug
    url = (
        reverse("question:version", kwargs={"slug": slug, "number": latest.version.number})
        if latest.version
        else reverse("question:history", kwargs={"slug": slug})
    )
    # Whoever asks for comments may read the member list: the asker's name is no secret here.
    asker = str(latest.requested_by) if latest.requested_by else _("A facilitator")
    return [
        NowItem(
            kind="comment_request",
            title=_("%(name)s asks for your comments on the question") % {"name": asker},
            url=url,
            when=latest.created_at,
            detail=_("Add your comment under the question; the asker hears of it."),
            urgency=Urgency.TODO,
        )
    ]


@home_section(order=20)
def question_section(request, access) -> HomeSection | None:
    """The current version of the question, for every member who may read it."""
    if not access.can(Action.VIEW_QUESTION):
        return None
    return HomeSection(
        "question/_home_question.html", {"version": current_version(access.community)}
    )


@first_step(order=10)
def question_written(community) -> FirstStep:
    return FirstStep(
        title=_("Sharpen the question: one “how” question from practice"),
        url=reverse("question:edit", kwargs={"slug": community.slug}),
        done=Exists(
            QuestionVersion.objects.filter(community=OuterRef("pk")).exclude(core_question="")
        ),
        hint=_("Start with the core question and what is in and out of scope."),
    )


@first_step(order=20)
def yields_named(community) -> FirstStep:
    return FirstStep(
        title=_("Say what the CoP should yield, and for whom"),
        url=reverse("question:yields", kwargs={"slug": community.slug}),
        done=Exists(IntendedYield.objects.filter(community=OuterRef("pk"))),
        hint=_("For the participants, their organisations, the field and the initiator."),
    )
