from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from .models import KnowledgeType, User


class RegistrationForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, fixed_email: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_email = fixed_email
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        if fixed_email:
            self.fields["email"].initial = fixed_email
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _("The invitation was sent to this address.")

    def clean_email(self) -> str:
        email = (self.fixed_email or self.cleaned_data["email"]).strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail address exists already. Log in instead."),
                code="exists",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            user = User(email=cleaned.get("email", ""), name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(CleanTextMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match an account."),
        "inactive": _(
            "This account is not confirmed yet. We have sent you a new confirmation link."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )
        self.fields["password"].label = _("Password")


class ProfileForm(CleanTextMixin, forms.ModelForm):
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        required=False,
        help_text=_("Pick one from the list or type the name of a new one."),
    )

    class Meta:
        model = User
        fields = ["name", "function", "discipline", "sector", "knowledge_type", "language"]
        help_texts = {
            "sector": _("The branch your organisation works in, e.g. housing or healthcare."),
            "knowledge_type": _("Does your knowledge come mostly from practice, theory, or both?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.organisation_id:
            self.fields["organisation_name"].initial = self.instance.organisation.name
        self.fields["organisation_name"].widget.attrs["list"] = "organisations"
        self.fields["sector"].widget.attrs["list"] = "sectors"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["knowledge_type"].choices = [("", _("Not stated")), *KnowledgeType.choices]


class LanguageForm(CleanTextMixin, forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False, max_length=2000)


class PasswordResetForm(CleanTextMixin, auth_forms.PasswordResetForm):
    """Sends the reset link in the account's own language."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(context["user"].language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
