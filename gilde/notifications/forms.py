from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin


class MarkForm(CleanTextMixin, forms.Form):
    """Mark one notification (or, from the centre's top, all) as read or unread."""

    read = forms.TypedChoiceField(
        choices=[("1", _("Read")), ("0", _("Unread"))], coerce=lambda value: value == "1"
    )
