"""The demo's personal access token: the initiator's programme office reads the CoP through the
REST API. Its secret is random and shown to nobody; the profile page lists it."""

from datetime import timedelta

from gilde.accounts.models import ApiToken
from gilde.accounts.services import api_token_create


def load_api(*, community, users, now) -> None:
    initiator = users.get("initiator@example.org")
    if initiator is None or ApiToken.objects.filter(user=initiator).exists():
        return
    token, _raw = api_token_create(
        user=initiator, name="Dashboard programmabureau", scope="read", days=90
    )
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now - timedelta(hours=3))
