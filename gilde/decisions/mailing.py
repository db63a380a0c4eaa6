"""Who hears about polls, decisions and feedback by e-mail, and in which words.

Services call these inside their transaction; `queue_templated_mail` renders each message in the
recipient's language and hands it to the worker once the transaction commits. Only people who
want each e-mail as it happens get one (communities.preferences): digest readers and those who
turned e-mail off see polls on their CoP's pages. No message ever carries a vote or a result of a
poll that is still open, nor the text of anyone's feedback.
"""

from django.urls import reverse

from gilde.communities.models import Membership
from gilde.communities.preferences import wants_each_mail
from gilde.core.mail import queue_templated_mail

from .selectors.polls import eligible_memberships


def _users(memberships) -> list:
    users = [membership.user for membership in memberships if membership.user.is_active]
    return wants_each_mail(users)


def poll_path(poll) -> str:
    return reverse("decisions:poll", kwargs={"slug": poll.community.slug, "pk": poll.pk})


def mail_poll_new(poll) -> int:
    """Invite everyone who may vote (except the author) to vote."""
    recipients = [m for m in eligible_memberships(poll) if m.pk != poll.author_id]
    users = _users(recipients)
    for user in users:
        queue_templated_mail(
            template="decisions/email/poll_new",
            to=user.email,
            language=user.language,
            context={
                "user": user,
                "poll": poll,
                "community": poll.community,
                "author": poll.author.user if poll.author else None,
                "path": poll_path(poll),
            },
        )
    return len(users)


def mail_outcome(decision) -> int:
    """Tell everyone who could vote what was decided."""
    poll = decision.poll
    users = _users(eligible_memberships(poll))
    for user in users:
        queue_templated_mail(
            template="decisions/email/poll_outcome",
            to=user.email,
            language=user.language,
            context={
                "user": user,
                "poll": poll,
                "decision": decision,
                "community": poll.community,
                "path": reverse(
                    "decisions:decision",
                    kwargs={"slug": poll.community.slug, "pk": decision.pk},
                ),
            },
        )
    return len(users)


def _feedback_path(request) -> str:
    return reverse(
        "decisions:feedback_request", kwargs={"slug": request.community.slug, "pk": request.pk}
    )


def mail_feedback_request(request, writers: list[Membership]) -> None:
    for user in _users(writers):
        queue_templated_mail(
            template="decisions/email/feedback_request",
            to=user.email,
            language=user.language,
            context={
                "user": user,
                "request": request,
                "asker": request.asker.user,
                "community": request.community,
                "path": _feedback_path(request),
            },
        )


def mail_feedback_answered(invite) -> None:
    """Tell the asker that someone wrote (not what: that stays on the page)."""
    request = invite.request
    for user in _users([request.asker]):
        queue_templated_mail(
            template="decisions/email/feedback_answered",
            to=user.email,
            language=user.language,
            context={
                "user": user,
                "request": request,
                "writer": invite.writer.user,
                "community": request.community,
                "path": _feedback_path(request),
            },
        )


def mail_feedback_thanks(request, writers: list[Membership]) -> None:
    for user in _users(writers):
        queue_templated_mail(
            template="decisions/email/feedback_thanks",
            to=user.email,
            language=user.language,
            context={
                "user": user,
                "request": request,
                "asker": request.asker.user,
                "community": request.community,
                "path": _feedback_path(request),
            },
        )
