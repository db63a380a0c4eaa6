"""Account e-mails, sent by the worker. The links in them are made here, so they never wait in
the task table; the one secret a task carries (a registration's password hash) is blanked once the
task ran. Each task sends outside any transaction."""

import logging

from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import TaskContext, task

from gilde.core.mail import forget_task_arguments, send_templated_mail
from gilde.core.throttle import throttle_counters_expire

from .models import ExportStatus, PersonalDataExport, User
from .services import personal_data_exports_expire, users_unconfirmed_expire
from .tokens import email_confirmation_token

logger = logging.getLogger(__name__)


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def confirmation_path(user: User) -> str:
    return reverse(
        "accounts:confirm",
        kwargs={"uidb64": _uid(user), "token": email_confirmation_token.make_token(user)},
    )


def password_reset_path(user: User) -> str:
    return reverse(
        "accounts:password_reset_confirm",
        kwargs={"uidb64": _uid(user), "token": default_token_generator.make_token(user)},
    )


def _send(template: str, user: User, **context) -> None:
    send_templated_mail(
        template=f"accounts/email/{template}",
        to=user.email,
        language=user.language,
        context={"user": user, **context},
    )


def _register(*, email: str, name: str, password_hash: str, language: str) -> tuple[User, bool]:
    with transaction.atomic():
        users_unconfirmed_expire(email=email)
        existing = User.objects.filter(email=email).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                user = User.objects.create(
                    email=email, name=name, password=password_hash, language=language
                )
        except IntegrityError:  # registered by a task that ran at the same time
            return User.objects.get(email=email), False
    return user, True


@task(takes_context=True)
def account_register(
    context: TaskContext, *, email: str, name: str, password_hash: str, language: str
) -> None:
    """Create an unconfirmed account and send its confirmation link; for an address that has an
    account, tell its owner instead and leave the account as it is."""
    try:
        user, created = _register(
            email=email, name=name, password_hash=password_hash, language=language
        )
    finally:
        forget_task_arguments(context)
    if created:
        _send("confirm", user, path=confirmation_path(user))
    elif user.is_active:
        _send("address_taken", user, path=password_reset_path(user))
    else:
        _send("address_taken", user, path="")


@task()
def confirmation_send(*, user_id: int) -> None:
    """A new confirmation link, for someone who tried to log in before confirming."""
    user = User.objects.filter(pk=user_id, is_active=True, email_confirmed_at__isnull=True).first()
    if user is not None:
        _send("confirm", user, path=confirmation_path(user))


@task()
def password_reset_send(*, email: str) -> None:
    """The link to choose a new password, when the address has an account staff allow."""
    user = User.objects.filter(email=email, is_active=True).first()
    if user is not None:
        _send("password_reset", user, path=password_reset_path(user))


@task()
def accounts_expire() -> dict[str, int]:
    """The periodic clean-up: expired unconfirmed accounts and old e-mail counters."""
    counts = {
        "accounts": users_unconfirmed_expire(),
        "counters": throttle_counters_expire(),
        "data_exports": personal_data_exports_expire(),
    }
    logger.info("Expired: %s", counts)
    return counts


@task()
def personal_data_export_build(export_id: str) -> str:
    """Build a person's "download my data" ZIP. Safe to run again: a finished one is left as it
    is, and one a killed worker left half-built is built anew."""
    from .personal_data import personal_data_zip

    export = PersonalDataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status == ExportStatus.READY or export.is_expired:
        return "skipped"
    PersonalDataExport.objects.filter(pk=export.pk).update(status=ExportStatus.BUILDING)
    try:
        content = personal_data_zip(export.user)
    except Exception:
        PersonalDataExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)
        logger.exception("Could not build personal data export %s", export.pk)
        raise
    PersonalDataExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.READY,
        content=content,
        size=len(content),
        finished_at=timezone.now(),
    )
    return "ready"
