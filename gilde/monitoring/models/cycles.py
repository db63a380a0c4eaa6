"""Monitoring cycles and their follow-up actions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Membership

# Monitoring cycles


class CycleStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class MonitoringCycle(models.Model):
    """One period's evidence, the group's reflection on it and the follow-up agreed. Closing
    keeps the evidence as it was then, in every language, so an earlier cycle reads the same."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="monitoring_cycles"
    )
    number = models.PositiveSmallIntegerField()
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(max_length=8, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    went_well = models.TextField(_("what goes well"), max_length=4000, blank=True)
    to_change = models.TextField(_("what to change"), max_length=4000, blank=True)
    evidence = models.JSONField(default=dict, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("monitoring cycle")
        verbose_name_plural = _("monitoring cycles")
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="cycle_number_unique"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="cycle_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == CycleStatus.OPEN


class FollowUpAction(models.Model):
    cycle = models.ForeignKey(MonitoringCycle, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("by when"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
