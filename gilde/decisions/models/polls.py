"""Polls and proposals: what the group is asked, its options, and the votes.

A vote is stored as a `Ballot` with one `BallotEntry` per option it scores, ranks or picks. In an
anonymous poll the ballot has no membership and only the day it was cast; whether someone voted
is a separate `Participation` record. Ballots, entries and participations get random ids (see
gilde.core.fields), so neither ids nor storage order pair a participation with a ballot.
"""

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gilde.communities.models import Community, Membership
from gilde.core.fields import RandomIdField

MAX_OPTIONS = 12
MAX_DATE_SLOTS = 8
REMIND_BEFORE = timedelta(hours=24)


class PollKind(models.TextChoices):
    CONSENT = "consent", _("Consent")
    CHOICE = "choice", _("Choice")
    SCORE = "score", _("Score")
    RANKED = "ranked", _("Ranked choice")
    DATE = "date", _("Date poll")
    CHECK = "check", _("Quick check")


class Voters(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants only")
    MEMBERS = "members", _("All members except observers")


class CheckStyle(models.TextChoices):
    SCALE = "scale", _("A scale from 1 to 5")
    THUMBS = "thumbs", _("Thumbs up, sideways or down")


class ConsentResponse(models.TextChoices):
    AGREE = "agree", _("Agree")
    ABSTAIN = "abstain", _("Abstain")
    OBJECT = "object", _("Object")
    BLOCK = "block", _("Block")


class DateAnswer(models.IntegerChoices):
    YES = 2, _("Yes")
    IF_NEED_BE = 1, _("If need be")
    NO = 0, _("No")


class Thumb(models.IntegerChoices):
    UP = 1, _("Thumbs up")
    SIDEWAYS = 0, _("Sideways")
    DOWN = -1, _("Thumbs down")


class Poll(models.Model):
    """A proposal or question put to the group, open until `closes_at` (or closed early)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="polls")
    author = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PollKind.choices)
    title = models.CharField(_("title"), max_length=200)
    context = models.TextField(
        _("context"),
        max_length=5000,
        blank=True,
        help_text=_("What the group needs to know to decide. Markdown: *emphasis*, lists, links."),
    )
    # A meeting or agenda item of the CoP's calendar (communities.calendar); ids, not keys:
    # the calendar belongs to another app.
    meeting_id = models.PositiveBigIntegerField(_("meeting"), null=True, blank=True)
    agenda_item_id = models.PositiveBigIntegerField(_("agenda item"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"))
    hide_results = models.BooleanField(_("results hidden until closing"), default=False)
    anonymous = models.BooleanField(_("anonymous votes"), default=False)
    quorum = models.PositiveSmallIntegerField(
        _("quorum (per cent)"), default=0, validators=[MaxValueValidator(100)]
    )
    voters = models.CharField(
        _("who may vote"), max_length=12, choices=Voters.choices, default=Voters.MEMBERS
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most options one person may choose"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_OPTIONS)],
    )
    allow_other = models.BooleanField(_("people may add “other”"), default=False)
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    check_style = models.CharField(
        _("answers"), max_length=6, choices=CheckStyle.choices, default=CheckStyle.SCALE
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("length of the meeting (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(15), MaxValueValidator(720)],
    )
    # A consent poll on a change of the working agreements: the text proposed, and the revision
    # of the agreements it started from.
    proposed_agreements = models.TextField(_("proposed working agreements"), blank=True)
    agreements_revision = models.PositiveIntegerField(null=True, blank=True)
    # A poll whose outcome revises an earlier decision.
    revises = models.ForeignKey(
        "decisions.Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_early = models.BooleanField(default=False)
    # Fixed at closing, so the quorum and the results stay what they were.
    eligible_count = models.PositiveIntegerField(null=True, blank=True)
    # The meeting a date poll's chosen slot became.
    meeting_created_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        indexes = [
            models.Index(fields=["community", "-created_at"], name="poll_community_created"),
            models.Index(fields=["closed_at", "closes_at"], name="poll_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(quorum__lte=100), name="poll_quorum_range"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        """Votes are taken until the closing moment, or until someone closed it early."""
        return self.closed_at is None and (now or timezone.now()) < self.closes_at

    def has_closed(self, now=None) -> bool:
        return not self.is_open(now)

    @property
    def has_options(self) -> bool:
        return self.kind in (PollKind.CHOICE, PollKind.SCORE, PollKind.RANKED, PollKind.DATE)

    @property
    def votes_changeable(self) -> bool:
        """Named votes may change until closing; anonymous ones cannot (nothing links them)."""
        return not self.anonymous


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("option"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"), null=True, blank=True)  # date polls

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.label


class Ballot(models.Model):
    """One person's vote. Anonymous: no membership, only the day."""

    id = RandomIdField()
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_on = models.DateField(default=timezone.localdate)  # a day, not a time: no linking
    response = models.CharField(max_length=8, choices=ConsentResponse.choices, blank=True)
    reason = models.TextField(max_length=2000, blank=True)
    other_text = models.CharField(max_length=200, blank=True)
    value = models.SmallIntegerField(null=True, blank=True)  # quick check

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["poll", "membership"], name="ballot_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.poll} ({self.created_on})"


class BallotEntry(models.Model):
    """What a ballot gives one option: 1 (chosen), a score, a rank (1 = first) or a date
    answer (2 yes, 1 if need be, 0 no)."""

    id = RandomIdField()
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="entries")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField()

    class Meta:
        verbose_name = _("vote entry")
        verbose_name_plural = _("vote entries")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "option"], name="ballot_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.option}: {self.value}"


class Participation(models.Model):
    """That a member voted in a poll, kept apart from the vote itself (see the module doc)."""

    id = RandomIdField()
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="participations")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["poll", "membership"], name="participation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.poll}: {self.membership}"
