"""Writes for people and organisations."""

from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from gilde.core.mail import send_templated_mail

from .models import Organisation, User
from .tokens import email_confirmation_token


def organisation_get_or_create(*, name: str) -> Organisation | None:
    """The organisation called `name` (ignoring case), created when new; None for a blank name."""
    name = " ".join(name.split())
    if not name:
        return None
    organisation = Organisation.objects.filter(name__iexact=name).first()
    return organisation or Organisation.objects.create(name=name)


def user_register(
    *, email: str, name: str, password: str, language: str, confirmed: bool = False
) -> User:
    """Create an account. Unless the address is already proven (an invitation link was followed),
    the account stays inactive until the person follows the confirmation link."""
    user = User.objects.create_user(
        email=email, password=password, name=name, language=language, is_active=confirmed
    )
    if not confirmed:
        user_send_confirmation(user=user)
    return user


def user_send_confirmation(*, user: User) -> None:
    """Mail a link that activates the account."""
    path = reverse(
        "accounts:confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_confirmation_token.make_token(user),
        },
    )
    send_templated_mail(
        template="accounts/email/confirm",
        to=user.email,
        language=user.language,
        context={"user": user, "path": path},
    )


def user_confirm(*, user: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])


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
