"""The account's part of a person's data (gilde.core.personal_data), and the ZIP that "Download my
data" hands over: `data.json` with every app's part, and `index.html` that shows the same to a
person, in their language."""

import io
import json
import zipfile

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from gilde.core.formatting import number
from gilde.core.personal_data import (
    personal_data_collect,
    personal_data_titles,
    register_personal_data,
)

from .models import ApiToken, PersonalDataExport, User

FORMAT_VERSION = 1


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _export(user: User) -> dict:
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "organisation": user.organisation.name if user.organisation else "",
            "function": user.function,
            "discipline": user.discipline,
            "industry": user.industry,
            "knowledge_type": user.knowledge_type,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "email_confirmed_at": iso(user.email_confirmed_at),
        },
        "api_tokens": [
            {
                "name": token.name,
                "scope": token.scope,
                "created_at": iso(token.created_at),
                "expires_at": iso(token.expires_at),
                "last_used_at": iso(token.last_used_at),
                "revoked_at": iso(token.revoked_at),
            }
            for token in user.api_tokens.order_by("created_at", "pk")
        ],
    }


def _erase(user: User) -> None:
    """Tokens, exports, login records and the admin's notes about the account. The account row
    itself is made a former member last, by `account_erase`."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    ApiToken.objects.filter(user=user).delete()
    PersonalDataExport.objects.filter(user=user).delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.email).delete()
    about_user = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    mentions = Q(object_repr__icontains=user.email)
    if user.name:
        mentions |= Q(object_repr__icontains=user.name) | Q(change_message__icontains=user.name)
    LogEntry.objects.filter(Q(user=user) | about_user | mentions).delete()


register_personal_data(
    app="accounts",
    title=_("Your account"),
    models=[
        "accounts.User",
        "accounts.ApiToken",
        "accounts.PersonalDataExport",
        "accounts.User_groups",
        "accounts.User_user_permissions",
        "admin.LogEntry",
    ],
    export=_export,
    erase=_erase,
)


# Rendering the export


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _is_table(value: list) -> bool:
    return bool(value) and all(isinstance(row, dict) for row in value)


def render_data_html(value) -> SafeString:
    """Any JSON value as HTML: a mapping as a description list, a list of mappings as a table,
    other lists as a list, text escaped."""
    if isinstance(value, dict):
        if not value:
            return format_html('<p class="muted">{}</p>', "—")
        rows = format_html_join(
            "",
            "<dt>{}</dt><dd>{}</dd>",
            ((_label(k), render_data_html(v)) for k, v in value.items()),
        )
        return format_html("<dl>{}</dl>", rows)
    if isinstance(value, list):
        if not value:
            return format_html('<p class="muted">{}</p>', "—")
        if _is_table(value):
            keys = list(dict.fromkeys(key for row in value for key in row))
            head = format_html_join("", '<th scope="col">{}</th>', ((_label(k),) for k in keys))
            body = format_html_join(
                "",
                "<tr>{}</tr>",
                (
                    (
                        format_html_join(
                            "", "<td>{}</td>", ((render_data_html(row.get(k)),) for k in keys)
                        ),
                    )
                    for row in value
                ),
            )
            return format_html(
                "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body
            )
        items = format_html_join("", "<li>{}</li>", ((render_data_html(item),) for item in value))
        return format_html("<ul>{}</ul>", items)
    if value is None or value == "":
        return mark_safe("—")  # nosec B308 B703: a constant
    if isinstance(value, bool):
        return format_html("{}", "✓" if value else "✗")
    if isinstance(value, int | float):
        return format_html("{}", number(value))  # "4,0" in Dutch
    return format_html("{}", value)


def personal_data_document(user: User) -> dict:
    return {
        "format": "gilde-personal-data",
        "version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "data": personal_data_collect(user),
    }


def personal_data_zip(user: User) -> bytes:
    """The ZIP for "Download my data": data.json and a readable index.html."""
    document = personal_data_document(user)
    with translation.override(user.language):
        titles = personal_data_titles()
        html = render_to_string(
            "accounts/personal_data_export.html",
            {
                "person": user,
                "created_at": timezone.now(),
                "sections": [
                    (titles.get(app, app), render_data_html(part))
                    for app, part in document["data"].items()
                ],
            },
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(document, ensure_ascii=False, indent=2))
        archive.writestr("index.html", html)
    return buffer.getvalue()
