"""Meeting e-mails and the calendar feed: each member's e-mail preference, the e-mails already
sent, the personal calendar keys."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationMode(models.TextChoices):
    EACH = "each", _("Each e-mail when it happens")
    DIGEST = "digest", _("One weekly digest")
    OFF = "off", _("No e-mails about meetings")


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    mode = models.CharField(
        _("meeting e-mails"),
        max_length=10,
        choices=NotificationMode.choices,
        default=NotificationMode.EACH,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.mode}"


class SentNotification(models.Model):
    """A key per e-mail sent, so a task that runs twice never sends the same e-mail twice."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key


class CalendarToken(models.Model):
    """A personal, revocable key for a closed CoP's calendar feed; only its digest is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
