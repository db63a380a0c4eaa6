"""Writes for polls: starting one, voting, closing (exactly once), the outcome in the log, and a
date poll's chosen slot becoming a meeting."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gilde.communities.calendar import (
    MeetingNotCreated,
    MeetingRef,
    NoMeetingProvider,
    meeting_create,
)
from gilde.communities.models import Community, Membership
from gilde.communities.revision import community_touch
from gilde.core.audit import audit_log

from .. import mailing
from ..models import (
    Ballot,
    BallotEntry,
    CheckStyle,
    ConsentResponse,
    DateAnswer,
    Decision,
    Participation,
    Poll,
    PollKind,
    PollOption,
    TakenBy,
)
from ..selectors.polls import CHECK_SCALE, CHECK_THUMBS, VOTER_ROLES, eligible_memberships
from .errors import DecisionError


@transaction.atomic
def poll_create(
    *,
    community: Community,
    author: Membership,
    kind: str,
    title: str,
    closes_at: datetime,
    context: str = "",
    options: list[str] | None = None,
    slots: list[datetime] | None = None,
    meeting_id: int | None = None,
    agenda_item_id: int | None = None,
    hide_results: bool = False,
    anonymous: bool = False,
    quorum: int = 0,
    voters: str = "members",
    max_choices: int = 1,
    allow_other: bool = False,
    scale_max: int = 5,
    check_style: str = CheckStyle.SCALE,
    duration_minutes: int | None = None,
    proposed_agreements: str = "",
    agreements_revision: int | None = None,
    revises: Decision | None = None,
    notify: bool = True,
    now: datetime | None = None,
) -> Poll:
    """Start a poll and invite those who may vote by e-mail (unless `notify` is False: the
    demo). The form checked the input; what
    would break a rule (a closing moment in the past) raises DecisionError here too. An
    anonymous poll always hides its results until it closes."""
    now = now or timezone.now()
    if closes_at <= now:
        raise DecisionError("closing_past")
    poll = Poll.objects.create(
        community=community,
        author=author,
        kind=kind,
        title=title,
        context=context,
        closes_at=closes_at,
        meeting_id=meeting_id,
        agenda_item_id=agenda_item_id,
        hide_results=hide_results or anonymous,
        anonymous=anonymous,
        quorum=quorum,
        voters=voters,
        max_choices=max_choices if kind == PollKind.CHOICE else 1,
        allow_other=allow_other and kind == PollKind.CHOICE,
        scale_max=scale_max if kind == PollKind.SCORE else 5,
        check_style=check_style if kind == PollKind.CHECK else CheckStyle.SCALE,
        duration_minutes=duration_minutes if kind == PollKind.DATE else None,
        proposed_agreements=proposed_agreements,
        agreements_revision=agreements_revision,
        revises=revises,
        created_at=now,
    )
    if kind == PollKind.DATE:
        local = [timezone.localtime(slot) for slot in sorted(slots or [])]
        PollOption.objects.bulk_create(
            PollOption(
                poll=poll,
                position=index,
                label=f"{slot:%Y-%m-%d %H:%M}",
                starts_at=slot,
            )
            for index, slot in enumerate(local)
        )
    elif kind in (PollKind.CHOICE, PollKind.SCORE, PollKind.RANKED):
        PollOption.objects.bulk_create(
            PollOption(poll=poll, position=index, label=label)
            for index, label in enumerate(options or [])
        )
    audit_log(
        community=community,
        actor=author.user,
        action="poll.created",
        title=title,
        kind=kind,
    )
    if notify:
        mailing.mail_poll_new(poll)
    return poll


# Voting


def _invalid(message) -> DecisionError:
    return DecisionError("invalid", str(message))


def _check_vote(poll: Poll, options: dict[int, PollOption], vote: dict) -> dict:
    """The vote as the ballot stores it, or DecisionError with a message for the voter. The form
    checks the same; this keeps a forged post (an option of another poll, a score out of range)
    out of the database."""
    entries: dict = vote.get("entries") or {}
    if any(key not in options for key in entries):
        raise _invalid(_("Choose from this poll's options."))
    stored = {"response": "", "reason": "", "other_text": "", "value": None, "entries": {}}
    if poll.kind == PollKind.CONSENT:
        response = vote.get("response", "")
        if response not in ConsentResponse.values:
            raise _invalid(_("Choose agree, abstain, object or block."))
        reason = (vote.get("reason") or "").strip()
        if response in (ConsentResponse.OBJECT, ConsentResponse.BLOCK) and not reason:
            raise _invalid(_("An objection or a block needs a reason: say what worries you."))
        stored.update(response=response, reason=reason)
    elif poll.kind == PollKind.CHOICE:
        chosen = [key for key, value in entries.items() if value]
        other = (vote.get("other_text") or "").strip() if poll.allow_other else ""
        if len(chosen) + (1 if other else 0) > poll.max_choices:
            raise _invalid(
                ngettext(
                    "Choose at most %(max)s option.",
                    "Choose at most %(max)s options.",
                    poll.max_choices,
                )
                % {"max": poll.max_choices}
            )
        if not chosen and not other:
            raise _invalid(_("Choose an option."))
        stored.update(other_text=other, entries=dict.fromkeys(chosen, 1))
    elif poll.kind == PollKind.SCORE:
        if set(entries) != set(options):
            raise _invalid(_("Give every option a score."))
        if any(not 1 <= value <= poll.scale_max for value in entries.values()):
            raise _invalid(_("Scores run from 1 to %(max)s.") % {"max": poll.scale_max})
        stored["entries"] = dict(entries)
    elif poll.kind == PollKind.RANKED:
        ranks = sorted(entries.values())
        if not ranks:
            raise _invalid(_("Rank at least your first choice."))
        if ranks != list(range(1, len(ranks) + 1)):
            raise _invalid(_("Give each rank once: 1 for your first choice, 2 for the next, …"))
        stored["entries"] = dict(entries)
    elif poll.kind == PollKind.DATE:
        if set(entries) != set(options):
            raise _invalid(_("Answer for every date."))
        if any(value not in DateAnswer.values for value in entries.values()):
            raise _invalid(_("Answer yes, if need be, or no."))
        stored["entries"] = dict(entries)
    else:
        allowed = CHECK_SCALE if poll.check_style == CheckStyle.SCALE else CHECK_THUMBS
        value = vote.get("value")
        if value not in allowed:
            raise _invalid(
                _("Choose a number from 1 to 5.")
                if poll.check_style == CheckStyle.SCALE
                else _("Choose thumbs up, sideways or down.")
            )
        stored["value"] = value
    return stored


def poll_vote(
    *, poll: Poll, membership: Membership, vote: dict, now: datetime | None = None
) -> Ballot:
    """Store a member's vote. `vote` holds `entries` ({option id: value}), `response` and
    `reason` (consent), `other_text` (choice) or `value` (quick check).

    Anonymous: a Participation records that the member voted, and a Ballot without a
    membership, with only the day, holds the vote; the two rows cannot be linked (random ids, no
    times). Such a vote cannot be changed. Named: the member's ballot is replaced until the poll
    closes. No audit entry (see the package's doc). Raises DecisionError."""
    now = now or timezone.now()
    if membership.role not in VOTER_ROLES[poll.voters] or membership.community_id != (
        poll.community_id
    ):
        raise DecisionError("not_eligible")
    options = {option.pk: option for option in poll.options.all()}
    stored = _check_vote(poll, options, vote)
    entries = stored.pop("entries")
    try:
        with transaction.atomic():
            # Serialises with closing: a vote either lands before the poll closes or not at all.
            locked = Poll.objects.select_for_update().get(pk=poll.pk)
            if not locked.is_open(now):
                raise DecisionError("closed")
            if locked.anonymous:
                Participation.objects.create(poll=locked, membership=membership)
                ballot = Ballot.objects.create(
                    poll=locked, membership=None, created_on=timezone.localdate(now), **stored
                )
            else:
                ballot = Ballot.objects.filter(poll=locked, membership=membership).first()
                if ballot is None:
                    Participation.objects.create(poll=locked, membership=membership)
                    ballot = Ballot.objects.create(
                        poll=locked,
                        membership=membership,
                        created_on=timezone.localdate(now),
                        **stored,
                    )
                else:
                    for name, value in stored.items():
                        setattr(ballot, name, value)
                    ballot.save(update_fields=list(stored))
                    ballot.entries.all().delete()
            BallotEntry.objects.bulk_create(
                BallotEntry(ballot=ballot, option=options[key], value=value)
                for key, value in entries.items()
            )
    except IntegrityError:
        # Sent twice at the same moment: the unique constraints kept the second one out.
        if Participation.objects.filter(poll=poll, membership=membership).exists():
            raise DecisionError("already_voted") from None
        raise
    return ballot


# Closing


def poll_close(*, poll: Poll, actor: Membership | None = None, now: datetime | None = None) -> bool:
    """Close the poll, exactly once: at its moment (by the worker, `actor` None) or early by its
    author or a facilitator. Returns whether this call closed it; a second call, or a second
    worker at the same moment, changes nothing. The number of people who may vote is fixed
    now, so the quorum and the results stay as they were."""
    now = now or timezone.now()
    early = actor is not None and now < poll.closes_at
    with transaction.atomic():
        eligible = eligible_memberships(poll).count()
        closed = Poll.objects.filter(pk=poll.pk, closed_at__isnull=True).update(
            closed_at=now if early else min(now, poll.closes_at),
            closed_by=actor,
            closed_early=early,
            eligible_count=eligible,
        )
        if not closed:
            return False
        audit_log(
            community=poll.community,
            actor=actor.user if actor else None,
            action="poll.closed_early" if early else "poll.closed",
            title=poll.title,
        )
        community_touch(community_id=poll.community_id)
    poll.refresh_from_db(fields=["closed_at", "closed_by", "closed_early", "eligible_count"])
    return True


@transaction.atomic
def poll_outcome_write(
    *,
    poll: Poll,
    actor: Membership,
    statement: str,
    rationale: str = "",
    notify: bool = True,
    now: datetime | None = None,
) -> Decision:
    """Write the outcome of a closed poll into the decision log, and tell those who could vote.
    A poll that revises a decision links the new entry to it. Raises DecisionError."""
    now = now or timezone.now()
    if poll.is_open(now):
        raise DecisionError("still_open")
    if poll.closed_at is None:
        poll_close(poll=poll, now=now)  # past its moment, the worker just had not come yet
    locked = Poll.objects.select_for_update().get(pk=poll.pk)
    if Decision.objects.filter(poll=locked).exists():
        raise DecisionError("outcome_exists")
    revises = None
    if locked.revises_id and not Decision.objects.filter(revises_id=locked.revises_id).exists():
        revises = locked.revises
    decision = Decision.objects.create(
        community=poll.community,
        poll=locked,
        statement=statement,
        rationale=rationale,
        taken_by=TakenBy.GROUP,
        kind=poll.kind,
        meeting_id=poll.meeting_id,
        decided_on=timezone.localdate(locked.closed_at or now),
        recorded_by=actor,
        revises=revises,
    )
    audit_log(
        community=poll.community,
        actor=actor.user,
        action="decision.revised" if revises else "decision.recorded",
        statement=statement,
    )
    if notify:
        mailing.mail_outcome(decision)
    return decision


# A date poll becomes a meeting


def poll_meeting_create(
    *, poll: Poll, actor: Membership, option_id: int, now: datetime | None = None
) -> MeetingRef:
    """Plan the chosen slot of a closed date poll as a meeting, once, through the calendar
    (which sends the invitations). Raises DecisionError."""
    now = now or timezone.now()
    if poll.kind != PollKind.DATE:
        raise DecisionError("not_date_poll")
    if poll.is_open(now):
        raise DecisionError("still_open")
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        if locked.meeting_created_id is not None:
            raise DecisionError("meeting_exists")
        option = locked.options.filter(pk=option_id, starts_at__isnull=False).first()
        if option is None:
            raise DecisionError("no_slot")
        try:
            meeting = meeting_create(
                community=poll.community,
                actor=actor.user,
                title=locked.title,
                starts_at=option.starts_at,
                duration_minutes=locked.duration_minutes or 120,
            )
        except NoMeetingProvider:
            raise DecisionError("no_calendar") from None
        except MeetingNotCreated as refused:
            raise DecisionError("meeting_refused", refused.message) from None
        Poll.objects.filter(pk=locked.pk).update(meeting_created_id=meeting.pk)
        poll.meeting_created_id = meeting.pk
        audit_log(
            community=poll.community,
            actor=actor.user,
            action="poll.meeting_planned",
            title=locked.title,
        )
    return meeting
