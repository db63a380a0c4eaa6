"""Step 1: the CoP's question sheet and its history, urgency signals, intended yields, and the
environment analysis (stakeholder grid, problem tree, socio-technical layers)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community
from gilde.core.versioning import DocumentVersion, VersionedDocument

# The sheet's text fields, in the order they are shown and compared. List fields hold one item
# per line.
SHEET_FIELDS = (
    "core_question",
    "domain",
    "scope_in",
    "scope_out",
    "research_questions",
    "solved_picture",
    "binding",
)
LIST_FIELDS = ("scope_in", "scope_out", "research_questions")


class SheetText(models.Model):
    """The fields a question sheet and each of its versions share."""

    core_question = models.TextField(
        _("core question"),
        max_length=500,
        blank=True,
        help_text=_("One “how” question from practice, e.g. “How do we …?”"),
    )
    domain = models.TextField(
        _("domain"),
        max_length=2000,
        blank=True,
        help_text=_("What the CoP is about, in one paragraph."),
    )
    scope_in = models.TextField(
        _("in scope"), max_length=3000, blank=True, help_text=_("One item per line.")
    )
    scope_out = models.TextField(
        _("out of scope"), max_length=3000, blank=True, help_text=_("One item per line.")
    )
    research_questions = models.TextField(
        _("research questions"),
        max_length=3000,
        blank=True,
        help_text=_("One question per line, the most important first."),
    )
    solved_picture = models.TextField(
        _("what we see when it is solved"), max_length=2000, blank=True
    )
    binding = models.TextField(
        _("what binds the participants"),
        max_length=2000,
        blank=True,
        help_text=_("The functions, roles or activities the intended participants share."),
    )

    class Meta:
        abstract = True

    def items(self, field: str) -> list[str]:
        return [line.strip() for line in getattr(self, field).splitlines() if line.strip()]


class QuestionSheet(SheetText, VersionedDocument):
    """The current question of a CoP. `revision` guards against lost updates."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="question_sheet"
    )
    group_may_edit = models.BooleanField(
        _("participants may edit the question too"),
        default=False,
        help_text=_("Without this, the initiator and the facilitators edit; participants comment."),
    )

    class Meta:
        verbose_name = _("question sheet")
        verbose_name_plural = _("question sheets")

    def __str__(self) -> str:
        return self.core_question or str(self.community)


class QuestionVersion(SheetText, DocumentVersion):
    """A saved state of the question sheet; together they are the question's history."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="question_versions"
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="question_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.community} v{self.number}"


class VersionComment(models.Model):
    """A member's comment on one version of the question."""

    version = models.ForeignKey(QuestionVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]


