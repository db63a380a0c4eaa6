from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.core.middleware import chosen_language, remember_language
from gilde.core.personal_data import personal_data_blockers
from gilde.core.throttle import Throttled, client_address

from . import selectors, services
from .backends import LOGIN_BACKEND
from .forms import (
    AccountDeleteForm,
    ApiTokenForm,
    ConfirmForm,
    LanguageForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    RegistrationForm,
    SetPasswordForm,
)
from .models import ExportStatus
from .tokens import email_confirmation_token

User = get_user_model()


def register(request):
    if request.user.is_authenticated:
        return redirect("communities:mine")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_register(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
                language=request.LANGUAGE_CODE,
                client=client_address(request),
            )
        except Throttled as error:
            form.add_error(None, error.message)
            return render(request, "accounts/register.html", {"form": form}, status=429)
        # The same page whether the address was free or taken: the e-mail tells its owner.
        return render(request, "accounts/register_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/register.html", {"form": form})


def _user_from_uid(uidb64: str):
    try:
        return User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None


def confirm(request, uidb64: str, token: str):
    """The link alone confirms nothing and logs nobody in: the person also gives the password
    they chose when registering. Then the address is confirmed and they are logged in."""
    user = _user_from_uid(uidb64)
    if user is None or not email_confirmation_token.check_token(user, token):
        return render(request, "accounts/confirm_invalid.html", status=400)
    form = ConfirmForm(request.POST or None, request=request, user=user)
    if request.method == "POST" and form.is_valid():
        services.user_confirm_email(user=user)
        if not user.is_active:
            messages.error(request, str(LoginForm.error_messages["inactive"]))
            return redirect("accounts:login")
        login(request, user, backend=LOGIN_BACKEND)
        messages.success(request, _("Your e-mail address is confirmed. Welcome to Gilde!"))
        return redirect("accounts:profile")
    return render(request, "accounts/confirm.html", {"form": form, "email": user.email})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        # A language picked with the switch before logging in is the person's latest choice.
        response = super().form_valid(form)
        chosen = chosen_language(self.request)
        if chosen and chosen != self.request.user.language:
            services.user_set_language(user=self.request.user, language=chosen)
        return response

    def form_invalid(self, form):
        # Only someone who knows the password hears that the address is unconfirmed.
        if form.has_error("__all__", "unconfirmed"):
            if services.user_send_confirmation(user=form.get_user()):
                form.add_error(None, _("We have sent you a new confirmation link."))
            else:
                form.add_error(
                    None, _("We sent you a confirmation link a short while ago: look for it.")
                )
        return super().form_invalid(form)


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes calls this after too many failed attempts for one account."""
    form = LoginForm(request, data=request.POST or None)
    form.is_bound = False
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked_out": True},
        status=429,
    )


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.user_update_profile(
            user=request.user,
            organisation_name=data["organisation_name"],
            **{name: data[name] for name in ProfileForm.Meta.fields},
        )
        messages.success(request, _("Your profile is saved."))
        response = redirect("accounts:profile")
        remember_language(response, request.user.language)
        return response
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "organisations": selectors.suggestions_for(request.user, "organisation"),
            "industries": selectors.suggestions_for(request.user, "industry"),
            "token_form": ApiTokenForm(prefix="token"),
            **_profile_extras(request.user),
        },
    )


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # This session stays; every other session of the account ends.
        update_session_auth_hash(request, user)
        messages.success(
            request, _("Your password is changed. You are logged out everywhere else.")
        )
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


def password_reset(request):
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_request(
                email=form.cleaned_data["email"], client=client_address(request)
            )
        except Throttled as error:
            form.add_error(None, error.message)
            return render(request, "accounts/password_reset.html", {"form": form}, status=429)
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    form_class=SetPasswordForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


@require_POST
def set_language(request):
    """Switch the interface language; for a logged-in person the choice sticks to the account."""
    form = LanguageForm(request.POST, host=request.get_host(), secure=request.is_secure())
    valid = form.is_valid()
    response = HttpResponseRedirect(form.cleaned_data.get("next") or "/")
    if valid:
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_set_language(user=request.user, language=language)
        remember_language(response, language)
    return response


# Personal access tokens, "Download my data" and "Delete my account" (issue 17)


def _profile_extras(user) -> dict:
    return {
        "tokens": user.api_tokens.all()[:50],
        "export": user.data_exports.filter(expires_at__gt=timezone.now()).first(),
    }


@login_required
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST, prefix="token")
    if not form.is_valid():
        messages.error(request, _("The token was not made: give it a name and choose what it may."))
        return redirect("accounts:profile")
    token, raw = services.api_token_create(
        user=request.user,
        name=form.cleaned_data["name"],
        scope=form.cleaned_data["scope"],
        days=form.cleaned_data["days"],
    )
    # Shown on this response only: never stored, never in a message or the session.
    return render(request, "accounts/token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def token_revoke(request, pk: int):
    if services.api_token_revoke(user=request.user, token_id=pk):
        messages.success(request, _("The token is revoked; it no longer opens anything."))
    return redirect(reverse("accounts:profile") + "#tokens")


@login_required
@require_POST
def data_export_request(request):
    export = services.personal_data_export_request(user=request.user)
    return redirect("accounts:data_export", pk=export.pk)


def _own_export(request, pk):
    export = request.user.data_exports.filter(pk=pk, expires_at__gt=timezone.now()).first()
    if export is None:
        raise Http404
    return export


@login_required
def data_export(request, pk):
    export = _own_export(request, pk)
    return render(request, "accounts/data_export.html", {"export": export})


@login_required
def data_export_download(request, pk):
    export = _own_export(request, pk)
    if export.status != ExportStatus.READY:
        return redirect("accounts:data_export", pk=export.pk)
    response = HttpResponse(bytes(export.content), content_type="application/zip")
    stamp = timezone.localtime(export.finished_at or export.created_at)
    response["Content-Disposition"] = f'attachment; filename="gilde-my-data-{stamp:%Y-%m-%d}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    reasons = personal_data_blockers(request.user)
    if request.method == "POST" and not reasons and form.is_valid():
        try:
            services.account_erase(user=request.user)
        except services.AccountEraseBlocked as error:
            reasons = error.reasons
        else:
            logout(request)
            messages.success(request, _("Your account is deleted. Thank you for taking part."))
            return redirect("core:home")
    return render(
        request,
        "accounts/account_delete.html",
        {"form": form, "reasons": reasons},
        status=409 if request.method == "POST" and reasons else 200,
    )
