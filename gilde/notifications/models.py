"""What Gilde told a person, inside Gilde: one row per message, read or not.

A notification stores a kind and the values of its sentence, not the sentence itself, so it reads
in the person's language of the moment (see `kinds.py`). `key` makes writing it idempotent: the
same event (an e-mail's key, usually) never gives a person two notifications.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # By name: this app sits below communities (every app above may notify), so it imports none.
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    # Whether it was read, not when: a reading time beside an anonymous evaluation's date could
    # tell who answered (the evaluation's notice leads to its form).
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")
        ]
        indexes = [
            # The bell's count and the centre's list: a person's notifications, newest first.
            models.Index(fields=["user", "read"], name="notification_user_unread"),
            models.Index(fields=["user", "-created_at", "-id"], name="notification_user_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_read(self) -> bool:
        return self.read
