from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gilde.core.pagination import paginate

from . import selectors, services
from .forms import MarkForm
from .preferences import preference_pages

app_name = "notifications"


@login_required
def centre(request):
    page = paginate(request, selectors.notifications_of(request.user))
    return render(
        request,
        "notifications/notification_list.html",
        {
            "page": page,
            "rows": selectors.notification_rows(page.object_list),
            "unread": selectors.unread_count(request.user),
            "preference_pages": preference_pages(),
        },
    )


@login_required
@require_POST
def mark_all(request):
    count = services.notifications_mark(user=request.user, read=True)
    messages.success(
        request,
        ngettext(
            "%(count)s notification marked as read.",
            "%(count)s notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:centre")


def _own_or_404(request, pk: int):
    notification = selectors.notification_of(request.user, pk)
    if notification is None:
        raise Http404
    return notification


@login_required
def open_notification(request, pk: int):
    """Follow a notification's link; opening it marks it read."""
    notification = _own_or_404(request, pk)
    services.notifications_mark(user=request.user, read=True, ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("notifications:centre")


@login_required
def mark(request, pk: int):
    # Someone else's notification is as unknown as a made-up id, whatever the method.
    notification = _own_or_404(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MarkForm(request.POST)
    if form.is_valid():
        services.notifications_mark(
            user=request.user, read=form.cleaned_data["read"], ids=[notification.pk]
        )
    else:
        messages.error(request, _("Choose to mark it as read or unread."))
    return redirect("notifications:centre")


urlpatterns = [
    path("inbox/", centre, name="centre"),
    path("inbox/read/", mark_all, name="mark_all"),
    path("inbox/<int:pk>/", open_notification, name="open"),
    path("inbox/<int:pk>/mark/", mark, name="mark"),
]
