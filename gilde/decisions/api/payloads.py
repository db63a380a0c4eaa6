"""The decisions API's access helpers, and decisions and polls as the API gives them: the poll's
results only through the one gate, `selectors.poll_results`."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.access import Action
from gilde.communities.api import api_access
from gilde.core.api import ApiError

from .. import selectors
from ..models import PollKind, Voters
from ..selectors.polls import vote_summary
from ..views.common import require_reader


def reader(request, slug: str, action: Action = Action.VIEW_DECISIONS, **kwargs):
    """The CoP for someone who may read this part of it (observers only where it allows)."""
    access = api_access(request, slug, action, **kwargs)
    try:
        require_reader(access)
    except PermissionDenied as refused:
        raise ApiError(
            403, "forbidden", _("Your role in this CoP does not allow this.")
        ) from refused
    return access


def poll_or_404(access, poll_id: int):
    poll = selectors.poll_for(access, poll_id)
    if poll is None:
        raise ApiError(404, "not_found", _("This CoP has no such poll."))
    return poll


def decision_out(access, decision) -> dict:
    revised_by = getattr(decision, "revised_by", None)
    return {
        "id": decision.pk,
        "statement": decision.statement,
        "rationale": decision.rationale,
        "taken_by": decision.taken_by,
        "kind": decision.kind,
        "decided_on": decision.decided_on,
        "meeting_id": decision.meeting_id,
        "poll_id": decision.poll_id,
        "revises_id": decision.revises_id,
        "revised_by_id": revised_by.pk if revised_by else None,
        "recorded_by": access.member_label(decision.recorded_by),
        "url": reverse(
            "decisions:decision", kwargs={"slug": access.community.slug, "pk": decision.pk}
        ),
    }


def poll_out(access, poll, options, now) -> dict:
    decision = getattr(poll, "outcome", None)
    return {
        "id": poll.pk,
        "kind": poll.kind,
        "title": poll.title,
        "context": poll.context,
        "author": access.member_label(poll.author),
        "voters": poll.voters,
        "anonymous": poll.anonymous,
        "hide_results": poll.hide_results,
        "quorum": poll.quorum,
        "max_choices": poll.max_choices,
        "allow_other": poll.allow_other,
        "scale_max": poll.scale_max,
        "check_style": poll.check_style,
        "closes_at": poll.closes_at,
        "closed_at": poll.closed_at,
        "is_open": poll.is_open(now),
        "results_visible": selectors.results_visible(poll, now),
        "decision_id": decision.pk if decision else None,
        "options": [{"id": o.pk, "label": o.label, "starts_at": o.starts_at} for o in options],
        "url": reverse("decisions:poll", kwargs={"slug": access.community.slug, "pk": poll.pk}),
    }


def option_row_out(kind: str, row) -> dict:
    out = {"option": row.option.pk, "label": row.option.label, "leading": row.leading}
    if kind == PollKind.SCORE:
        if row.stats is not None:  # None: nobody scored the option yet
            stats = row.stats
            out.update(
                mean=stats.mean,
                spread=stats.spread,
                low=stats.low,
                high=stats.high,
                scores=stats.count,
            )
    elif kind == PollKind.DATE:
        out.update(yes=row.slot.yes, if_need_be=row.slot.if_need_be, no=row.slot.no)
    else:
        out.update(votes=row.count, share=row.share)
    return out


def results_out(access, results) -> dict | None:
    if results is None:
        return None
    consent = None
    if results.consent is not None:
        consent = {**results.consent.counts, "passes": results.consent.passes}
    check = None
    if results.check is not None:
        check = {
            "count": results.check.count,
            "mean": results.check.mean,
            "rows": [
                {"answer": answer, "label": str(label), "count": count, "share": share}
                for answer, (label, count, share) in zip(
                    results.check.distribution, results.check_rows, strict=True
                )
            ],
        }
    return {
        "final": results.final,
        "votes": results.votes,
        "eligible": results.eligible,
        "quorum_met": results.quorum_met,
        "consent": consent,
        "reasons": [
            {
                "response": str(label),
                "reason": reason,
                "name": access.member_label(member) if member else "",
            }
            for label, reason, member in results.reasons
        ],
        "options": [option_row_out(results.poll.kind, row) for row in results.rows],
        "others": results.others,
        "rounds": [
            {
                "number": one.number,
                "counts": [
                    {"option": option.pk, "votes": votes, "eliminated": out}
                    for option, votes, out in one.counts
                ],
                "exhausted": one.exhausted,
                "tie_broken": one.tie_broken,
            }
            for one in results.rounds
        ],
        "winner": results.winner.pk if results.winner is not None else None,
        "tied": [option.pk for option in results.tied],
        "check": check,
        "named": [
            {
                "name": access.member_label(vote.membership) or _("(former member)"),
                "vote": vote.summary,
            }
            for vote in results.named
        ],
    }


def poll_detail_out(access, poll) -> dict:
    """The poll as its page shows it to this viewer, read through the results gate."""
    now = timezone.now()
    options = list(poll.options.all())
    voters = selectors.voters_with_status(poll)
    me = next((m for m in voters if m.pk == getattr(access.membership, "pk", None)), None)
    has_voted = bool(me and getattr(me, "has_voted", False))
    results = selectors.poll_results(poll, options=options, eligible=len(voters), now=now)
    own = selectors.own_ballot(poll, access.membership) if has_voted else None
    by_key = {option.pk: option for option in options}
    return {
        **poll_out(access, poll, options, now),
        "votes": sum(1 for m in voters if getattr(m, "has_voted", False)),
        "eligible": len(voters),
        "may_vote": me is not None and access.can_vote(poll.voters == Voters.PARTICIPANTS),
        "has_voted": has_voted,
        "my_vote": vote_summary(poll, own, by_key) if own is not None else None,
        "results": results_out(access, results),
    }
