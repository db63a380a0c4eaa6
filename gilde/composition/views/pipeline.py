"""Step 2 views: the candidate pipeline (importing candidates and exporting the members have
their own modules)."""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.models import Role
from gilde.communities.pages import delete_page, edit_page
from gilde.communities.services import MembershipError
from gilde.composition import services
from gilde.composition.forms.pipeline import (
    CandidateForm,
    CandidateMoveForm,
)
from gilde.composition.models import (
    Candidate,
    CandidateStatus,
)
from gilde.core.pagination import paginate

CANDIDATE_FIELDS = CandidateForm.Meta.fields

# The pipeline's order: the way in first, then those who left it.
PIPELINE = [
    CandidateStatus.SUGGESTED,
    CandidateStatus.APPROACHED,
    CandidateStatus.INTAKE_PLANNED,
    CandidateStatus.INTAKE_DONE,
    CandidateStatus.INVITED,
    CandidateStatus.MEMBER,
]
LEFT = [CandidateStatus.DECLINED, CandidateStatus.WITHDREW]
ORDER = {status: n for n, status in enumerate(PIPELINE + LEFT)}

# What each status means, under its heading: only "invitation sent" involves Gilde sending mail.
STATUS_HELP = {
    CandidateStatus.SUGGESTED: gettext_lazy("Names to consider. Nobody has been contacted yet."),
    CandidateStatus.APPROACHED: gettext_lazy(
        "Asked in person whether they are interested. Gilde has sent them nothing."
    ),
    CandidateStatus.INTAKE_PLANNED: gettext_lazy(
        "An intake conversation is planned. Gilde has sent them nothing."
    ),
    CandidateStatus.INTAKE_DONE: gettext_lazy(
        "The intake conversation took place. Gilde has sent them nothing."
    ),
    CandidateStatus.INVITED: gettext_lazy(
        "Gilde sent them the CoP's invitation by e-mail. They become a member when they accept it."
    ),
    CandidateStatus.MEMBER: gettext_lazy(
        "In the group. What was noted about them is in their profile in this CoP; the notes stay "
        "here, for the initiator and facilitators only."
    ),
    CandidateStatus.DECLINED: gettext_lazy("Decided not to take part, or not asked after all."),
    CandidateStatus.WITHDREW: gettext_lazy("Dropped out on the way in."),
}

# What choosing each status in the "next" menu does.
MOVE_LABELS = {
    CandidateStatus.SUGGESTED: gettext_lazy("Back to suggested"),
    CandidateStatus.APPROACHED: gettext_lazy("Approached in person"),
    CandidateStatus.INTAKE_PLANNED: gettext_lazy("Intake planned"),
    CandidateStatus.INTAKE_DONE: gettext_lazy("Intake done"),
    CandidateStatus.INVITED: gettext_lazy("Send the invitation"),
    CandidateStatus.MEMBER: gettext_lazy("Already joined another way"),
    CandidateStatus.DECLINED: gettext_lazy("Declined"),
    CandidateStatus.WITHDREW: gettext_lazy("Withdrew"),
}


def _next_statuses(candidate: Candidate) -> list[tuple[str, str]]:
    allowed = sorted(
        (status for status in CandidateStatus if candidate.may_move_to(status)), key=ORDER.get
    )
    labels = {**MOVE_LABELS}
    if candidate.status == CandidateStatus.INVITED:
        labels[CandidateStatus.INVITED] = _("Send the invitation again")
    return [(status.value, str(labels[status])) for status in allowed]


def _context(access, **extra) -> dict:
    return {"access": access, "community": access.community, **extra}


def _also_in_the_group(community, candidates: list[Candidate]):
    """Pending applications, and participants who came in without passing the pipeline."""
    applications = list(
        community.applications.filter(status="pending")
        .select_related("user__organisation")
        .order_by("created_at")
    )
    known = {candidate.email.lower() for candidate in candidates if candidate.email}
    participants = [
        membership
        for membership in community.memberships.filter(role=Role.PARTICIPANT)
        .select_related("user__organisation")
        .order_by("user__name")
        if membership.user.email.lower() not in known
    ]
    return applications, participants


# The pipeline page shows this many per status; "show all" opens that status on its own.
SHOWN_PER_STATUS = 25


@dataclass(frozen=True)
class StatusGroup:
    status: str
    label: str
    help: str
    candidates: list  # the ones shown
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.candidates)


def _group(status, candidates: list, only: str | None, page) -> StatusGroup:
    total = page.paginator.count if page is not None and status == only else len(candidates)
    shown = candidates if page is not None else candidates[:SHOWN_PER_STATUS]
    for candidate in shown:
        candidate.next_statuses = _next_statuses(candidate)
    return StatusGroup(status, status.label, STATUS_HELP[status], shown, total)


