"""The decision log, the working agreements and the CoP's settings for this app."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Membership
from gilde.core.versioning import DocumentVersion, VersionedDocument

from .polls import Poll, PollKind


class TakenBy(models.TextChoices):
    GROUP = "group", _("The group")
    FACILITATORS = "facilitators", _("The facilitators")


DIRECT = "direct"
DECISION_KINDS = [*PollKind.choices, (DIRECT, _("Recorded directly"))]


class Decision(models.Model):
    """An entry of the decision log: a poll's outcome, or a decision recorded directly."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="decisions")
    poll = models.OneToOneField(
        Poll, on_delete=models.SET_NULL, null=True, blank=True, related_name="outcome"
    )
    statement = models.CharField(
        _("the decision"),
        max_length=300,
        help_text=_("One sentence, e.g. “We invite an expert on procurement to meeting 4.”"),
    )
    rationale = models.TextField(_("why"), max_length=5000, blank=True)
    taken_by = models.CharField(
        _("taken by"), max_length=12, choices=TakenBy.choices, default=TakenBy.GROUP
    )
    kind = models.CharField(_("how"), max_length=10, choices=DECISION_KINDS, default=DIRECT)
    meeting_id = models.PositiveBigIntegerField(_("meeting"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A revision names the decision it replaces; the log keeps both.
    revises = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="revised_by"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(fields=["community", "-decided_on", "-id"], name="decision_log_order"),
        ]

    def __str__(self) -> str:
        return self.statement


class WorkingAgreements(VersionedDocument):
    """The group's working agreements: one living text per CoP. `revision` guards saves."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="working_agreements"
    )
    text = models.TextField(_("working agreements"), max_length=10000, blank=True)

    class Meta:
        verbose_name = _("working agreements")
        verbose_name_plural = _("working agreements")

    def __str__(self) -> str:
        return str(self.community)


class AgreementVersion(DocumentVersion):
    """A saved state of the working agreements; `poll` when a consent poll adopted it."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="agreement_versions"
    )
    text = models.TextField(_("working agreements"), max_length=10000, blank=True)
    poll = models.ForeignKey(
        Poll, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version of the working agreements")
        verbose_name_plural = _("versions of the working agreements")
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="agreement_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.community} v{self.number}"


class DecisionSettings(models.Model):
    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="decision_settings"
    )
    observers_read = models.BooleanField(
        _("observers may read polls and the decision log"),
        default=False,
        help_text=_("Observers never vote. Without this they do not see this part of the CoP."),
    )
    # The default meeting roles are created once; a CoP that removes them keeps them removed.
    roles_initialised = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("decision settings")
        verbose_name_plural = _("decision settings")

    def __str__(self) -> str:
        return str(self.community)


class DecisionNotice(models.Model):
    """A key per e-mail sent by the worker, so a task that runs twice sends it once."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key
