from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from gilde.core.forms import CleanTextMixin

from . import services
from .models import KnowledgeType, User, email_normalise


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
        email = email_normalise(self.fixed_email or self.cleaned_data["email"])
        # Only with an invitation, whose link proves the address, may the form tell that an
        # account exists; the open form says nothing about other people's addresses.
        if self.fixed_email:
            user = User.objects.filter(email=email).first()
            if user is not None and not user.is_active:
                raise forms.ValidationError(DEACTIVATED, code="inactive")
            if user is not None and user.email_confirmed:
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


DEACTIVATED = _(
    "This account has been deactivated. Ask the people who run this Gilde if you think that is "
    "a mistake."
)


class LoginForm(CleanTextMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match an account."),
        "inactive": DEACTIVATED,
        "unconfirmed": _(
            "Your e-mail address is not confirmed yet: follow the link in the e-mail we sent you."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )
        self.fields["password"].label = _("Password")

    def confirm_login_allowed(self, user):
        if not user.is_active:
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        if not user.email_confirmed:
            raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


class ConfirmForm(CleanTextMixin, forms.Form):
    """The confirmation link asks for the password chosen at registration: the link proves the
    mailbox, the password proves that this person registered. Someone who did not register
    (the address's owner, when someone else used it) chooses a new password instead."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args, request, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        found = authenticate(self.request, username=self.user.email, password=password)
        if found is None or found.pk != self.user.pk:
            raise forms.ValidationError(
                _(
                    "This is not the password chosen when the account was made. "
                    "Did you not make it? Then choose a new password below."
                ),
                code="wrong_password",
            )
        return password


class ProfileForm(CleanTextMixin, forms.ModelForm):
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        required=False,
        help_text=_("Pick one from the list or type the name of a new one."),
    )

    class Meta:
        model = User
        fields = ["name", "function", "discipline", "industry", "knowledge_type", "language"]
        help_texts = {
            "industry": _("The industry your organisation works in, e.g. housing or healthcare."),
            "knowledge_type": _("Does your knowledge come mostly from practice, theory, or both?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.organisation_id:
            self.fields["organisation_name"].initial = self.instance.organisation.name
        self.fields["organisation_name"].widget.attrs["list"] = "organisations"
        self.fields["industry"].widget.attrs["list"] = "industries"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["knowledge_type"].choices = [("", _("Not stated")), *KnowledgeType.choices]


class LanguageForm(CleanTextMixin, forms.Form):
    # A cleaned `next` would lead somewhere the person did not ask for: it is checked whole.
    raw_fields = ("next",)
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, host: str, secure: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.host, self.secure = host, secure

    def clean_next(self) -> str:
        """A path on this site to return to; anything else (another site, a bare word, control
        characters) returns to the home page."""
        target = self.cleaned_data["next"]
        safe = (
            target.startswith("/")
            and not target.startswith(("//", "/\\"))
            and target.isprintable()
            and url_has_allowed_host_and_scheme(
                target, allowed_hosts={self.host}, require_https=self.secure
            )
        )
        return target if safe else "/"


class PasswordResetForm(CleanTextMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SetPasswordForm(CleanTextMixin, auth_forms.SetPasswordForm):
    """A new password through a reset link: replaces the old one, ends other sessions and
    confirms the address."""

    def save(self, commit=True):
        return services.user_set_password(
            user=self.user, password=self.cleaned_data["new_password1"]
        )


class PasswordChangeForm(CleanTextMixin, auth_forms.PasswordChangeForm):
    def save(self, commit=True):
        return services.user_set_password(
            user=self.user, password=self.cleaned_data["new_password1"]
        )


class ApiTokenForm(CleanTextMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “dashboard of the programme office”."),
    )
    scope = forms.ChoiceField(
        label=_("Allowed to"),
        choices=[
            ("read", _("Only read")),
            ("write", _("Read and write (e.g. say whether you come)")),
        ],
        initial="read",
        widget=forms.RadioSelect,
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        choices=[
            (7, _("a week")),
            (30, _("a month")),
            (90, _("three months")),
            (365, _("a year")),
        ],
        initial=90,
    )


class AccountDeleteForm(CleanTextMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["confirm"].label_suffix = ""  # a checkbox's label is a sentence, no colon

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if self.user is None or not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
