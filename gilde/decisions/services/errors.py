from django.utils.translation import gettext_lazy as _

from gilde.core.versioning import StaleEdit  # noqa: F401 (raised by the agreements' saves)


class DecisionError(Exception):
    """A write the rules do not allow; `message` explains it in the user's language."""

    MESSAGES = {
        "closed": _("This poll is closed: votes are no longer taken."),
        "not_eligible": _("You cannot vote in this poll."),
        "already_voted": _(
            "You have voted already. Votes in an anonymous poll cannot be changed, because "
            "nothing links your vote to you."
        ),
        "still_open": _("The poll is still open: the outcome is written once it has closed."),
        "outcome_exists": _(
            "The outcome of this poll is in the decision log already. To change it, revise the "
            "decision there."
        ),
        "already_revised": _(
            "This decision has been revised already; revise the newest version instead."
        ),
        "closing_past": _("Choose a closing moment in the future."),
        "not_date_poll": _("Only a date poll can become a meeting."),
        "meeting_exists": _("This poll became a meeting already."),
        "no_slot": _("Choose one of this poll's dates."),
        "no_calendar": _("This installation has no meeting calendar."),
        "role_taken": _("Someone has just taken this role."),
        "role_inactive": _("This role is no longer in use."),
        "feedback_closed": _("This request is closed."),
        "feedback_writers": _("Ask one to three other members of this CoP."),
        "not_passed": _("Only a proposal that passed can change the working agreements."),
    }

    def __init__(self, code: str, message: str | None = None):
        super().__init__(code)
        self.code = code
        self._message = message

    @property
    def message(self) -> str:
        return self._message or str(self.MESSAGES[self.code])
