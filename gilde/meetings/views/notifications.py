"""Meetings views: how a person wants to hear about meetings (each e-mail, a digest, none)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from ..forms.notifications import NotificationPreferenceForm
from ..notifications import notification_preference_set, preference_mode


@login_required
def notification_preference(request):
    form = NotificationPreferenceForm(
        request.POST or None, initial={"mode": preference_mode(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        notification_preference_set(user=request.user, mode=form.cleaned_data["mode"])
        messages.success(request, _("Your choice for e-mails about meetings is saved."))
        return redirect("meetings:notification_preference")
    return render(request, "meetings/notification_preference.html", {"form": form})


urlpatterns = [
    path("notifications/", notification_preference, name="notification_preference"),
]
