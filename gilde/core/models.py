from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who did what, when, in which CoP. Written by services, read by facilitators."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=60)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # The audit log of one CoP, newest first, a page at a time.
        indexes = [
            models.Index(fields=["community", "-created_at", "-id"], name="audit_community_recent")
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class ThrottleCounter(models.Model):
    """How often one kind of e-mail went to one address (or came from one client) in the current
    window. The key is a keyed hash, so the table holds no addresses."""

    key = models.CharField(max_length=64, unique=True)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("throttle counter")
        verbose_name_plural = _("throttle counters")

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.count} since {self.window_start:%Y-%m-%d %H:%M}"


class OutgoingMail(models.Model):
    """One queued e-mail, by a random key: a task that runs again after its worker was killed
    sends the message only if it was not sent yet (`gilde.core.mail.send_queued_mail`)."""

    key = models.CharField(max_length=32, unique=True)
    queued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.key} {'sent' if self.sent_at else 'queued'}"


class InstallationLogEntry(models.Model):
    """What happened to the installation as a whole, outside any CoP: a CoP purged after its
    retention period (its own audit log went with it), a restore. Read by staff in the admin."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=60)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("installation log entry")
        verbose_name_plural = _("installation log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
