from django import forms
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from ..models import NotificationMode


class NotificationPreferenceForm(CleanTextMixin, forms.Form):
    mode = forms.ChoiceField(
        label=_("meeting e-mails"), choices=NotificationMode.choices, widget=forms.RadioSelect
    )
