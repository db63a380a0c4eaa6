"""What programmes tell people: a CoP's initiators hear of an invitation, inside Gilde and (for
those who want each e-mail, gilde.communities.preferences) by e-mail in their own language."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gilde.communities.access import Action, roles_with
from gilde.communities.preferences import wants_each_mail
from gilde.core.mail import queue_templated_mail
from gilde.notifications.kinds import register_notification_kinds
from gilde.notifications.services import notify

from .models import ProgrammeCop

register_notification_kinds(
    {
        "programme.invited": _(
            "The programme %(programme)s invites %(cop)s: see on the settings page what it "
            "would see, and decide."
        ),
    }
)


def programme_invited_notice(link: ProgrammeCop) -> None:
    """Tell those who decide for the CoP (its initiators) about the invitation."""
    community = link.community
    deciders = list(
        community.memberships.filter(role__in=roles_with(Action.DECIDE_PROGRAMMES)).select_related(
            "user"
        )
    )
    url = reverse("communities:settings", kwargs={"slug": community.slug})
    for membership in deciders:
        notify(
            user=membership.user,
            kind="programme.invited",
            key=f"programme:{link.pk}:invited:{link.invited_at.isoformat()}",
            community=community,
            url=url,
            programme=link.programme.name,
            cop=community.name,
        )
    # Rendered now in each one's language, sent by the worker once the invitation is committed.
    users = [m.user for m in deciders if m.user.is_active]
    for user in wants_each_mail(users):
        queue_templated_mail(
            template="programmes/email/invited",
            to=user.email,
            language=user.language,
            context={
                "user": user,
                "programme": link.programme,
                "community": community,
                "path": f"{url}#programmes-heading",
            },
        )
