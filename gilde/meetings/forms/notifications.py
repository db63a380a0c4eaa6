from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import NotificationMode


class NotificationPreferenceForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("meeting e-mails"), choices=NotificationMode.choices, widget=forms.RadioSelect
    )
