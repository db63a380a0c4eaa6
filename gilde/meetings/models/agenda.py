"""A meeting's agenda: items built from work forms, members' proposals and the CoP's templates."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Membership
from gilde.guide import labels as guide_labels

from .meetings import Meeting

# An agenda item's configuration and TGI focus use the work-form library's vocabulary.
STAGE_CHOICES = list(guide_labels.STAGES.items())
TGI_CHOICES = list(guide_labels.TGI.items())


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
