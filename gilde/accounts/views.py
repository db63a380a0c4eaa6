from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.core.middleware import chosen_language, remember_language

from . import services
from .backends import LOGIN_BACKEND
from .forms import LanguageForm, LoginForm, PasswordResetForm, ProfileForm, RegistrationForm
from .models import Organisation
from .tokens import email_confirmation_token

User = get_user_model()


def register(request):
    if request.user.is_authenticated:
        return redirect("communities:mine")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_register(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            password=form.cleaned_data["password1"],
            language=request.LANGUAGE_CODE,
        )
        return render(request, "accounts/register_done.html", {"email": user.email})
    return render(request, "accounts/register.html", {"form": form})


def confirm(request, uidb64: str, token: str):
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not email_confirmation_token.check_token(user, token):
        return render(request, "accounts/confirm_invalid.html", status=400)
    services.user_confirm(user=user)
    login(request, user, backend=LOGIN_BACKEND)
    messages.success(request, _("Your e-mail address is confirmed. Welcome to Gilde!"))
    return redirect("accounts:profile")


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
        if form.has_error("__all__", "inactive"):
            services.user_send_confirmation(user=form.get_user())
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
            "organisations": Organisation.objects.values_list("name", flat=True)[:500],
            "sectors": User.objects.exclude(sector="")
            .order_by("sector")
            .values_list("sector", flat=True)
            .distinct()[:200],
        },
    )


password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    form_class=PasswordResetForm,
    email_template_name="accounts/email/password_reset_body.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


@require_POST
def set_language(request):
    """Switch the interface language; for a logged-in person the choice sticks to the account."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    # A path, never a view name: redirect("25:61") would look for a URL namespace and fail.
    response = HttpResponseRedirect(next_url)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_set_language(user=request.user, language=language)
        remember_language(response, language)
    return response
