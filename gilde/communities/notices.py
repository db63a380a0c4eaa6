"""What this app tells people inside Gilde (the notification centre), beside its e-mails."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gilde.notifications.kinds import register_notification_kinds
from gilde.notifications.services import notify

from .models import Application, ApplicationStatus, Role

register_notification_kinds(
    {
        "application.received": _("%(name)s asks to join %(cop)s."),
        "application.approved": _("Welcome: your application to join %(cop)s is approved."),
        "application.declined": _("Your application to join %(cop)s was declined."),
    }
)


def application_received_notice(application: Application) -> None:
    """Tell the CoP's initiators and facilitators that someone applied."""
    community = application.community
    runners = community.memberships.filter(
        role__in=[Role.INITIATOR, Role.FACILITATOR]
    ).select_related("user")
    for membership in runners:
        notify(
            user=membership.user,
            kind="application.received",
            key=f"application:{application.pk}:received",
            community=community,
            url=reverse("communities:members", kwargs={"slug": community.slug}),
            name=str(application.user),
            cop=community.name,
        )


def application_decided_notice(application: Application) -> None:
    """Tell the applicant what was decided."""
    community = application.community
    approved = application.status == ApplicationStatus.APPROVED
    notify(
        user=application.user,
        kind="application.approved" if approved else "application.declined",
        key=f"application:{application.pk}:decided",
        community=community,
        url=community.get_absolute_url() if approved else "",
        cop=community.name,
    )
