from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CustomWorkForm(models.Model):
    """A work form a CoP's facilitators added to their own library; only that CoP sees it."""

    # What the form says (edited on its page, taken over by a copy): not who made it or whether
    # it is shared.
    CONTENT_FIELDS = (
        "name",
        "purpose",
        "how_to",
        "min_minutes",
        "max_minutes",
        "stages",
        "min_group",
        "max_group",
        "tgi",
        "sides",
        "purposes",
        "steps",
        "source_url",
    )

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="work_forms"
    )
    name = models.CharField(_("name"), max_length=120)
    purpose = models.TextField(_("purpose"), max_length=600)
    how_to = models.TextField(
        _("how to"), max_length=5000, help_text=_("The steps and their timing. Markdown works.")
    )
    min_minutes = models.PositiveSmallIntegerField(
        _("shortest duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(1440)]
    )
    max_minutes = models.PositiveSmallIntegerField(
        _("longest duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(1440)]
    )
    stages = models.JSONField(_("group configuration"), default=list)
    min_group = models.PositiveSmallIntegerField(
        _("smallest group"), default=2, validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    max_group = models.PositiveSmallIntegerField(
        _("largest group"), default=30, validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    tgi = models.JSONField(_("TGI focus"), default=list, blank=True)
    sides = models.JSONField(_("sides it addresses"), default=list, blank=True)
    purposes = models.JSONField(_("purposes"), default=list, blank=True)
    steps = models.JSONField(_("steps it serves"), default=list, blank=True)
    source_url = models.URLField(_("source (link)"), max_length=500, blank=True)
    # The CoP's choice: the programmes it is a member of read this form in their library (its
    # text and the CoP's name, never who wrote it; gilde/programmes/library.py).
    shared_with_programmes = models.BooleanField(
        _("share with the programme's library"), default=False
    )
    # Where a copy came from ("CoP X, in the library of programme Y"): a name, never a person.
    copied_from = models.CharField(_("copied from"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("own work form")
        verbose_name_plural = _("own work forms")

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        return f"cop-{self.pk}"
