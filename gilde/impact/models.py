"""Step 3, lasting impact (doorwerking): what each participant agreed with the sponsor in their
organisation, and what each organisation commits to the CoP."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.accounts.models import Organisation
from gilde.communities.models import Community, Membership

MAX_HOURS_PER_MEETING = 40


class ImpactAgreement(models.Model):
    """One participant's agreements with their sponsor: who it is, whether and when the sponsor
    was informed, the contribution (time and fee), and how the insights reach the organisation."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="impact")
    sponsor_name = models.CharField(
        _("sponsor"),
        max_length=150,
        help_text=_("Your manager or another person in your organisation who backs your part."),
    )
    sponsor_role = models.CharField(_("sponsor's role"), max_length=150)
    sponsor_email = models.EmailField(_("sponsor's e-mail address"), blank=True)
    sponsor_informed = models.BooleanField(
        _("the sponsor is informed about the CoP"), default=False
    )
    informed_on = models.DateField(
        _("informed on"),
        null=True,
        blank=True,
        help_text=_("Only when the sponsor is informed."),
    )
    hours_per_meeting = models.DecimalField(
        _("hours per meeting"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_HOURS_PER_MEETING)],
        help_text=_("The time the organisation gives for each meeting, preparation included."),
    )
    fee = models.DecimalField(
        _("fee (euros)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty when there is no fee."),
    )
    contribution_agreed = models.BooleanField(
        _("the contribution is agreed with the organisation"), default=False
    )
    planned_actions = models.TextField(
        _("planned actions"),
        max_length=3000,
        blank=True,
        help_text=_("How you will carry the CoP's insights into your organisation."),
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("impact agreement")
        verbose_name_plural = _("impact agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    hours_per_meeting__gte=0, hours_per_meeting__lte=MAX_HOURS_PER_MEETING
                ),
                name="impact_hours_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(fee__isnull=True) | models.Q(fee__gte=0),
                name="impact_fee_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(sponsor_informed=True) | models.Q(informed_on__isnull=True),
                name="impact_informed_on_only_when_informed",
            ),
        ]

    def __str__(self) -> str:
        return str(self.membership)


class OrganisationCommitment(models.Model):
    """What one organisation commits to the CoP: its promise, a budget line, a contact."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="organisation_commitments"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="cop_commitments",
    )
    commitment = models.TextField(
        _("commitment"),
        max_length=3000,
        help_text=_("What the organisation promises: time, money, room to experiment, a stage."),
    )
    budget_reference = models.CharField(_("budget line or reference"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("organisation commitment")
        verbose_name_plural = _("organisation commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "organisation"], name="commitment_unique_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.community}"
