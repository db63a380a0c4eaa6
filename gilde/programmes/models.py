"""Programmes: a programme office's group of CoPs, its managers, and the figures it sees.

A programme sees its CoPs through stored figures only (`CopFigures`): aggregates the worker
computes from each CoP's data (gilde.communities.programme_figures) and keeps per CoP and month.
Its managers are not members of the CoPs and read nothing inside them.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import SLUG_PATTERN, Community
from gilde.core.document_jobs import DocumentJob


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("web address"),
        max_length=60,
        unique=True,
        validators=[
            RegexValidator(
                SLUG_PATTERN,
                _("Use lower-case letters, digits and single hyphens, e.g. circular-north."),
            )
        ],
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    owner_organisation = models.CharField(_("owner organisation"), max_length=150)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:overview", kwargs={"programme": self.slug})


class ProgrammeManager(models.Model):
    """A programme manager: a role on the programme, not on any of its CoPs."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="managers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_roles"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["programme", "user__name"]
        verbose_name = _("programme manager")
        verbose_name_plural = _("programme managers")
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="programme_manager_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.programme}"


class LinkStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    MEMBER = "member", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


class ProgrammeCop(models.Model):
    """A CoP's place in a programme: invited by a manager, accepted (or declined) by the CoP's
    initiator, who may leave again. Who did what is in the CoP's audit log."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="links")
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="programme_links"
    )
    status = models.CharField(max_length=10, choices=LinkStatus.choices, default=LinkStatus.INVITED)
    # The programme's own labels for the CoP, for its filters.
    theme = models.CharField(_("theme"), max_length=80, blank=True)
    region = models.CharField(_("region"), max_length=80, blank=True)
    # The CoP's choice: whether the programme reads its latest monitoring reflection.
    share_reflection = models.BooleanField(
        _("share the latest monitoring reflection with the programme"), default=False
    )
    invited_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "community__name"]
        verbose_name = _("CoP in a programme")
        verbose_name_plural = _("CoPs in programmes")
        constraints = [
            models.UniqueConstraint(fields=["programme", "community"], name="programme_cop_unique")
        ]

    def __str__(self) -> str:
        return f"{self.community} · {self.programme} ({self.status})"

    @property
    def is_member(self) -> bool:
        return self.status == LinkStatus.MEMBER


class CopFigures(models.Model):
    """A CoP's figures for one month ("2026-03"), as the worker computed them at the CoP's
    `revision`; `latest` marks the row the overview reads."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="programme_figures"
    )
    period = models.CharField(max_length=7)
    revision = models.PositiveBigIntegerField(default=0)
    figures = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)
    latest = models.BooleanField(default=True)

    class Meta:
        ordering = ["community", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["community", "period"], name="cop_figures_unique")
        ]
        indexes = [models.Index(fields=["latest", "community"], name="cop_figures_latest")]

    def __str__(self) -> str:
        return f"{self.community} {self.period}"


class ProgrammeReport(DocumentJob):
    """The programme's report (PDF, Word, Markdown), made by the worker from the stored figures
    (gilde/programmes/report.py); `built_revision` is the fingerprint of the figures and member
    CoPs it was made from, so a change in any of them makes it not current."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="report")
    introduction = models.TextField(_("introduction"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("programme report")
        verbose_name_plural = _("programme reports")

    def __str__(self) -> str:
        return str(self.programme)
