"""The social map: kinds of tie, outside actors, ties over time and network answers."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Membership


class MonitoringSettings(models.Model):
    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="monitoring_settings"
    )
    network_shared_with_group = models.BooleanField(
        _("share the named social map with the group"),
        default=False,
        help_text=_(
            "Without this, only facilitators see names on the social map; everyone else sees "
            "figures for the whole group."
        ),
    )
    cycle_meetings = models.PositiveSmallIntegerField(
        _("meetings per monitoring cycle"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")

    def __str__(self) -> str:
        return str(self.community)


# The social map


class BuiltInTieKind(models.TextChoices):
    KNOWS = "knows", _("Knows each other")
    EXCHANGED = "exchanged", _("Exchanged knowledge")
    WORKED = "worked", _("Worked together")
    JOINT_PROJECT = "joint_project", _("Joint project")


class TieKind(models.Model):
    """A kind of tie. Every CoP starts with the built-in four; facilitators add their own."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="tie_kinds")
    key = models.CharField(max_length=20, blank=True, choices=BuiltInTieKind.choices)
    name = models.CharField(_("name"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("kind of tie")
        verbose_name_plural = _("kinds of tie")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "key"], condition=~models.Q(key=""), name="tie_kind_key"
            ),
            models.CheckConstraint(
                condition=~models.Q(key="") | ~models.Q(name=""), name="tie_kind_named"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(BuiltInTieKind(self.key).label) if self.key else self.name


class ActorKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    PERSON = "person", _("Person")


class OutsideActor(models.Model):
    """Someone outside the CoP that members have ties with, kept with a name and a kind only."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="outside_actors"
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=ActorKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("outside actor")
        verbose_name_plural = _("outside actors")
        constraints = [
            models.UniqueConstraint("community", Lower("name"), name="outside_actor_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class TieOrigin(models.TextChoices):
    ANSWER = "answer", _("Network question")
    IMPORT = "import", _("Import")
    MANUAL = "manual", _("Added by hand")


class Tie(models.Model):
    """A tie between two members, or between a member and an outside actor, over a time span.
    Between two members the lower membership id is always `member`, so a pair is one pair."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="ties")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    other_member = models.ForeignKey(
        Membership, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        OutsideActor, on_delete=models.CASCADE, null=True, blank=True, related_name="ties"
    )
    kind = models.ForeignKey(TieKind, on_delete=models.PROTECT, related_name="ties")
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    origin = models.CharField(max_length=10, choices=TieOrigin.choices, default=TieOrigin.MANUAL)
    reported_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        indexes = [models.Index(fields=["community", "started_on"], name="tie_community_start")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(other_member__isnull=False, actor__isnull=True)
                    | models.Q(other_member__isnull=True, actor__isnull=False)
                ),
                name="tie_one_other_end",
            ),
            models.CheckConstraint(
                condition=~models.Q(member=models.F("other_member")), name="tie_not_to_oneself"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="tie_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}–{self.other_member_id or self.actor} ({self.kind_id})"

    def names(self, membership: Membership) -> bool:
        """Whether this tie names `membership` at either end."""
        return membership.pk in (self.member_id, self.other_member_id)


class NetworkAnswer(models.Model):
    """That a member answered the network question after a meeting (the ties are the answer)."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="network_answers"
    )
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    meeting_id = models.PositiveBigIntegerField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("network answer")
        verbose_name_plural = _("network answers")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "meeting_id"], name="network_answer_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} after meeting {self.meeting_id}"
