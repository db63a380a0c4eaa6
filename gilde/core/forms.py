"""What every form in Gilde shares: typed text is cleaned of control characters, and ids posted
for a multiple choice are checked against the database's range before they reach a query."""

from django import forms
from django.db import models
from django.forms.renderers import DjangoTemplates

from .text import multi_line, single_line

# The largest id any supported database stores (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def _cleaning(to_python, normalise):
    def clean_first(value):
        if isinstance(value, str):
            value = normalise(value)
        return to_python(value)

    clean_first.gilde_text = True
    return clean_first


class CleanTextMixin:
    """Put first in every form's bases. Each text field is normalised before Django cleans it:
    single-line fields lose line breaks and other control characters (see `core.text`), text
    areas keep their line breaks but lose NUL and the other controls. Passwords are left alone,
    and so are the fields a form names in `raw_fields` (it validates those whole itself).
    """

    raw_fields: tuple[str, ...] = ()

    def full_clean(self):
        for name, field in self.fields.items():
            if name in self.raw_fields:
                continue
            if not isinstance(field, forms.CharField) or isinstance(
                field.widget, forms.PasswordInput
            ):
                continue
            if getattr(field.to_python, "gilde_text", False):
                continue
            multi = isinstance(field.widget, forms.Textarea)
            field.to_python = _cleaning(field.to_python, multi_line if multi else single_line)
        super().full_clean()


def is_valid_id(value) -> bool:
    """Whether `value` could be a database id: a whole number from 1 to `MAX_ID`."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return False
    return 0 < number <= MAX_ID


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but an id that no database could hold is an invalid choice instead of an
    OverflowError from the query (SQLite stops at 2**63 - 1). Use it for every multiple choice
    of database rows."""

    def clean(self, value):
        key = self.to_field_name
        field = self.queryset.model._meta.get_field(key) if key else self.queryset.model._meta.pk
        if isinstance(field, models.IntegerField) and isinstance(value, list | tuple):
            for pk in value:
                if not is_valid_id(pk):
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super().clean(value)


class FormRenderer(DjangoTemplates):
    """Django's renderer with Gilde's field template (core/forms/field.html): no colon after a
    checkbox's label."""

    field_template_name = "core/forms/field.html"
