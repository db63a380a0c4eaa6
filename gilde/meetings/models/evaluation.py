"""The evaluation at the end of a meeting: its questions, the anonymous responses and answers
(random ids, see gilde.core.fields) and who has handed one in."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Membership
from gilde.core.fields import RandomIdField

from .agenda import AgendaItem
from .meetings import Meeting


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 1–5")
    OPEN = "open", _("Open text")


class EvaluationQuestion(models.Model):
    """A question of the CoP's end-of-meeting evaluation."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="evaluation_questions"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=5, choices=QuestionKind.choices)
    feeds_next_meeting = models.BooleanField(
        _("answers feed the next meeting's preparation"), default=False
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")

    def __str__(self) -> str:
        return self.text


class EvaluationResponse(models.Model):
    """One filled-in evaluation. Anonymous by default: no link to the person at all. Only a CoP
    that chose named evaluations stores the membership."""

    id = RandomIdField()
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="responses")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_on = models.DateField(default=timezone.localdate)  # a day, not a time: no linking

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")

    def __str__(self) -> str:
        return f"{self.meeting} ({self.created_on})"


class EvaluationAnswer(models.Model):
    id = RandomIdField()
    response = models.ForeignKey(
        EvaluationResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(EvaluationQuestion, on_delete=models.CASCADE, related_name="+")
    scale = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(max_length=3000, blank=True)
    # For "what does the next meeting need": the facilitators tick it off or link it to an item.
    handled = models.BooleanField(default=False)
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")

    def __str__(self) -> str:
        return f"{self.question}: {self.scale or self.text[:40]}"


class EvaluationSubmission(models.Model):
    """That a member answered a meeting's evaluation, kept apart from the answers themselves.

    `counts` says whether the answer counts towards the anonymity threshold (a participant's, not
    the initiator's or one of the meeting's facilitators'); it is fixed when the member answers,
    and the row stays when the membership ends, so a closed evaluation's results never change."""

    id = RandomIdField()
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="submissions")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    counts = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="submission_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.membership}"
