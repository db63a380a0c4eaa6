"""What step 1 tells people inside Gilde (the notification centre), beside its e-mails."""

from django.utils.translation import gettext_lazy as _

from gilde.notifications.kinds import register_notification_kinds

register_notification_kinds(
    {
        "comments.requested": _("%(name)s asks for your comments on the question of %(cop)s."),
        "comments.replied": _(
            "%(name)s replied to your request for comments on the question of %(cop)s."
        ),
    }
)
