"""E-mail in the recipient's language, rendered from a subject and a body template."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return settings.GILDE_BASE_URL.rstrip("/") + path


def send_templated_mail(
    *,
    template: str,
    to: str,
    language: str,
    context: dict,
    attachments: list[tuple[str, str | bytes, str]] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send them,
    with optional attachments as (filename, content, mimetype)."""
    with translation.override(language):
        context = {**context, "base_url": settings.GILDE_BASE_URL.rstrip("/")}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], attachments=attachments).send()
