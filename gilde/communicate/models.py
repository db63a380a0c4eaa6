"""Step 8, communicate: what the CoP yields (the results register), how it tells whom (the
communication plan), the reports per audience and the public results page."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.accounts.models import Organisation
from gilde.communities.models import Community, Membership
from gilde.core.document_jobs import DocumentJob, JobStatus

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class Level(models.TextChoices):
    """Step 1's yield levels (the same values as the question's intended yields)."""

    PARTICIPANT = "participant", _("Participants")
    ORGANISATION = "organisation", _("Their organisations")
    FIELD = "field", _("The field or system")
    INITIATOR = "initiator", _("The initiator")


class ResultKind(models.TextChoices):
    PUBLICATION = "publication", _("Publication")
    METHOD = "method", _("Method")
    TOOL = "tool", _("Tool")
    PROCEDURE = "procedure", _("Changed procedure")
    COLLABORATION = "collaboration", _("New collaboration")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    GROUP = "group", _("The CoP's members")
    PUBLIC = "public", _("Public")


def attachment_path(instance, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"results/{instance.community_id}/{secrets.token_hex(16)}{suffix}"


class Result(models.Model):
    """A product or result of the CoP: a publication, a method, a tool, a changed procedure, a
    new collaboration."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="results")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=14, choices=ResultKind.choices)
    description = models.TextField(_("description"), max_length=4000)
    level = models.CharField(_("yield level"), max_length=14, choices=Level.choices)
    achieved_on = models.DateField(_("achieved on"), default=timezone.localdate)
    people = models.ManyToManyField(
        Membership, verbose_name=_("people involved"), blank=True, related_name="+"
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations involved"), blank=True, related_name="+"
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    attachment = models.FileField(upload_to=attachment_path, max_length=200, blank=True)
    attachment_name = models.CharField(max_length=120, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)
    visibility = models.CharField(
        _("who sees it"), max_length=8, choices=Visibility.choices, default=Visibility.GROUP
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-achieved_on", "-id"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        indexes = [models.Index(fields=["community", "level"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class Audience(models.TextChoices):
    ORGANISATIONS = "organisations", _("Participants' organisations")
    FUNDER = "funder", _("Initiator or funder")
    FIELD = "field", _("The field")
    PARTICIPANTS = "participants", _("The participants themselves")
    OTHERS = "others", _("Others")


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")


class PlanItem(models.Model):
    """One line of the communication plan: what to tell an audience, how, when and by whom."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="plan_items")
    audience = models.CharField(_("audience"), max_length=14, choices=Audience.choices)
    audience_note = models.CharField(
        _("who exactly"), max_length=200, blank=True, help_text=_("E.g. the managers, a network.")
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    channel = models.CharField(_("channel"), max_length=200, blank=True)
    moment = models.DateField(_("moment"), null=True, blank=True)
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("who does it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.PLANNED
    )
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["moment", "id"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self) -> str:
        return f"{self.get_audience_display()}: {self.channel}"

    @property
    def is_due(self) -> bool:
        return (
            self.status == PlanStatus.PLANNED
            and self.moment is not None
            and self.moment <= timezone.localdate()
        )


class ReportAudience(models.TextChoices):
    ORGANISATION = "organisation", _("A participating organisation")
    FUNDER = "funder", _("The initiator or funder")
    FIELD = "field", _("The field")


ReportStatus = JobStatus  # the report's states are every document job's


class Report(DocumentJob):
    """A report for one audience (and organisation), with its settings and its latest files.

    The worker makes its files (gilde.core.document_jobs); `built_revision` is the CoP's revision
    they were made from. The rows are written with `update()` and `bulk_create()` only: making a
    report must not raise the CoP's revision (gilde.communities.revision).
    """

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="reports")
    audience = models.CharField(max_length=14, choices=ReportAudience.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    introduction = models.TextField(_("introduction"), max_length=4000, blank=True)
    shared_at = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "audience", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="report_one_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["community", "audience"],
                condition=models.Q(organisation__isnull=True),
                name="report_one_per_audience",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_audience_display()}"

    def is_current(self, community: Community) -> bool:
        return self.is_current_at(community.revision)


class PublicPage(models.Model):
    """The opt-in public results page of a CoP."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="public_results"
    )
    enabled = models.BooleanField(_("show the public results page"), default=False)
    summary = models.TextField(
        _("a word for visitors"),
        max_length=2000,
        blank=True,
        help_text=_("A few sentences above the results: what the CoP is about, for outsiders."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations that agreed to be named"),
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("public results page")
        verbose_name_plural = _("public results pages")

    def __str__(self) -> str:
        return str(self.community)
