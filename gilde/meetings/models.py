"""Meetings: the CoP's calendar, agendas built from work forms, who facilitates, who comes, and
the evaluation at the end of each meeting that feeds the next one."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Focus, Membership
from gilde.core.fields import RandomIdField, random_id  # noqa: F401 (random_id: migrations)
from gilde.guide import labels as guide_labels

# An agenda item's configuration and TGI focus use the work-form library's vocabulary.
STAGE_CHOICES = list(guide_labels.STAGES.items())
TGI_CHOICES = list(guide_labels.TGI.items())

EVALUATION_DAYS = 7  # an evaluation closes a week after it opens
EVALUATION_EARLY_LIMIT = timedelta(days=1)  # opening early: at most this long before the start
ANONYMITY_THRESHOLD = 5  # results are shown from this many participants' answers

# Evaluation rows get random ids (see gilde.core.fields): the field lives in core, shared with
# other apps' anonymous rows; these names stay importable from here for the migrations.


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


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    work_form_key = models.CharField(
        _("work form"),
        max_length=80,
        blank=True,
        help_text=_("A work form from the library, or none."),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    led_by = models.ForeignKey(
        Membership,
        verbose_name=_("led by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    configuration = models.CharField(
        _("group configuration"), max_length=15, choices=STAGE_CHOICES, blank=True
    )
    tgi_focus = models.CharField(_("TGI focus"), max_length=10, choices=TGI_CHOICES, blank=True)
    notes = models.TextField(_("notes"), max_length=3000, blank=True)
    # A break: on the programme with its clock time, led by nobody, not counted as an item the
    # group leads (ownership) or in the agenda's mix of configurations.
    is_break = models.BooleanField(_("break"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the facilitators")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class AgendaProposal(models.Model):
    """An agenda item a participant proposes for a meeting; the meeting's facilitators accept it
    (it becomes an agenda item, counted as led by the group) or decline it, with a reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proposals")
    proposed_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    work_form_key = models.CharField(_("work form"), max_length=80, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    led_by = models.ForeignKey(
        Membership,
        verbose_name=_("led by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("why this item"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The item an accepted proposal became; it counts as participant-led in the ownership trend.
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")

    def __str__(self) -> str:
        return self.title


class AgendaTemplate(models.Model):
    """A saved agenda that a facilitator starts a meeting's agenda from: its items as a list of
    their fields (title, work form, minutes, configuration, TGI focus, notes, break), without
    who leads them."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="agenda_templates"
    )
    name = models.CharField(_("name"), max_length=120)
    items = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("agenda template")
        verbose_name_plural = _("agenda templates")
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="agenda_template_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def total_minutes(self) -> int:
        return sum(int(item.get("duration_minutes") or 0) for item in self.items)


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


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 1–5")
    OPEN = "open", _("Open text")


class EvaluationQuestion(models.Model):
    """A question of the CoP's end-of-meeting evaluation."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="evaluation_questions"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=5, choices=QuestionKind.choices)
    feeds_next_meeting = models.BooleanField(
        _("answers feed the next meeting's preparation"), default=False
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")

    def __str__(self) -> str:
        return self.text


class EvaluationResponse(models.Model):
    """One filled-in evaluation. Anonymous by default: no link to the person at all. Only a CoP
    that chose named evaluations stores the membership."""

    id = RandomIdField()
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="responses")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_on = models.DateField(default=timezone.localdate)  # a day, not a time: no linking

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")

    def __str__(self) -> str:
        return f"{self.meeting} ({self.created_on})"


class EvaluationAnswer(models.Model):
    id = RandomIdField()
    response = models.ForeignKey(
        EvaluationResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(EvaluationQuestion, on_delete=models.CASCADE, related_name="+")
    scale = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(max_length=3000, blank=True)
    # For "what does the next meeting need": the facilitators tick it off or link it to an item.
    handled = models.BooleanField(default=False)
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")

    def __str__(self) -> str:
        return f"{self.question}: {self.scale or self.text[:40]}"


class EvaluationSubmission(models.Model):
    """That a member answered a meeting's evaluation, kept apart from the answers themselves.

    `counts` says whether the answer counts towards the anonymity threshold (a participant's, not
    the initiator's or one of the meeting's facilitators'); it is fixed when the member answers,
    and the row stays when the membership ends, so a closed evaluation's results never change."""

    id = RandomIdField()
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="submissions")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    counts = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="submission_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.membership}"


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
