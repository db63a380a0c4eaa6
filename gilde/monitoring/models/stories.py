"""Value-creation stories, one part per cycle, with a sharing tier."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Membership

# Value-creation stories (Wenger, Trayner & De Laat 2011; Wenger-Trayner 2020)


class ValueCycle(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate value")
    POTENTIAL = "potential", _("Potential value")
    APPLIED = "applied", _("Applied value")
    REALISED = "realised", _("Realised value")
    REFRAMING = "reframing", _("Reframing value")
    ENABLING = "enabling", _("Enabling value")
    STRATEGIC = "strategic", _("Strategic value")
    ORIENTING = "orienting", _("Orienting value")


# The five cycles a story follows in order; the other three are added where useful.
MAIN_CYCLES = [
    ValueCycle.IMMEDIATE,
    ValueCycle.POTENTIAL,
    ValueCycle.APPLIED,
    ValueCycle.REALISED,
    ValueCycle.REFRAMING,
]
EXTRA_CYCLES = [ValueCycle.ENABLING, ValueCycle.STRATEGIC, ValueCycle.ORIENTING]
APPLIED_OR_BEYOND = {ValueCycle.APPLIED, ValueCycle.REALISED, ValueCycle.REFRAMING}


class PotentialKind(models.TextChoices):
    HUMAN = "human", _("Skills and insight")
    SOCIAL = "social", _("Relations and trust")
    TANGIBLE = "tangible", _("Tools and documents")
    REPUTATIONAL = "reputational", _("Reputation")
    LEARNING = "learning", _("A changed way of learning")


class SharingTier(models.TextChoices):
    PRIVATE = "private", _("Only me")
    FACILITATORS = "facilitators", _("Me and the facilitators")
    GROUP = "group", _("The whole CoP")
    PUBLIC = "public", _("Public")


class ValueStory(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="value_stories")
    # A story stays with the group when its author leaves; it then has no author.
    author = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=150)
    told_on = models.DateField(_("date"), default=timezone.localdate)
    tier = models.CharField(
        _("who may read it"),
        max_length=12,
        choices=SharingTier.choices,
        default=SharingTier.FACILITATORS,
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-told_on", "-id"]
        verbose_name = _("value-creation story")
        verbose_name_plural = _("value-creation stories")

    def __str__(self) -> str:
        return self.title


class ValueStoryPart(models.Model):
    """What the story says for one cycle, with an indicator or evidence."""

    story = models.ForeignKey(ValueStory, on_delete=models.CASCADE, related_name="parts")
    cycle = models.CharField(max_length=12, choices=ValueCycle.choices)
    text = models.TextField(max_length=3000)
    evidence = models.CharField(max_length=500, blank=True)
    potential_kind = models.CharField(max_length=12, choices=PotentialKind.choices, blank=True)

    class Meta:
        verbose_name = _("story part")
        verbose_name_plural = _("story parts")
        constraints = [
            models.UniqueConstraint(fields=["story", "cycle"], name="value_story_part_unique")
        ]

    def __str__(self) -> str:
        return f"{self.story_id}: {self.cycle}"
