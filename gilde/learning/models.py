"""Step 7 and each person's learning: a record per member (goals and questions, entries),
experiments between meetings, buddy pairs, and backcasting canvases.

Every personal item carries a sharing tier; who sees what is decided in `selectors.py` only.
"""

import secrets
from pathlib import PurePosixPath

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Membership
from gilde.core.versioning import DocumentVersion, VersionedDocument


class Tier(models.TextChoices):
    """Each tier widens the circle of the one before it."""

    PRIVATE = "private", _("Only me")
    BUDDY = "buddy", _("Me and my buddy")
    FACILITATORS = "facilitators", _("Also the facilitators")
    GROUP = "group", _("The whole CoP")
    PUBLIC = "public", _("Also the public results page")


TIER_ORDER = [Tier.PRIVATE, Tier.BUDDY, Tier.FACILITATORS, Tier.GROUP, Tier.PUBLIC]


def tiers_from(tier: str) -> list[str]:
    """`tier` and every wider one: the tiers an audience of `tier` sees."""
    return [str(t) for t in TIER_ORDER[TIER_ORDER.index(Tier(tier)) :]]


class LearningRecord(VersionedDocument):
    """A member's learning goals and questions in one CoP; every save is a version."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="learning_records"
    )
    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="learning_record"
    )
    goals = models.TextField(_("learning goals"), max_length=3000, blank=True)
    questions = models.TextField(_("learning questions"), max_length=3000, blank=True)
    goals_tier = models.CharField(
        _("who sees my goals and questions"),
        max_length=12,
        choices=Tier.choices,
        default=Tier.PRIVATE,
    )

    class Meta:
        verbose_name = _("learning record")
        verbose_name_plural = _("learning records")

    def __str__(self) -> str:
        return f"#{self.pk}"


class GoalsVersion(DocumentVersion):
    record = models.ForeignKey(LearningRecord, on_delete=models.CASCADE, related_name="versions")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    goals = models.TextField(_("learning goals"), max_length=3000, blank=True)
    questions = models.TextField(_("learning questions"), max_length=3000, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version of learning goals")
        verbose_name_plural = _("versions of learning goals")
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="goals_version_unique")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class EntryKind(models.TextChoices):
    INSIGHT = "insight", _("Insight")
    ACTION = "action", _("Action")
    HIGHLIGHT = "highlight", _("Meeting highlight")
    QUESTION = "question", _("Question")
    REFLECTION = "reflection", _("Reflection")


class ExperimentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (ExperimentStatus.PLANNED, ExperimentStatus.UNDER_WAY)


def attachment_path(instance, filename: str) -> str:
    """A random name under the CoP's folder: the uploaded name never reaches the file system."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"learning/{instance.community_id}/{secrets.token_hex(16)}{suffix}"


