"""The system analysis (TIS): moments, respondents (members and invited experts), scores and
barriers."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Membership

# The system analysis (TIS): Hekkert's seven functions scored 1–5 at moments in time


class TisFunction(models.TextChoices):
    ENTREPRENEURIAL = "entrepreneurial", _("Entrepreneurial activity")
    KNOWLEDGE_DEVELOPMENT = "knowledge_development", _("Knowledge development")
    KNOWLEDGE_DIFFUSION = "knowledge_diffusion", _("Knowledge diffusion")
    GUIDANCE = "guidance", _("Guidance of the search")
    MARKET_FORMATION = "market_formation", _("Market formation")
    RESOURCES = "resources", _("Resource mobilisation")
    LEGITIMACY = "legitimacy", _("Creation of legitimacy")


class StructuralComponent(models.TextChoices):
    ACTORS = "actors", _("Actors")
    INSTITUTIONS = "institutions", _("Institutions (rules, norms)")
    INTERACTIONS = "interactions", _("Interactions and networks")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")


class MomentKind(models.TextChoices):
    START = "start", _("At the start")
    MIDWAY = "midway", _("Midway")
    END = "end", _("At the end")
    OTHER = "other", _("Another moment")


class TisMoment(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="tis_moments")
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("moment"), max_length=10, choices=MomentKind.choices)
    held_on = models.DateField(_("date"))
    closes_at = models.DateTimeField(_("answers close at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("system analysis moment")
        verbose_name_plural = _("system analysis moments")

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.closes_at


class TisInvitation(models.Model):
    """An outside expert's link to one moment's form; only the token's digest is stored."""

    moment = models.ForeignKey(TisMoment, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("expert invitation")
        verbose_name_plural = _("expert invitations")

    def __str__(self) -> str:
        return f"{self.name} → {self.moment}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and now < self.expires_at and self.moment.is_open(now)


class RespondentRole(models.TextChoices):
    INITIATOR = "initiator", _("Initiator")
    FACILITATOR = "facilitator", _("Facilitator")
    PARTICIPANT = "participant", _("Participant")
    EXPERT = "expert", _("Outside expert")


class TisAnswer(models.Model):
    """One respondent's scores at one moment: a member's, or an invited expert's."""

    moment = models.ForeignKey(TisMoment, on_delete=models.CASCADE, related_name="answers")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invitation = models.OneToOneField(
        TisInvitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="answer"
    )
    role = models.CharField(max_length=12, choices=RespondentRole.choices)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("system analysis answer")
        verbose_name_plural = _("system analysis answers")
        constraints = [
            models.UniqueConstraint(
                fields=["moment", "membership"],
                condition=models.Q(membership__isnull=False),
                name="tis_response_once_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.moment}: {self.role}"


class TisScore(models.Model):
    answer = models.ForeignKey(TisAnswer, on_delete=models.CASCADE, related_name="scores")
    function = models.CharField(max_length=24, choices=TisFunction.choices)
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rationale = models.TextField(max_length=2000, blank=True)

    class Meta:
        verbose_name = _("function score")
        verbose_name_plural = _("function scores")
        constraints = [
            models.UniqueConstraint(fields=["answer", "function"], name="tis_score_unique"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="tis_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.function}: {self.score}"


class TisBarrier(models.Model):
    """A barrier a respondent names behind a weak function, perhaps linked to an intervention
    kept by another app (see `communities.interventions`)."""

    moment = models.ForeignKey(TisMoment, on_delete=models.CASCADE, related_name="barriers")
    answer = models.ForeignKey(
        TisAnswer, on_delete=models.CASCADE, null=True, blank=True, related_name="barriers"
    )
    function = models.CharField(_("function"), max_length=24, choices=TisFunction.choices)
    component = models.CharField(
        _("where it sits"), max_length=16, choices=StructuralComponent.choices, blank=True
    )
    description = models.TextField(_("barrier"), max_length=1000)
    intervention_ref = models.CharField(_("intervention"), max_length=80, blank=True)
    intervention_note = models.CharField(
        _("what the CoP does about it"), max_length=300, blank=True
    )

    class Meta:
        ordering = ["function", "id"]
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")

    def __str__(self) -> str:
        return self.description[:60]
