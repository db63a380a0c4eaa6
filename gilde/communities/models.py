import hashlib
import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from gilde.core.dates import add_months

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Policy(models.TextChoices):
    OPEN = "open", _("Open: anyone may join")
    CLOSED = "closed", _("Closed: people apply and facilitators decide")


class Role(models.TextChoices):
    INITIATOR = "initiator", _("Initiator")
    FACILITATOR = "facilitator", _("Facilitator")
    PARTICIPANT = "participant", _("Participant")
    OBSERVER = "observer", _("Observer")


class Focus(models.TextChoices):
    CONTENT = "content", _("Content")
    PROCESS = "process", _("Process")


class Community(models.Model):
    """A Community of Practice: the tenant every other record hangs from."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("web address"),
        max_length=60,
        unique=True,
        validators=[
            RegexValidator(
                SLUG_PATTERN,
                _("Use lower-case letters, digits and single hyphens, e.g. circular-business."),
            )
        ],
    )
    # What the CoP is about, for the directory and invitations; the question itself, with its
    # domain, is the question sheet's (step 1), which the group sharpens over time.
    description = models.TextField(_("about the CoP"), max_length=2000)
    policy = models.CharField(
        _("membership"), max_length=10, choices=Policy.choices, default=Policy.CLOSED
    )
    # A new CoP is closed and unlisted: opening it up is a choice its initiator makes.
    listed = models.BooleanField(
        _("show in the public directory"),
        default=False,
        help_text=_(
            "Listed CoPs appear in the directory: people can join an open CoP or apply to a "
            "closed one. An unlisted CoP is reached by invitation only."
        ),
    )
    start_date = models.DateField(_("start date"))
    duration_months = models.PositiveSmallIntegerField(
        _("planned duration (months)"),
        default=18,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    cadence_weeks = models.PositiveSmallIntegerField(
        _("meeting cadence (weeks)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )
    target_size = models.PositiveSmallIntegerField(
        _("target size"),
        default=20,
        validators=[MinValueValidator(3), MaxValueValidator(200)],
    )
    # How long the CoP's data is kept after its end date; then it is deleted (gilde/communities/
    # retention.py). At the end date it turns read-only; the initiators are warned a month before
    # that and a month before the deletion.
    retention_months = models.PositiveSmallIntegerField(
        _("keep the data after the end (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "After the CoP's end date everything in it can still be read, but not changed; after "
            "this many months it is deleted. The initiators hear of both a month before."
        ),
    )
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    archive_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    purge_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Raised by every write to the CoP's data (gilde.communities.revision); what is computed from
    # that data, like the step rail, is cached per revision.
    revision = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("community of practice")
        verbose_name_plural = _("communities of practice")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_months__gte=1, duration_months__lte=60),
                name="community_duration_range",
            ),
            models.CheckConstraint(
                condition=models.Q(target_size__gte=3, target_size__lte=200),
                name="community_target_size_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        return self.policy == Policy.OPEN

    @property
    def end_date(self) -> date:
        return add_months(self.start_date, self.duration_months)

    @property
    def purge_date(self) -> date:
        """The day the CoP's data is deleted: its retention period after the end date."""
        return add_months(self.end_date, self.retention_months)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Membership(models.Model):
    """A person's place in one CoP. Facilitators carry a focus: content or process."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    focus = models.CharField(_("focus"), max_length=10, choices=Focus.choices, blank=True)
    joined_at = models.DateTimeField(_("member since"), default=timezone.now)

    class Meta:
        ordering = ["community", "user__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role="facilitator") | models.Q(focus=""),
                name="membership_focus_only_for_facilitators",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.community} ({self.get_role_display()})"

    @property
    def role_label(self) -> str:
        """The role, with a facilitator's focus: "Facilitator, process". No brackets, so the label
        can itself stand in brackets after a name."""
        if self.role == Role.FACILITATOR and self.focus:
            return pgettext("role with focus", "%(role)s, %(focus)s") % {
                "role": self.get_role_display(),
                "focus": self.get_focus_display().lower(),
            }
        return self.get_role_display()


def token_digest(token: str) -> str:
    """Invitation links carry a random token; only its digest is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True).filter(
            expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use invitation to join a CoP with a given role, sent by e-mail."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    focus = models.CharField(_("focus"), max_length=10, choices=Focus.choices, blank=True)
    message = models.TextField(_("personal message"), max_length=1000, blank=True)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.community}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    """A request to join a closed CoP, decided by its facilitators or initiator."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    motivation = models.TextField(_("motivation"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default="pending"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("note to the applicant"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                condition=models.Q(status="pending"),
                name="application_one_pending_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.community} ({self.status})"


class StepMark(models.Model):
    """A facilitator's judgement of a step: done, or reopened. The latest mark counts; the
    earlier ones stay as the step's history. Without one, data and signals decide."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="step_marks")
    step = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(8)])
    done = models.BooleanField()
    note = models.TextField(_("note"), max_length=1000, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("step mark")
        verbose_name_plural = _("step marks")
        indexes = [models.Index(fields=["community", "step", "marked_at"], name="step_mark_latest")]

    def __str__(self) -> str:
        return f"{self.community} step {self.step}: {'done' if self.done else 'reopened'}"


class ImportStatus(models.TextChoices):
    READING = "reading", _("being read")
    READY = "ready", _("ready")
    FAILED = "failed", _("could not be read")


class ImportStaging(models.Model):
    """An import between upload and confirmation: the parsed rows, or the file while the
    background worker reads it. Its random id is all the session holds; only its owner can
    continue it, and it is deleted when the import ends, a newer one starts, or it expires.
    `kind` says which import it is (candidates, ties), so one person's imports of different
    things do not replace each other."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, default="composition.candidates")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    filename = models.CharField(max_length=200)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.READING
    )
    # Rows read so far, while the worker reads the file.
    progress = models.PositiveIntegerField(default=0)
    # The uploaded file, kept only until the worker has read it.
    upload = models.BinaryField(default=b"", blank=True)
    # headers, rows, numbers, encoding, mapping, mapped: see `importing.Table`.
    payload = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("import in progress")
        verbose_name_plural = _("imports in progress")

    def __str__(self) -> str:
        return self.filename


class PrivateExportConsent(models.Model):
    """A member's consent that their private items (a learning record's private entries) go
    with the CoP when it is exported `--with-private` to move it to another installation."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="private_export_consent"
    )
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("consent to export private items")
        verbose_name_plural = _("consents to export private items")

    def __str__(self) -> str:
        return str(self.membership)