@community_view(Action.MANAGE_CANDIDATES)
def candidate_list(request, access):
    community = access.community
    form = CandidateForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CANDIDATE_FIELDS}
        candidate = services.candidate_add(community=community, actor=request.user, **fields)
        messages.success(request, _("%(name)s is added as a candidate.") % {"name": candidate.name})
        return redirect("composition:candidates", slug=community.slug)

    candidates = list(community.candidates.select_related("suggested_by"))
    by_status: dict[str, list[Candidate]] = {status: [] for status in ORDER}
    for candidate in candidates:
        by_status[candidate.status].append(candidate)
    only = request.GET.get("status")
    page = None
    if only in by_status:
        # One status, all of it, a page at a time.
        page = paginate(request, by_status[only])
        by_status = {status: [] for status in ORDER} | {only: list(page.object_list)}
    groups = [_group(status, by_status[status], only, page) for status in PIPELINE]
    left = [_group(status, by_status[status], only, page) for status in LEFT]
    applications, participants = _also_in_the_group(community, candidates)
    return render(
        request,
        "composition/candidate_list.html",
        _context(
            access,
            groups=[group for group in groups if not only or group.status == only],
            left=[group for group in left if not only or group.status == only],
            only=only if page else None,
            page=page,
            candidate_count=len(candidates),
            applications=applications,
            participants=participants,
            also_count=len(applications) + len(participants),
            form=form,
        ),
    )


def _candidate_or_404(access, pk: int) -> Candidate:
    return get_object_or_404(access.community.candidates, pk=pk)


@community_view(Action.MANAGE_CANDIDATES)
def candidate_edit(request, access, pk: int):
    candidate = _candidate_or_404(access, pk)
    return edit_page(
        request,
        access,
        form=CandidateForm(request.POST or None, instance=candidate, community=access.community),
        save=lambda data: services.candidate_update(
            candidate=candidate,
            actor=request.user,
            **{name: data[name] for name in CANDIDATE_FIELDS},
        ),
        template="composition/candidate_form.html",
        done=_("The candidate is saved."),
        next_url=reverse("composition:candidates", args=[access.community.slug]),
        candidate=candidate,
    )


@community_view(Action.MANAGE_CANDIDATES)
@require_POST
def candidate_move(request, access, pk: int):
    candidate = _candidate_or_404(access, pk)
    back = redirect("composition:candidates", slug=access.community.slug)
    form = CandidateMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the status to move %(name)s to.") % {"name": candidate})
        return back
    status = CandidateStatus(form.cleaned_data["status"])
    invitation_pending = bool(candidate.email) and (
        access.community.invitations.pending().filter(email__iexact=candidate.email).exists()
    )
    try:
        candidate = services.candidate_move(candidate=candidate, actor=request.user, status=status)
    except services.TransitionError as error:
        messages.error(request, _transition_refusal(candidate, status, error.code))
        return back
    except MembershipError as error:
        messages.error(request, error.message)
        return back
    name = {"name": candidate.name, "email": candidate.email}
    if candidate.status == CandidateStatus.MEMBER:
        if status == CandidateStatus.INVITED:
            text = _("%(name)s is already a member of this CoP, so no invitation was sent.")
        else:
            text = _("%(name)s is marked as member.")
        text += " " + _("What was noted about them is in their profile in this CoP.")
    elif status == CandidateStatus.INVITED:
        text = _("The invitation is sent to %(email)s. %(name)s becomes a member on accepting it.")
    elif status in (CandidateStatus.DECLINED, CandidateStatus.WITHDREW) and invitation_pending:
        text = _("%(name)s is moved to “%(status)s”; their invitation is withdrawn.")
    else:
        text = _("%(name)s is moved to “%(status)s”.")
    messages.success(request, text % {**name, "status": status.label})
    return back


def _transition_refusal(candidate: Candidate, status: CandidateStatus, code: str) -> str:
    if code == "no_email":
        return _(
            "%(name)s has no e-mail address, and the invitation goes by e-mail. "
            "Add the address first."
        ) % {"name": candidate}
    if code == "not_joined":
        return _(
            "%(name)s is not a member of this CoP yet. Send the invitation: accepting it makes "
            "them a member."
        ) % {"name": candidate}
    return _("%(name)s cannot move from “%(current)s” to “%(target)s”.") % {
        "name": candidate,
        "current": candidate.get_status_display(),
        "target": status.label,
    }


@community_view(Action.MANAGE_CANDIDATES)
def candidate_delete(request, access, pk: int):
    candidate = _candidate_or_404(access, pk)
    return delete_page(
        request,
        access,
        delete=lambda: services.candidate_delete(candidate=candidate, actor=request.user),
        template="composition/candidate_confirm_delete.html",
        done=_("The candidate is deleted."),
        next_url=reverse("composition:candidates", args=[access.community.slug]),
        candidate=candidate,
    )


urlpatterns = [
    path("c/<slug:slug>/group/candidates/", candidate_list, name="candidates"),
    path("c/<slug:slug>/group/candidates/<int:pk>/edit/", candidate_edit, name="candidate_edit"),
    path("c/<slug:slug>/group/candidates/<int:pk>/move/", candidate_move, name="candidate_move"),
    path(
        "c/<slug:slug>/group/candidates/<int:pk>/delete/",
        candidate_delete,
        name="candidate_delete",
    ),
]
