"""Attendance: members say whether they come, a facilitator records who was there, and the
meeting's notes for the group and for the facilitators."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop
from gilde.meetings import selectors, services
from gilde.meetings.forms.attendance import MeetingNotesForm, PresenceForm, RsvpForm
from gilde.meetings.models import MeetingStatus


def meeting_or_404(access, pk: int):
    """A meeting of this CoP; another CoP's meeting is as unknown as a made-up id."""
    return get_object_or_404(access.community.meetings.select_related("community"), pk=pk)


def _back_to_meeting(access, meeting):
    return redirect("meetings:detail", slug=access.community.slug, pk=meeting.pk)


@community_view(Action.ATTEND_MEETINGS)
@require_POST
def rsvp(request, access, pk: int):
    meeting = meeting_or_404(access, pk)
    form = RsvpForm(request.POST)
    if meeting.status == MeetingStatus.CANCELLED:
        messages.error(request, _("This meeting is cancelled."))
    elif meeting.ends_at <= timezone.now():
        messages.error(request, _("This meeting is over; you can no longer say whether you come."))
    elif not form.is_valid():
        messages.error(request, _("Choose whether you come: yes, no or maybe."))
    else:
        services.attendance_rsvp(
            meeting=meeting, membership=access.membership, response=form.cleaned_data["response"]
        )
        if not request.htmx:
            messages.success(request, _("Your answer is saved."))
    if request.htmx:
        return render_cop(
            request,
            access,
            "meetings/_meeting_attendance.html",
            meeting=meeting,
            attendance=selectors.meeting_attendance(meeting=meeting, access=access),
            rsvp_saved=form.is_valid(),
        )
    # The home's "now" panel answers from the CoP's home and goes back there.
    back = request.POST.get("next", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return redirect(back)
    return _back_to_meeting(access, meeting)


@community_view(Action.PLAN_MEETINGS)
def attendance(request, access, pk: int):
    meeting = meeting_or_404(access, pk)
    members = list(selectors.attending_members(community=access.community))
    started = meeting.starts_at <= timezone.now()
    rows = {row.membership_id: row for row in meeting.attendances.all()}
    if any(row.present is not None for row in rows.values()):
        initial = [str(pk) for pk, row in rows.items() if row.present]
    else:
        # Nothing recorded yet: start from who said they would come.
        initial = [str(pk) for pk, row in rows.items() if row.response == "yes"]
    form = PresenceForm(request.POST or None, memberships=members, initial={"present": initial})
    if request.method == "POST":
        if form.is_valid() and not started:
            form.add_error(None, _("You can record who was there once the meeting has started."))
        if form.is_valid():
            services.attendance_record(
                meeting=meeting,
                actor=request.user,
                memberships=members,
                present_ids={int(value) for value in form.cleaned_data["present"]},
            )
            messages.success(request, _("Who was there is saved."))
            return _back_to_meeting(access, meeting)
    answers = {pk: row.get_response_display() for pk, row in rows.items() if row.response}
    return render_cop(
        request,
        access,
        "meetings/attendance_form.html",
        meeting=meeting,
        form=form,
        started=started,
        answers=answers,
        rows=[(str(m.pk), m, answers.get(m.pk, "")) for m in members],
        checked=set(form["present"].value() or []),
    )


@community_view(Action.PLAN_MEETINGS)
def notes(request, access, pk: int):
    meeting = meeting_or_404(access, pk)
    form = MeetingNotesForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.meeting_notes_save(
            meeting=meeting,
            actor=request.user,
            notes=form.cleaned_data["notes"],
            facilitator_notes=form.cleaned_data["facilitator_notes"],
        )
        messages.success(request, _("The notes are saved."))
        return _back_to_meeting(access, meeting)
    return render_cop(request, access, "meetings/notes_form.html", meeting=meeting, form=form)


urlpatterns = [
    path("c/<slug:slug>/meetings/<int:pk>/rsvp/", rsvp, name="rsvp"),
    path("c/<slug:slug>/meetings/<int:pk>/attendance/", attendance, name="attendance"),
    path("c/<slug:slug>/meetings/<int:pk>/notes/", notes, name="notes"),
]
