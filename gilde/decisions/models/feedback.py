"""Peer feedback: a member asks one to three others for feedback on their practice case or
learning question. The answers are for the asker and the writer only: no page, export or count
shows them to anyone else (selectors.feedback is the one gate)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Membership

MAX_WRITERS = 3


class FeedbackSubject(models.TextChoices):
    CASE = "case", _("My practice case")
    QUESTION = "question", _("My learning question")
    OTHER = "other", _("Something else")


class FeedbackRequest(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="feedback_requests"
    )
    asker = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(
        _("feedback on"),
        max_length=10,
        choices=FeedbackSubject.choices,
        default=FeedbackSubject.CASE,
    )
    about = models.CharField(
        _("in a few words"),
        max_length=300,
        help_text=_("E.g. “My plan to bring procurement into our next project.”"),
    )
    question = models.TextField(
        _("your question to them"),
        max_length=2000,
        help_text=_("What would you like them to look at, or answer?"),
    )
    thanks = models.TextField(_("a word of thanks (optional)"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")

    def __str__(self) -> str:
        return self.about

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class FeedbackInvite(models.Model):
    """One person asked for feedback, and what they wrote."""

    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, related_name="invites")
    writer = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    answer = models.TextField(_("your feedback"), max_length=5000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("feedback invitation")
        verbose_name_plural = _("feedback invitations")
        constraints = [
            models.UniqueConstraint(fields=["request", "writer"], name="feedback_invite_unique")
        ]

    def __str__(self) -> str:
        return f"{self.request}: {self.writer}"
