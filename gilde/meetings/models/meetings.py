"""The meeting itself: the CoP's meeting settings, a meeting on the calendar, who facilitates it
and who comes."""

import uuid
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Focus, Membership

EVALUATION_DAYS = 7  # an evaluation closes a week after it opens
EVALUATION_EARLY_LIMIT = timedelta(days=1)  # opening early: at most this long before the start
ANONYMITY_THRESHOLD = 5  # results are shown from this many participants' answers


class FacilitationMode(models.TextChoices):
    PAIR = "pair", _("A fixed pair (content and process)")
    ROTATION_CORE = "rotation_core", _("Rotation within a core group")
    ROTATION_ALL = "rotation_all", _("Rotation within the whole group")


class SchoolRegion(models.TextChoices):
    NONE = "", _("Do not avoid school holidays")
    NOORD = "Noord", _("School holidays region North")
    MIDDEN = "Midden", _("School holidays region Middle")
    ZUID = "Zuid", _("School holidays region South")


class MeetingSettings(models.Model):
    """How a CoP meets: facilitation, holidays to avoid, the evaluation's form, defaults."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="meeting_settings"
    )
    facilitation_mode = models.CharField(
        _("facilitation"),
        max_length=20,
        choices=FacilitationMode.choices,
        default=FacilitationMode.PAIR,
    )
    core_group = models.ManyToManyField(
        Membership, verbose_name=_("core group"), blank=True, related_name="+"
    )
    school_region = models.CharField(
        _("school holidays"), max_length=10, choices=SchoolRegion.choices, blank=True
    )
    named_evaluations = models.BooleanField(
        _("named evaluations"),
        default=False,
        help_text=_("Without this, answers are stored without any link to the person."),
    )

    class Meta:
        verbose_name = _("meeting settings")
        verbose_name_plural = _("meeting settings")

    def __str__(self) -> str:
        return str(self.community)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"), validators=[MinValueValidator(15), MaxValueValidator(720)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    notes = models.TextField(_("meeting notes"), max_length=20000, blank=True)
    facilitator_notes = models.TextField(
        _("notes for facilitators only"), max_length=20000, blank=True
    )
    # iCalendar: a stable UID, and a SEQUENCE raised on every change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    # Set when a facilitator opens the evaluation early, or pins the window when the meeting is
    # moved after its evaluation opened.
    evaluation_opened_at = models.DateTimeField(null=True, blank=True)
    # Set when a facilitator closes the evaluation early (once enough participants answered).
    evaluation_closed_at = models.DateTimeField(null=True, blank=True)
    # Named or anonymous, fixed when the evaluation opens; None: not fixed yet, the CoP's setting.
    evaluation_named = models.BooleanField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            # A CoP's calendar, and the ten-minute job's look at what starts or ended lately.
            models.Index(fields=["community", "starts_at"], name="meeting_community_start"),
            models.Index(fields=["status", "starts_at"], name="meeting_status_start"),
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def evaluation_opens_at(self):
        """The evaluation opens when the meeting ends, or earlier when a facilitator opens it."""
        return self.evaluation_opened_at or self.ends_at

    @property
    def evaluation_closes_at(self):
        """A week after it opened, or when a facilitator closed it early."""
        return self.evaluation_closed_at or self.evaluation_opens_at + timedelta(
            days=EVALUATION_DAYS
        )

    def evaluation_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status == MeetingStatus.CANCELLED:
            return False
        return self.evaluation_opens_at <= now < self.evaluation_closes_at

    def evaluation_has_closed(self, now=None) -> bool:
        """Whether the evaluation is over: from then on no answer is added, so its results
        can be shown and stay as they are."""
        return (now or timezone.now()) >= self.evaluation_closes_at

    def evaluation_may_open_early(self, now=None) -> bool:
        """A facilitator may open the evaluation from a day before the meeting's start."""
        return (now or timezone.now()) >= self.starts_at - EVALUATION_EARLY_LIMIT


def facilitation_focus(membership: Membership, assigned: str = "") -> str:
    """The focus a person takes when they facilitate a meeting, decided here for every page,
    form and e-mail. The member list decides: a facilitator's own focus (content or process)
    holds in every meeting. Only someone without one, such as a participant taking a turn in a
    rotation, takes the role assigned for that meeting."""
    return membership.focus or assigned


class MeetingFacilitator(models.Model):
    """Who facilitates one meeting: the fixed pair, or this meeting's turn in a rotation. `focus`
    is the role assigned for this meeting; `role_focus` is the one every page shows."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="facilitators")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    focus = models.CharField(_("focus"), max_length=10, choices=Focus.choices, blank=True)

    class Meta:
        verbose_name = _("meeting facilitator")
        verbose_name_plural = _("meeting facilitators")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="meeting_facilitator_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.membership}"

    @property
    def role_focus(self) -> str:
        return facilitation_focus(self.membership, self.focus)

    def get_role_focus_display(self) -> str:
        return Focus(self.role_focus).label if self.role_focus else ""


class Rsvp(models.TextChoices):
    YES = "yes", _("I'm coming")
    NO = "no", _("I can't come")
    MAYBE = "maybe", _("Maybe")


class Attendance(models.Model):
    """A member's answer to "are you coming?", and afterwards whether they were there."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    response = models.CharField(_("coming?"), max_length=5, choices=Rsvp.choices, blank=True)
    present = models.BooleanField(_("was there"), null=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.membership}"
