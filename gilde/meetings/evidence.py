"""What meetings tell other apps, through registries in communities: the evidence of a period for
a monitoring cycle (aggregates only; the evaluation only through its gate, from its threshold),
and agenda items as interventions a barrier can be linked to."""

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gilde.communities.access import CommunityAccess
from gilde.communities.evidence import EvidenceItem, evidence_provider
from gilde.communities.interventions import Intervention, intervention_source

from .models import ANONYMITY_THRESHOLD, AgendaItem, Attendance, MeetingStatus
from .selectors import evaluation_content, ownership_per_meeting, ownership_share


@intervention_source(key="meetings.agenda_item", label=gettext_lazy("Agenda items"))
def agenda_item_interventions(community) -> list[Intervention]:
    items = (
        AgendaItem.objects.filter(meeting__community=community)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("meeting")
        .order_by("meeting__starts_at", "position", "pk")
    )
    return [
        Intervention(
            ref=f"meetings.agenda_item:{item.pk}",
            label=f"{item.meeting.title}: {item.title}",
            url=reverse("meetings:detail", args=[community.slug, item.meeting_id]),
        )
        for item in items
    ]


@evidence_provider(key="meetings", order=20, label=gettext_lazy("Meetings"))
def meeting_evidence(community, period) -> list[EvidenceItem]:
    meetings = [
        meeting
        for meeting in community.meetings.filter(
            status=MeetingStatus.HELD, starts_at__gte=period.start, starts_at__lt=period.end
        ).order_by("starts_at")
    ]
    if not meetings:
        return [EvidenceItem(_("Meetings held"), 0)]
    items = [EvidenceItem(_("Meetings held"), len(meetings))]
    attendance = Attendance.objects.filter(meeting__in=meetings, present__isnull=False)
    recorded = attendance.count()
    if recorded:
        present = attendance.filter(present=True).count()
        items.append(
            EvidenceItem(_("Attendance"), round(100 * present / recorded), "%", level="participant")
        )
    # The evaluation only through its gate: closed, and from its threshold of participants.
    outside_view = CommunityAccess(community, None, True)
    contents = evaluation_content(meetings=meetings, access=outside_view, open_answers=False)
    per_question: dict = {}
    for meeting in meetings:
        for result in contents[meeting.pk].scale:
            if result.average is not None:
                per_question.setdefault(result.question.text, []).append(result.average)
    shown = sum(1 for meeting in meetings if contents[meeting.pk].shown)
    for text, averages in per_question.items():
        items.append(
            EvidenceItem(
                _("Evaluation: %(question)s") % {"question": text},
                round(sum(averages) / len(averages), 1),
                "/ 5",
                note=_("first %(first)s, last %(last)s")
                % {"first": number_format(averages[0], 1), "last": number_format(averages[-1], 1)}
                if len(averages) > 1
                else "",
                level="participant",
            )
        )
    if shown < len(meetings):
        items.append(
            EvidenceItem(
                _("Evaluations not shown"),
                len(meetings) - shown,
                note=ngettext(
                    "An evaluation counts from %(n)s participant's answer, once it closed.",
                    "An evaluation counts from %(n)s participants' answers, once it closed.",
                    ANONYMITY_THRESHOLD,
                )
                % {"n": ANONYMITY_THRESHOLD},
            )
        )
    held = [m for m in ownership_per_meeting(community=community) if m.starts_at in period]
    share = ownership_share(held)
    if share is not None:
        items.append(EvidenceItem(_("Agenda items led by participants"), share, "%"))
    return items
