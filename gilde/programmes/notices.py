"""What programmes tell people inside Gilde: a CoP's initiators hear of an invitation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gilde.communities.access import Action, roles_with
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
    deciders = community.memberships.filter(
        role__in=roles_with(Action.DECIDE_PROGRAMMES)
    ).select_related("user")
    for membership in deciders:
        notify(
            user=membership.user,
            kind="programme.invited",
            key=f"programme:{link.pk}:invited:{link.invited_at.isoformat()}",
            community=community,
            url=reverse("communities:settings", kwargs={"slug": community.slug}),
            programme=link.programme.name,
            cop=community.name,
        )
