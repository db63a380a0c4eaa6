"""Roles per meeting: the CoP's list of roles, and who takes which at a meeting."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gilde.communities.models import Community, Membership

# Created for a CoP the first time its roles are needed; the CoP edits them from there.
DEFAULT_ROLES = [
    (pgettext_lazy("meeting role", "Host"), _("Opens the meeting and keeps the thread.")),
    (pgettext_lazy("meeting role", "Timekeeper"), _("Keeps an eye on the time per item.")),
    (
        pgettext_lazy("meeting role", "Note-taker"),
        _("Writes down agreements and who does what."),
    ),
    (
        pgettext_lazy("meeting role", "Harvester"),
        _("Collects insights and takes them to the next meeting."),
    ),
]


class MeetingRole(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="meeting_roles")
    name = models.CharField(_("role"), max_length=80)
    description = models.CharField(_("what it involves"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("meeting role")
        verbose_name_plural = _("meeting roles")

    def __str__(self) -> str:
        return self.name


class RoleAssignment(models.Model):
    """Who takes a role at one meeting of the CoP's calendar (by the meeting's id)."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="role_assignments"
    )
    meeting_id = models.PositiveBigIntegerField(_("meeting"))
    role = models.ForeignKey(MeetingRole, on_delete=models.CASCADE, related_name="assignments")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="+", verbose_name=_("who")
    )
    volunteered = models.BooleanField(default=False)
    assigned_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting_id", "role__position", "role_id"]
        verbose_name = _("role at a meeting")
        verbose_name_plural = _("roles at meetings")
        constraints = [
            models.UniqueConstraint(fields=["meeting_id", "role"], name="role_once_per_meeting"),
        ]
        indexes = [models.Index(fields=["community", "meeting_id"], name="role_meeting")]

    def __str__(self) -> str:
        return f"{self.role} @ {self.meeting_id}: {self.membership}"
