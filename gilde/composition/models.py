"""Step 2: who is in the group. Candidates on their way in, each member's profile in this CoP,
intakes, and the CoP's composition rules."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.accounts.models import KnowledgeType, Organisation, ProfileFields
from gilde.communities.models import Community, Membership


class CandidateStatus(models.TextChoices):
    """The pipeline in its order. Each name says what happened; only "invited" sends anything."""

    SUGGESTED = "suggested", _("Suggested")
    APPROACHED = "approached", _("Approached")  # asked in person; Gilde sent nothing
    INTAKE_PLANNED = "intake_planned", _("Intake planned")
    INTAKE_DONE = "intake_done", _("Intake done")
    INVITED = "invited", _("Invitation sent")  # moving here sends the CoP's invitation
    MEMBER = "member", _("Member")  # reached when the person joins the CoP
    DECLINED = "declined", _("Declined")
    WITHDREW = "withdrew", _("Withdrew")


_ON_THE_WAY = {"approached", "intake_planned", "intake_done", "invited", "member"}
_LEAVING = {"declined", "withdrew"}

# Where a facilitator may move a candidate from each status. Moving to "invited" sends the CoP's
# invitation (again, from "invited"); "member" follows by itself when the invitation is accepted,
# and may be set by hand only for someone who already joined another way. Declined and withdrew
# can be reopened as suggested.
TRANSITIONS = {
    CandidateStatus.SUGGESTED: _ON_THE_WAY | _LEAVING,
    CandidateStatus.APPROACHED: (_ON_THE_WAY - {"approached"}) | _LEAVING,
    CandidateStatus.INTAKE_PLANNED: {"intake_done", "invited", "member"} | _LEAVING,
    CandidateStatus.INTAKE_DONE: {"invited", "member"} | _LEAVING,
    CandidateStatus.INVITED: {"invited", "member"} | _LEAVING,
    CandidateStatus.MEMBER: set(),
    CandidateStatus.DECLINED: {"suggested"},
    CandidateStatus.WITHDREW: {"suggested"},
}

# What each candidate field becomes in the member's profile in this CoP when they join. The
# notes stay with the candidate: they are for the initiator and facilitators only, and the
# profile is the member's own.
CARRIED_INTO_PROFILE = (
    "organisation",
    "industry",
    "function",
    "discipline",
    "knowledge_type",
    "pioneer",
)


class PioneerFollower(models.TextChoices):
    PIONEER = "pioneer", _("Pioneer")
    FOLLOWER = "follower", _("Follower")


class Candidate(models.Model):
    """Someone the CoP might want: suggested, approached, in intake, invited, or decided. Once they
    join, `user` links the record to their account and the record keeps its notes."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    industry = models.CharField(_("industry"), max_length=150, blank=True)
    function = models.CharField(_("function"), max_length=150, blank=True)
    discipline = models.CharField(_("discipline"), max_length=150, blank=True)
    knowledge_type = models.CharField(
        _("knowledge background"), max_length=10, choices=KnowledgeType.choices, blank=True
    )
    pioneer = models.CharField(
        _("pioneer or follower"), max_length=10, choices=PioneerFollower.choices, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CandidateStatus.choices,
        default=CandidateStatus.SUGGESTED,
    )
    notes = models.TextField(_("notes"), max_length=3000, blank=True)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidacies",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "email"],
                condition=~models.Q(email=""),
                name="candidate_email_unique_per_cop",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def may_move_to(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]


class MemberProfile(ProfileFields):
    """A member's attributes in this CoP. Empty fields fall back to the account's profile."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="profile")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pioneer = models.CharField(
        _("pioneer or follower"),
        max_length=10,
        choices=PioneerFollower.choices,
        blank=True,
        help_text=_(
            "Pioneers feel a question is urgent before their surroundings do; followers join "
            "once a way has been shown. Both are needed."
        ),
    )

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self) -> str:
        return str(self.membership)


class TraitAssessment(models.TextChoices):
    CLEARLY = "clearly", _("Clearly")
    PARTLY = "partly", _("Partly")
    NOT_YET = "not_yet", _("Not yet")


# The five traits the toolbox looks for in a participant; Intake has a field and a note for each.
TRAITS = ("own_questions", "commitment", "uncertainty", "curiosity", "reflection")


class Intake(models.Model):
    """The intake of one member: their part (case, questions, motivation, availability) and the
    facilitator's assessment of the five traits. Only the member and the facilitators see it."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="intake")
    practice_case = models.TextField(_("practice case"), max_length=4000, blank=True)
    learning_questions = models.TextField(
        _("learning questions"),
        max_length=3000,
        blank=True,
        help_text=_("Your own “how” questions, one per line."),
    )
    motivation = models.TextField(_("motivation"), max_length=3000, blank=True)
    availability = models.TextField(
        _("availability for the rhythm"),
        max_length=1000,
        blank=True,
        help_text=_("Can you join a meeting every few weeks for the whole period?"),
    )
    trait_own_questions = models.CharField(
        _("Brings questions of their own"),
        max_length=10,
        choices=TraitAssessment.choices,
        blank=True,
    )
    trait_own_questions_note = models.CharField(_("note"), max_length=500, blank=True)
    trait_commitment = models.CharField(
        _("Shows commitment"), max_length=10, choices=TraitAssessment.choices, blank=True
    )
    trait_commitment_note = models.CharField(_("note"), max_length=500, blank=True)
    trait_uncertainty = models.CharField(
        _("Dares to step into an uncertain process"),
        max_length=10,
        choices=TraitAssessment.choices,
        blank=True,
    )
    trait_uncertainty_note = models.CharField(_("note"), max_length=500, blank=True)
    trait_curiosity = models.CharField(
        _("Is curious about others' solutions"),
        max_length=10,
        choices=TraitAssessment.choices,
        blank=True,
    )
    trait_curiosity_note = models.CharField(_("note"), max_length=500, blank=True)
    trait_reflection = models.CharField(
        _("Reflects on their own actions and those of others"),
        max_length=10,
        choices=TraitAssessment.choices,
        blank=True,
    )
    trait_reflection_note = models.CharField(_("note"), max_length=500, blank=True)
    done_at = models.DateTimeField(_("intake done on"), null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self) -> str:
        return str(self.membership)


class CompositionSettings(models.Model):
    """The CoP's own composition rules."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="composition_settings"
    )
    one_organisation_per_industry = models.BooleanField(
        _("at most one organisation per industry"),
        default=False,
        help_text=_("A guard against competition: the dashboard names industries that break it."),
    )

    class Meta:
        verbose_name = _("composition settings")
        verbose_name_plural = _("composition settings")

    def __str__(self) -> str:
        return str(self.community)


# Imports in progress live in communities now (shared with other steps' imports).
from gilde.communities.models import ImportStaging, ImportStatus  # noqa: E402, F401
