"""Writes for people and organisations.

The owner of an address always wins. Registering never reveals whether an address has an account:
the request does the same work either way and leaves the rest to the worker (`tasks.py`), which
creates the account and sends the confirmation link, or, when the address is taken, tells its owner
(with a link to choose a new password). Choosing a new password through such a link replaces any
password set before and confirms the address. An address is confirmed only by someone who has both
the link and the password, and unconfirmed accounts expire after `GILDE_UNCONFIRMED_DAYS`.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gilde.core.throttle import throttle_check, throttle_hit

from .models import Organisation, User, email_normalise


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