class Experiment(models.Model):
    """Something a member tries in their own work before a meeting, and what came of it."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="experiments")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        Membership,
        verbose_name=_("together with"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("what I will try"), max_length=200)
    learning_question = models.TextField(
        _("the learning question it serves"), max_length=1000, blank=True
    )
    expectation = models.TextField(_("what I expect"), max_length=2000, blank=True)
    helpers = models.CharField(_("who helps"), max_length=300, blank=True)
    due_on = models.DateField(_("by when"))
    # The meeting it reports back to (the next one when it was planned), kept by meetings.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("report back at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ExperimentStatus.choices,
        default=ExperimentStatus.PLANNED,
    )
    tier = models.CharField(
        _("who sees it"), max_length=12, choices=Tier.choices, default=Tier.PRIVATE
    )
    canvas_step = models.ForeignKey(
        "CanvasStep", on_delete=models.SET_NULL, null=True, blank=True, related_name="experiments"
    )
    checkin_note = models.TextField(_("how it is going"), max_length=2000, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    report_happened = models.TextField(_("what happened"), max_length=3000, blank=True)
    report_learned = models.TextField(_("what I learned"), max_length=3000, blank=True)
    report_next = models.TextField(_("what next"), max_length=3000, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        indexes = [models.Index(fields=["community", "due_on"])]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def midway(self):
        start = timezone.localdate(self.created_at)
        return start + (self.due_on - start) / 2


class Entry(models.Model):
    """One item of a member's record: an insight, action, highlight, question or reflection."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="learning_entries"
    )
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    body = models.TextField(
        _("text"), max_length=10000, help_text=_("Markdown: *italic*, **bold**, lists, links.")
    )
    tier = models.CharField(
        _("who sees it"), max_length=12, choices=Tier.choices, default=Tier.PRIVATE
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
    )
    work_form_key = models.CharField(_("work form"), max_length=80, blank=True)
    # Normalised ",tag one,tag two," so one tag is found with a plain `contains`.
    tags = models.CharField(_("tags"), max_length=400, blank=True)
    attachment = models.FileField(upload_to=attachment_path, max_length=200, blank=True)
    attachment_name = models.CharField(max_length=120, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("learning entry")
        verbose_name_plural = _("learning entries")
        indexes = [
            models.Index(fields=["membership", "-created_at", "-id"]),
            models.Index(fields=["community", "tier", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split(",") if tag]


class BuddyPeriod(models.Model):
    """A round of buddy pairs, from a draft (preview, adjusted by hand) to confirmed."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="buddy_periods")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("buddy period")
        verbose_name_plural = _("buddy periods")

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class BuddyGroup(models.Model):
    """Two buddies, or three when the group is odd."""

    period = models.ForeignKey(BuddyPeriod, on_delete=models.CASCADE, related_name="groups")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField()
    members = models.ManyToManyField(Membership, related_name="buddy_groups")

    class Meta:
        ordering = ["period", "number"]
        verbose_name = _("buddy group")
        verbose_name_plural = _("buddy groups")

    def __str__(self) -> str:
        return f"{self.period} #{self.number}"


class CanvasText(models.Model):
    """The fields a canvas and each of its versions share (METHODS §5)."""

    title = models.CharField(_("title"), max_length=200)
    horizon = models.DateField(_("horizon"), help_text=_("The moment the future image is about."))
    future_image = models.TextField(
        _("future image"),
        max_length=4000,
        blank=True,
        help_text=_("At the horizon we see …: who does what, and how."),
    )
    what_matters = models.TextField(_("what matters to us"), max_length=3000, blank=True)
    in_practice = models.TextField(_("what it looks like in practice"), max_length=3000, blank=True)
    today = models.TextField(_("where we stand today"), max_length=3000, blank=True)
    needed = models.TextField(
        _("what is needed"),
        max_length=3000,
        blank=True,
        help_text=_("Changes in technology, behaviour and culture, structures and rules."),
    )
    helpers = models.TextField(_("who can help"), max_length=2000, blank=True)
    assumptions = models.TextField(_("what must hold true"), max_length=2000, blank=True)

    class Meta:
        abstract = True


CANVAS_FIELDS = (
    "title",
    "horizon",
    "future_image",
    "what_matters",
    "in_practice",
    "today",
    "needed",
    "helpers",
    "assumptions",
)


class Canvas(CanvasText, VersionedDocument):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="canvases")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("backcasting canvas")
        verbose_name_plural = _("backcasting canvases")

    def __str__(self) -> str:
        return self.title


class CanvasVersion(CanvasText, DocumentVersion):
    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="versions")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("canvas version")
        verbose_name_plural = _("canvas versions")
        constraints = [
            models.UniqueConstraint(fields=["canvas", "number"], name="canvas_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.canvas_id} v{self.number}"


class CanvasStep(models.Model):
    """A step back in time from the horizon: what must have happened by `due_on`."""

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="steps")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("step"), max_length=200)
    description = models.TextField(_("what it takes"), max_length=2000, blank=True)
    due_on = models.DateField(_("by when"))
    owner = models.CharField(_("who carries it"), max_length=200, blank=True)
    on_agenda_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("canvas step")
        verbose_name_plural = _("canvas steps")

    def __str__(self) -> str:
        return self.title


class LearningNotification(models.Model):
    """A key per e-mail sent, so the periodic job never sends the same e-mail twice."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key
