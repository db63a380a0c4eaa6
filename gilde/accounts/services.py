"""Writes for people and organisations.

The owner of an address always wins. Registering never reveals whether an address has an account:
the request does the same work either way and leaves the rest to the worker (`tasks.py`), which
creates the account and sends the confirmation link, or, when the address is taken, tells its owner
(with a link to choose a new password). Choosing a new password through such a link replaces any
password set before and confirms the address. An address is confirmed only by someone who has both
the link and the password, and unconfirmed accounts expire after `GILDE_UNCONFIRMED_DAYS`.
"""

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gilde.core.erasure import former_member_label
from gilde.core.throttle import throttle_check, throttle_hit

from .models import (
    ApiToken,
    ExportStatus,
    Organisation,
    PersonalDataExport,
    User,
    email_normalise,
)


class AccountExists(Exception):
    """The address has a confirmed (or deactivated) account: log in instead."""


def organisation_get_or_create(*, name: str) -> Organisation | None:
    """The organisation called `name` (ignoring case), created when new; None for a blank name.
    A new organisation is not shared: only people who share a CoP with its people see it."""
    name = " ".join(name.split())
    if not name:
        return None
    organisation = Organisation.objects.filter(name__iexact=name).first()
    return organisation or Organisation.objects.create(name=name)


def user_register(*, email: str, name: str, password: str, language: str, client: str) -> None:
    """Register an account for `email`, or tell the owner of a taken address. Raises `Throttled`
    after too many registrations for the address or from the client."""
    from . import tasks

    email = email_normalise(email)
    throttle_check(action="register", client=client, addresses=[email])
    # Hashed here, in both cases, so the plain password never reaches the queue and the request
    # takes as long whether the address is taken or not.
    password_hash = make_password(password)
    transaction.on_commit(
        lambda: tasks.account_register.enqueue(
            email=email, name=name, password_hash=password_hash, language=language
        )
    )


@transaction.atomic
def user_register_proven(*, email: str, name: str, password: str, language: str) -> User:
    """Register through an invitation link, which proves the address: the account is confirmed
    at once. An unconfirmed account for the address, which someone else may have made, is taken
    over with the new name and password. Raises `AccountExists` for a confirmed or deactivated
    account."""
    email = email_normalise(email)
    now = timezone.now()
    user = User.objects.select_for_update().filter(email=email).first()
    if user is None:
        return User.objects.create_user(
            email=email, password=password, name=name, language=language, email_confirmed_at=now
        )
    if user.email_confirmed or not user.is_active:
        raise AccountExists
    user.name, user.language, user.email_confirmed_at = name, language, now
    user.set_password(password)
    user.save()
    return user


def user_send_confirmation(*, user: User) -> bool:
    """Send a new confirmation link to an unconfirmed, active account; False when none was sent
    (confirmed, deactivated, or several links went out a short while ago)."""
    from . import tasks

    if user.email_confirmed or not user.is_active:
        return False
    if not throttle_hit(scope="confirm:address", value=user.email):
        return False
    user_id = user.pk
    transaction.on_commit(lambda: tasks.confirmation_send.enqueue(user_id=user_id))
    return True


