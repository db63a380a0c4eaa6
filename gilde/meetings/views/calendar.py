"""The CoP's calendar: the list of meetings, the schedule generator with its preview, one meeting's
page and its edit form, and iCalendar downloads and feeds."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from gilde.communities.access import Action, community_access, community_view
from gilde.communities.models import Community
from gilde.communities.pages import render_cop
from gilde.meetings import ical, selectors, services
from gilde.meetings.forms.calendar import MeetingForm, ScheduleForm

FEED_URL_SESSION_KEY = "meetings_feed_url"


def _calendar_url(community) -> str:
    return reverse("meetings:calendar", kwargs={"slug": community.slug})


@community_view(Action.VIEW_MEETINGS)
def calendar(request, access):
    community = access.community
    upcoming, past = selectors.calendar_meetings(community=community)
    feed_url = request.build_absolute_uri(reverse("meetings:feed", kwargs={"slug": community.slug}))
    # A new personal feed address is shown once, right after it is made.
    new_feed_url = request.session.pop(f"{FEED_URL_SESSION_KEY}:{community.slug}", None)
    return render(
        request,
        "meetings/calendar_list.html",
        {
            "access": access,
            "community": community,
            "upcoming": upcoming,
            "past": past,
            "can_plan": access.can(Action.PLAN_MEETINGS),
            "public_feed_url": feed_url if community.is_open else "",
            "new_feed_url": new_feed_url,
            "has_token": selectors.calendar_token_active(user=request.user),
        },
    )


@community_view(Action.PLAN_MEETINGS)
def schedule(request, access):
    community = access.community
    if request.method != "POST":
        form = ScheduleForm(
            community=community,
            latest=selectors.meeting_latest(community=community),
            region=selectors.school_region_of(community),
        )
        return _render_schedule(request, access, form)

    form = ScheduleForm(request.POST, community=community)
    if not form.is_valid():
        return _render_schedule(request, access, form)
    if request.POST.get("action") == "confirm":
        data = form.cleaned_data
        try:
            created = services.meeting_schedule(
                community=community,
                actor=request.user,
                dates=[planned.date for planned in form.planned],
                start_time=data["start_time"],
                duration_minutes=data["duration_minutes"],
                title_pattern=data["title_pattern"],
                place=data["place"],
                online_link=data["online_link"],
                school_region=data["school_region"],
                expected_replaced=data["replaces"] if data["replaces"] is not None else [-1],
            )
        except services.StalePlan:
            messages.error(
                request,
                _("The calendar changed since the preview. Check the plan again and confirm it."),
            )
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s meeting is planned.", "%(count)s meetings are planned.", len(created)
                )
                % {"count": len(created)},
            )
            return redirect("meetings:calendar", slug=community.slug)
    return _render_schedule(request, access, form, preview=True)


def _render_schedule(request, access, form, *, preview=False):
    replaced = []
    if preview:
        replaced = selectors.meetings_replaced_by_schedule(community=access.community)
    return render(
        request,
        "meetings/schedule_form.html",
        {
            "access": access,
            "community": access.community,
            "form": form,
            "preview": preview,
            "planned": form.planned if preview else [],
            "moved_count": sum(1 for planned in form.planned if planned.moved) if preview else 0,
            "replaced": replaced,
            "replaced_ids": ",".join(str(meeting.pk) for meeting in replaced),
        },
    )


def _meeting_or_404(access, pk: int):
    return get_object_or_404(access.community.meetings, pk=pk)


@community_view(Action.VIEW_MEETINGS)
def detail(request, access, pk: int):
    meeting = _meeting_or_404(access, pk)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "access": access,
            "community": access.community,
            "meeting": meeting,
            "can_plan": access.can(Action.PLAN_MEETINGS),
            # For the attendance and evaluation sections (meetings/_meeting_*.html).
            "attendance": selectors.meeting_attendance(meeting=meeting, access=access),
            "evaluation": selectors.meeting_evaluation(
                meeting=meeting, membership=access.membership
            ),
        },
    )


@community_view(Action.PLAN_MEETINGS)
def edit(request, access, pk: int):
    meeting = _meeting_or_404(access, pk)
    form = MeetingForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        if services.meeting_update(meeting=meeting, actor=request.user, **form.changes()):
            messages.success(request, _("The meeting is saved."))
        else:
            messages.info(request, _("Nothing changed."))
        return redirect("meetings:detail", slug=access.community.slug, pk=meeting.pk)
    return render_cop(request, access, "meetings/meeting_form.html", form=form, meeting=meeting)


def _ics_response(content: bytes, *, filename: str = "") -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response


def _meeting_url(request, community):
    def url_for(meeting) -> str:
        return request.build_absolute_uri(
            reverse("meetings:detail", kwargs={"slug": community.slug, "pk": meeting.pk})
        )

    return url_for


@community_view(Action.VIEW_MEETINGS)
@require_safe
def ics(request, access, pk: int):
    meeting = _meeting_or_404(access, pk)
    content = ical.meetings_calendar(
        [meeting], _meeting_url(request, access.community), name=access.community.name
    )
    local = meeting.starts_at.astimezone(ical.AMSTERDAM)
    return _ics_response(
        content, filename=f"{access.community.slug}-{local:%Y-%m-%d}-{meeting.pk}.ics"
    )


@require_safe
def feed(request, slug: str):
    """Calendar apps fetch this without a session. A member's personal token (or a member's
    session) opens the whole calendar, places and online links included. Without one, an open
    CoP publishes its public calendar (when, not where: `ical`), and a closed CoP answers 404,
    as does a token that opens nothing, so the feed reveals no closed CoP."""
    community = Community.objects.filter(slug=slug).first()
    if community is None:
        raise Http404
    token = request.GET.get("token", "")
    token_user = selectors.calendar_token_user(community=community, token=token)
    if token and token_user is None:
        raise Http404
    member = request.user.is_authenticated and community_access(request.user, community).can(
        Action.VIEW_MEETINGS
    )
    personal = token_user is not None or member
    if not personal and not community.is_open:
        raise Http404
    content = ical.meetings_calendar(
        selectors.feed_meetings(community=community),
        _meeting_url(request, community),
        name=community.name,
        public=not personal,
    )
    response = _ics_response(content)
    if personal:
        response["Cache-Control"] = "private, no-store"
    return response


@community_view(Action.VIEW_MEETINGS)
@require_POST
def calendar_token(request, access):
    community = access.community
    token = services.calendar_token_create(user=request.user)
    feed_url = reverse("meetings:feed", kwargs={"slug": community.slug})
    request.session[f"{FEED_URL_SESSION_KEY}:{community.slug}"] = request.build_absolute_uri(
        f"{feed_url}?token={token}"
    )
    messages.success(
        request,
        _(
            "Your personal calendar link is ready. Earlier links stop working, also those of "
            "your other CoPs."
        ),
    )
    return redirect(_calendar_url(community) + "#subscribe")


@community_view(Action.VIEW_MEETINGS)
@require_POST
def calendar_token_revoke(request, access):
    services.calendar_token_revoke(user=request.user)
    messages.success(request, _("Your calendar links stop working now."))
    return redirect(_calendar_url(access.community) + "#subscribe")


urlpatterns = [
    path("c/<slug:slug>/meetings/", calendar, name="calendar"),
    path("c/<slug:slug>/meetings/schedule/", schedule, name="schedule"),
    path("c/<slug:slug>/meetings/<int:pk>/", detail, name="detail"),
    path("c/<slug:slug>/meetings/<int:pk>/edit/", edit, name="edit"),
    path("c/<slug:slug>/meetings/<int:pk>/meeting.ics", ics, name="ics"),
    path("c/<slug:slug>/meetings/calendar-token/", calendar_token, name="calendar_token"),
    path(
        "c/<slug:slug>/meetings/calendar-token/revoke/",
        calendar_token_revoke,
        name="calendar_token_revoke",
    ),
    path("c/<slug:slug>/agenda.ics", feed, name="feed"),
]
