"""E-mail in the recipient's language, rendered from a subject and a body template.

E-mail is plain text, so its templates are rendered by an engine of their own that escapes nothing
("R&D" stays "R&D"), and a subject is one line whatever a name contains.

No e-mail is sent inside a request or a database transaction: a slow mail server would hold the
request, and on SQLite the write lock. Code that runs in a request calls `queue_templated_mail`,
which renders the message now (in the recipient's language) and hands it to the task queue once
the surrounding transaction commits; nothing is queued when it rolls back. `gilde worker` sends it.
Code that already runs in the worker, outside any transaction, calls `send_templated_mail`.
"""

import base64
import uuid
from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, Engine
from django.utils import timezone, translation
from django_tasks import TaskContext, task

Attachment = tuple[str, str | bytes, str]  # (filename, content, mimetype)


def absolute_url(path: str) -> str:
    return settings.GILDE_BASE_URL.rstrip("/") + path


@cache
def _engine() -> Engine:
    """The project's template folders and app templates, without HTML autoescaping."""
    return Engine(
        dirs=[str(folder) for config in settings.TEMPLATES for folder in config.get("DIRS", [])],
        app_dirs=True,
        autoescape=False,
        builtins=["django.templatetags.i18n"],
    )


def render_mail_text(template: str, context: dict) -> str:
    """Render one template of a mail as plain text (no HTML escaping)."""
    return _engine().get_template(template).render(Context(context, autoescape=False))


def one_line(text: str) -> str:
    """A header value on one line: every run of whitespace, CR and LF included, is one space."""
    return " ".join(text.split())


def render_templated_mail(
    *,
    template: str,
    to: str,
    language: str,
    context: dict,
    attachments: list[Attachment] | None = None,
) -> EmailMessage:
    """`<template>_subject.txt` and `<template>_body.txt` rendered in `language` as a message."""
    with translation.override(language):
        context = {**context, "base_url": settings.GILDE_BASE_URL.rstrip("/")}
        subject = one_line(render_mail_text(f"{template}_subject.txt", context))
        body = render_mail_text(f"{template}_body.txt", context)
    return EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [to], attachments=attachments or []
    )


def send_templated_mail(
    *,
    template: str,
    to: str,
    language: str,
    context: dict,
    attachments: list[Attachment] | None = None,
) -> None:
    """Render and send now. Only for code that runs in the worker, outside any transaction."""
    render_templated_mail(
        template=template, to=to, language=language, context=context, attachments=attachments
    ).send()


def queue_templated_mail(
    *,
    template: str,
    to: str,
    language: str,
    context: dict,
    attachments: list[Attachment] | None = None,
) -> None:
    """Render now, in `language`, and send from the task queue once the current transaction
    commits (at once when there is none)."""
    message = _serialise(
        render_templated_mail(
            template=template, to=to, language=language, context=context, attachments=attachments
        )
    )
    key = uuid.uuid4().hex
    transaction.on_commit(lambda: send_queued_mail.enqueue(message=message, key=key))


def _serialise(message: EmailMessage) -> dict:
    attachments = []
    for filename, content, mimetype in message.attachments:
        if isinstance(content, bytes):
            attachments.append([filename, base64.b64encode(content).decode(), mimetype, True])
        else:
            attachments.append([filename, content, mimetype, False])
    return {
        "subject": message.subject,
        "body": message.body,
        "from": message.from_email,
        "to": list(message.to),
        "attachments": attachments,
    }


def _deserialise(data: dict) -> EmailMessage:
    attachments = [
        (filename, base64.b64decode(content) if is_bytes else content, mimetype)
        for filename, content, mimetype, is_bytes in data["attachments"]
    ]
    return EmailMessage(
        data["subject"], data["body"], data["from"], data["to"], attachments=attachments
    )


def forget_task_arguments(context: TaskContext) -> None:
    """Blank a finished task's stored arguments: a queued e-mail holds links that log in or
    accept an invitation, and those must not stay readable in the task table."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if isinstance(context.task_result.task.get_backend(), DatabaseBackend):
        DBTaskResult.objects.filter(id=context.task_result.id).update(
            args_kwargs={"args": [], "kwargs": {}}
        )


@task(takes_context=True)
def send_queued_mail(context: TaskContext, *, message: dict, key: str = "") -> None:
    """Send a message that `queue_templated_mail` rendered, once per `key`.

    A worker killed during a task leaves it running; `gilde worker` puts such tasks back in the
    queue (`gilde.core.queue`), so the task may run again: a message already sent is not sent
    twice. Only a kill in the instant between the mail server's acceptance and the note that it
    was sent could send it again, which is better than losing it."""
    from .models import OutgoingMail

    try:
        record = OutgoingMail.objects.get_or_create(key=key or uuid.uuid4().hex)[0]
        if record.sent_at is None:
            _deserialise(message).send()
            OutgoingMail.objects.filter(pk=record.pk).update(sent_at=timezone.now())
    finally:
        forget_task_arguments(context)