def user_confirm_email(*, user: User) -> None:
    """Record that the person proved the address is theirs. Never (re)activates an account."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])


def password_reset_request(*, email: str, client: str) -> None:
    """Mail a link to choose a new password, when the address has an account that staff have not
    deactivated (confirmed or not). The request does the same either way; the worker decides.
    Raises `Throttled`."""
    from . import tasks

    email = email_normalise(email)
    throttle_check(action="reset", client=client, addresses=[email])
    transaction.on_commit(lambda: tasks.password_reset_send.enqueue(email=email))


@transaction.atomic
def user_set_password(*, user: User, password: str) -> User:
    """Set a new password, through a reset link or the change form. It replaces any password set
    before, ends every other session (they carry a hash of the old password), and confirms the
    address: a reset link proves it, and a changing person was logged in, so confirmed already."""
    user.set_password(password)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
    user.save(update_fields=["password", "email_confirmed_at"])
    return user


def users_unconfirmed_expire(*, email: str | None = None) -> int:
    """Delete accounts whose address was not confirmed within `GILDE_UNCONFIRMED_DAYS` (all of
    them, or the one for `email`); returns how many. They never logged in, so hold nothing."""
    cutoff = timezone.now() - timedelta(days=settings.GILDE_UNCONFIRMED_DAYS)
    expired = User.objects.filter(
        email_confirmed_at__isnull=True,
        date_joined__lt=cutoff,
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
        # A former member keeps the group's records in shape; an account made by a CoP import
        # holds its place in that CoP until the person confirms it.
        erased_at__isnull=True,
        memberships__isnull=True,
    )
    if email is not None:
        expired = expired.filter(email=email_normalise(email))
    _total, per_model = expired.delete()
    return per_model.get(User._meta.label, 0)


@transaction.atomic
def user_update_profile(*, user: User, organisation_name: str, **fields) -> User:
    for name, value in fields.items():
        setattr(user, name, value)
    user.organisation = organisation_get_or_create(name=organisation_name)
    user.save()
    return user


def user_set_language(*, user: User, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])


# Personal access tokens for the REST API

TOKEN_PREFIX = "gilde_"  # nosec B105: the visible start of every token, not a secret
TOKEN_DAYS = (7, 30, 90, 365)
# last_used_at is written at most this often per token: a busy dashboard should not make every
# request a write.
TOKEN_TOUCH_EVERY = timedelta(minutes=1)


def api_token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """Make a token; returns it with its secret, which is shown once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=" ".join(name.split()),
        scope=scope,
        digest=api_token_digest(raw),
        prefix=raw[: len(TOKEN_PREFIX) + 4],
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Revoke one of `user`'s tokens; False when they have no such usable token."""
    return bool(
        ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def api_token_find(raw: str) -> ApiToken | None:
    """The token a request presents, usable or not; None for one that was never made."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    return ApiToken.objects.select_related("user").filter(digest=api_token_digest(raw)).first()


def api_token_touch(token: ApiToken) -> None:
    """Note that the token was used now (at most once a minute)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# Download my data

EXPORT_DAYS = 7


def personal_data_export_request(*, user: User) -> PersonalDataExport:
    """Ask the worker for a ZIP of everything Gilde holds about `user`. While one is still
    waiting or being built, that one is returned instead of a second."""
    from . import tasks

    with transaction.atomic():
        pending = user.data_exports.filter(
            status__in=[ExportStatus.QUEUED, ExportStatus.BUILDING], expires_at__gt=timezone.now()
        ).first()
        if pending is not None:
            return pending
        export = PersonalDataExport.objects.create(
            user=user, expires_at=timezone.now() + timedelta(days=EXPORT_DAYS)
        )
        export_id = str(export.pk)
        transaction.on_commit(lambda: tasks.personal_data_export_build.enqueue(export_id))
    return export


def personal_data_exports_expire() -> int:
    """Delete exports whose time is up; returns how many."""
    deleted, _ = PersonalDataExport.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


# Delete my account


class AccountEraseBlocked(Exception):
    """The account cannot be deleted yet; `reasons` say why, for the person."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Delete `user`'s account: every app removes the person's private items and personal data
    (gilde.core.personal_data), and the account becomes a "former member" that keeps the group's
    records (agenda items led, versions written) in shape without saying who it was. Raises
    `AccountEraseBlocked` (and changes nothing) while an app says it cannot be done yet."""
    from gilde.core.personal_data import personal_data_blockers, personal_data_erase_all

    user = User.objects.select_for_update().get(pk=user.pk)
    if user.erased_at is not None:
        return
    reasons = personal_data_blockers(user)
    if reasons:
        raise AccountEraseBlocked(reasons)
    personal_data_erase_all(user)
    # Last, so every app above could still find the person by name and address.
    user.name = former_member_label()
    user.email = f"former-{uuid.uuid4().hex}@deleted.invalid"
    user.set_unusable_password()
    user.organisation = None
    for field in ("function", "discipline", "industry", "knowledge_type"):
        setattr(user, field, "")
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.email_confirmed_at = None
    user.last_login = None
    user.erased_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