class CommentRequest(models.Model):
    """That a runner asked a member to comment on the question; answered once that member
    comments on any version of it afterwards. The member sees it on their home until then, and
    the asker hears of the reply."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="comment_requests"
    )
    version = models.ForeignKey(
        QuestionVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    membership = models.ForeignKey(
        "communities.Membership", on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("request for comments")
        verbose_name_plural = _("requests for comments")
        indexes = [
            models.Index(fields=["membership", "answered_at"], name="comment_request_open"),
        ]

    def __str__(self) -> str:
        return f"{self.community}: {self.membership_id} ({self.created_at:%Y-%m-%d})"


class SignalKind(models.TextChoices):
    TREND_REPORT = "trend_report", _("Trend report")
    RESEARCH = "research", _("Research")
    POLICY = "policy", _("Policy")
    NEWS = "news", _("News")
    PRACTICE = "practice", _("Observation from practice")
    NETWORK = "network", _("Signal from the network")


class UrgencySignal(models.Model):
    """Evidence that the question matters now."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="urgency_signals"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SignalKind.choices)
    source_url = models.URLField(_("link"), max_length=500, blank=True)
    source_reference = models.CharField(
        _("reference"),
        max_length=300,
        blank=True,
        help_text=_("A report, article or conversation, when there is no link."),
    )
    date = models.DateField(_("date"))
    note = models.TextField(_("why it matters"), max_length=2000, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("urgency signal")
        verbose_name_plural = _("urgency signals")

    def __str__(self) -> str:
        return self.title


class YieldLevel(models.TextChoices):
    PARTICIPANT = "participant", _("Participants")
    ORGANISATION = "organisation", _("Their organisations")
    FIELD = "field", _("The field or system")
    INITIATOR = "initiator", _("The initiator")


class IntendedYield(models.Model):
    """One thing the CoP must deliver, for one level; monitoring and reports measure against it."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="intended_yields"
    )
    level = models.CharField(_("for whom"), max_length=20, choices=YieldLevel.choices)
    text = models.CharField(_("yield"), max_length=500)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["level", "position", "id"]
        verbose_name = _("intended yield")
        verbose_name_plural = _("intended yields")

    def __str__(self) -> str:
        return self.text


class Attitude(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    NEUTRAL = "neutral", _("Neutral")
    CRITICAL = "critical", _("Critical")
    UNKNOWN = "unknown", _("Unknown")


def _score_field(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Stakeholder(models.Model):
    """A party around the question, placed on the power/interest grid."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind"),
        max_length=100,
        blank=True,
        help_text=_("E.g. government, business, civil society, knowledge, users."),
    )
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    power = _score_field(_("power (1–5)"))
    interest = _score_field(_("interest (1–5)"))
    attitude = models.CharField(
        _("attitude"), max_length=12, choices=Attitude.choices, default=Attitude.UNKNOWN
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-power", "-interest", "name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(power__gte=1, power__lte=5, interest__gte=1, interest__lte=5),
                name="stakeholder_scores_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Barrier(models.TextChoices):
    """Kinds of reasons why a party does not take up an alternative."""

    KNOWLEDGE = "knowledge", _("Knowledge")
    INTERESTS = "interests", _("Interests")
    NORMS = "norms", _("Norms and values")
    RULES = "rules", _("Rules and laws")
    RESOURCES = "resources", _("Money, time and means")


class PartyAnalysis(models.Model):
    """The socio-technical problem analysis for one party of the stakeholder grid: its current
    technical and social practices that keep the problem going, the alternatives, and why the
    party does not (yet) take those up."""

    stakeholder = models.OneToOneField(
        Stakeholder, on_delete=models.CASCADE, related_name="analysis"
    )
    practices = models.TextField(
        _("current practices"),
        max_length=3000,
        blank=True,
        help_text=_(
            "What the party does now, technically and socially, that keeps the problem going."
        ),
    )
    alternatives = models.TextField(
        _("alternatives"),
        max_length=3000,
        blank=True,
        help_text=_("Other ways of working that would help."),
    )
    barriers = models.TextField(
        _("why they are not taken up"),
        max_length=3000,
        blank=True,
        help_text=_("What holds the party back from the alternatives."),
    )
    barrier_kinds = models.JSONField(_("kinds of barrier"), default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("socio-technical analysis of a party")
        verbose_name_plural = _("socio-technical analyses of parties")

    def __str__(self) -> str:
        return str(self.stakeholder)

    @property
    def is_complete(self) -> bool:
        """Practices, alternatives and barriers are all written down."""
        return bool(self.practices.strip() and self.alternatives.strip() and self.barriers.strip())


class NodeKind(models.TextChoices):
    CAUSE = "cause", _("Cause")
    EFFECT = "effect", _("Effect")


class ProblemTree(models.Model):
    """The central problem of a CoP's problem tree."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="problem_tree"
    )
    central_problem = models.CharField(_("central problem"), max_length=300)

    class Meta:
        verbose_name = _("problem tree")
        verbose_name_plural = _("problem trees")

    def __str__(self) -> str:
        return self.central_problem


class ProblemNode(models.Model):
    """A cause or effect of the central problem, or (one level down) of another cause or effect."""

    tree = models.ForeignKey(ProblemTree, on_delete=models.CASCADE, related_name="nodes")
    kind = models.CharField(_("kind"), max_length=10, choices=NodeKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("under"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    text = models.CharField(_("text"), max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("cause or effect")
        verbose_name_plural = _("causes and effects")

    def __str__(self) -> str:
        return self.text


class LayerNotes(models.Model):
    """Optional socio-technical layers: niche experiments, the regime, landscape pressures."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="layer_notes"
    )
    niche = models.TextField(
        _("niche"),
        max_length=3000,
        blank=True,
        help_text=_("Protected experiments and new practices that point the way."),
    )
    regime = models.TextField(
        _("regime"),
        max_length=3000,
        blank=True,
        help_text=_(
            "The dominant rules, habits, markets and policies that hold the problem in place."
        ),
    )
    landscape = models.TextField(
        _("landscape"),
        max_length=3000,
        blank=True,
        help_text=_("Broad trends and shocks that press on the regime."),
    )
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("socio-technical layers")
        verbose_name_plural = _("socio-technical layers")

    def __str__(self) -> str:
        return str(self.community)
