"""What meetings tell people inside Gilde (the notification centre), beside the e-mails.

Every e-mail about a meeting that concerns a person also leaves a notification, whatever their
e-mail choice: someone who switched meeting e-mails off still sees what matters in the centre.
The keys are the e-mails' keys, so a task that runs twice notifies once.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gilde.notifications.kinds import moment_label, register_notification_kinds
from gilde.notifications.preferences import register_preference_page
from gilde.notifications.services import notify

register_notification_kinds(
    {
        "meeting.invited": _("New meeting: %(title)s, %(when)s."),
        "meeting.changed": _("The meeting %(title)s has changed: it is now on %(when)s."),
        "meeting.cancelled": _("The meeting %(title)s of %(when)s is cancelled."),
        "meetings.series": ngettext_lazy(
            "%(count)s meeting is planned in the calendar.",
            "%(count)s meetings are planned in the calendar.",
            "count",
        ),
        "meeting.reminder": _("Reminder: %(title)s is on %(when)s."),
        "evaluation.requested": _(
            "The evaluation of %(title)s is open until %(closes)s. It takes a few minutes."
        ),
        "meeting.prepare": _("Time to prepare %(title)s (%(when)s)."),
        "agenda.proposed": _(
            "%(name)s proposes “%(item)s” for the agenda of %(title)s (%(when)s). Accept or "
            "decline it."
        ),
        "agenda.proposal_accepted": _(
            "Your proposal “%(item)s” is on the agenda of %(title)s (%(when)s)."
        ),
        "agenda.proposal_declined": _(
            "Your proposal “%(item)s” for %(title)s is declined. %(reason)s"
        ),
    },
    labels={"closes": moment_label},
)
register_preference_page("meetings:notification_preference", _("E-mails about meetings"))


def meeting_notice(*, user, meeting, kind: str, key: str, path: str, **params) -> None:
    """Leave `kind` about `meeting` in `user`'s notification centre, once per `key`."""
    notify(
        user=user,
        kind=kind,
        key=key,
        community_id=meeting.community_id,
        url=path,
        title=meeting.title,
        when=meeting.starts_at,
        **params,
    )
