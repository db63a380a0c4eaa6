"""A member's learning record: goals and questions with versions, entries, attachments, the
meeting take-away, and the group view of what others shared."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gilde.communities.access import Action, community_view
from gilde.communities.calendar import meeting_of, meetings_of
from gilde.communities.members import intake_answers
from gilde.communities.pages import render_cop
from gilde.core.pagination import paginate
from gilde.core.versioning import conflict_rows, field_labels
from gilde.guide.selectors import work_forms_for

from .. import selectors, services
from ..forms import EntryFilterForm, EntryForm, GoalsForm, TakeawayForm, TierForm, tier_choices
from ..models import GoalsVersion, LearningRecord
from .versions import compare

ENTRIES_PER_PAGE = 20
GOALS_FIELDS = ("goals", "questions")


def _filters(request, meetings) -> tuple[EntryFilterForm, selectors.EntryFilter]:
    form = EntryFilterForm(request.GET or None, meetings=meetings)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, selectors.EntryFilter(
            kind=data["kind"], meeting=data["meeting"], tag=data["tag"]
        )
    return form, selectors.EntryFilter()


@community_view(Action.KEEP_RECORD)
def record(request, access):
    membership = access.membership
    meetings = meetings_of(access.community)
    form, filters = _filters(request, meetings)
    entries = access.community.learning_entries.filter(membership=membership).select_related(
        "meeting", "experiment"
    )
    page = paginate(
        request, selectors.entries_filtered(entries, filters), per_page=ENTRIES_PER_PAGE
    )
    page.object_list = selectors.with_work_forms(access.community, page.object_list)
    goals = selectors.record_of(membership)
    intake = None
    if goals is None or not (goals.goals or goals.questions):
        intake = intake_answers(membership)
    return render_cop(
        request,
        access,
        "learning/record_detail.html",
        goals=goals,
        intake=intake,
        buddies=selectors.buddies_of(membership),
        page=page,
        filter_form=form,
        filters=filters,
        tiers=tier_choices(access.community),
    )


def _entry_form(request, access, *, entry=None, initial=None):
    meetings = meetings_of(access.community)
    return EntryForm(
        request.POST or None,
        request.FILES or None,
        community=access.community,
        meetings=meetings,
        experiments=list(selectors.own_experiments(access)),
        work_forms=work_forms_for(access.community),
        has_file=bool(entry and entry.attachment),
        initial=initial,
    )


def _entry_links(access, form) -> dict | None:
    """The meeting and experiment named in the form, checked against this CoP and member."""
    data = form.cleaned_data
    meeting_id = data["meeting"]
    if meeting_id is not None and meeting_of(access.community, meeting_id) is None:
        form.add_error("meeting", _("Choose one of the CoP's meetings."))
        return None
    experiment = None
    if data["experiment"] is not None:
        experiment = selectors.own_experiments(access).filter(pk=data["experiment"]).first()
        if experiment is None:
            form.add_error("experiment", _("Choose one of your experiments."))
            return None
    return {
        "kind": data["kind"],
        "body": data["body"],
        "tier": data["tier"],
        "meeting_id": meeting_id,
        "experiment": experiment,
        "work_form_key": data["work_form_key"],
        "tags": data["tags"],
    }


@community_view(Action.KEEP_RECORD)
def entry_new(request, access):
    initial = {"kind": request.GET.get("kind", "insight")}
    for key in ("meeting", "experiment"):
        if request.GET.get(key, "").isdigit():
            initial[key] = request.GET[key]
    form = _entry_form(request, access, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = _entry_links(access, form)
        if fields is not None:
            services.entry_add(
                membership=access.membership,
                attachment=form.cleaned_data["attachment"] or None,
                **fields,
            )
            messages.success(request, _("Your entry is saved."))
            return redirect("learning:record", slug=access.community.slug)
    return render_cop(request, access, "learning/entry_form.html", form=form, entry=None)


@community_view(Action.KEEP_RECORD)
def entry_edit(request, access, entry: int):
    item = selectors.own_entry_or_404(access, entry)
    initial = {
        "kind": item.kind,
        "body": item.body,
        "tier": item.tier,
        "meeting": item.meeting_id,
        "experiment": item.experiment_id,
        "work_form_key": item.work_form_key,
        "tags": ", ".join(item.tag_list),
    }
    form = _entry_form(request, access, entry=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = _entry_links(access, form)
        if fields is not None:
            services.entry_update(
                entry=item,
                attachment=form.cleaned_data["attachment"] or None,
                remove_attachment=form.cleaned_data.get("remove_attachment", False),
                **fields,
            )
            messages.success(request, _("Your entry is saved."))
            return redirect("learning:record", slug=access.community.slug)
    return render_cop(request, access, "learning/entry_form.html", form=form, entry=item)


@community_view(Action.KEEP_RECORD)
@require_POST
def entry_tier(request, access, entry: int):
    item = selectors.own_entry_or_404(access, entry)
    form = TierForm(request.POST, community=access.community)
    if form.is_valid():
        services.entry_tier_set(entry=item, tier=form.cleaned_data["tier"])
        if not request.htmx:
            messages.success(request, _("Who sees the entry is changed."))
    elif not request.htmx:
        messages.error(request, _("Choose who may see the entry."))
    if request.htmx:
        return render_cop(
            request,
            access,
            "learning/record_detail.html#entry",
            entry=item,
            tiers=tier_choices(access.community),
            tier_saved=form.is_valid(),
        )
    return redirect("learning:record", slug=access.community.slug)


@community_view(Action.KEEP_RECORD)
def entry_delete(request, access, entry: int):
    item = selectors.own_entry_or_404(access, entry)
    if request.method == "POST":
        services.entry_delete(entry=item)
        messages.success(request, _("The entry is deleted."))
        return redirect("learning:record", slug=access.community.slug)
    return render_cop(request, access, "learning/entry_confirm_delete.html", entry=item)


@community_view(Action.VIEW_LEARNING)
def attachment(request, access, entry: int):
    """An attachment, for whoever may read its entry; never a public file."""
    item = selectors.entry_visible_or_404(access, entry)
    if not item.attachment:
        raise Http404
    try:
        handle = item.attachment.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=item.attachment_name)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@community_view(Action.KEEP_RECORD)
@require_POST
def takeaway(request, access, meeting: int):
    ref = meeting_of(access.community, meeting)
    if ref is None:
        raise Http404
    form = TakeawayForm(request.POST, access=access)
    if form.is_valid():
        services.meeting_takeaway_add(
            membership=access.membership,
            meeting_id=ref.id,
            body=form.cleaned_data["body"],
            tier=form.cleaned_data["tier"],
        )
        messages.success(request, _("Saved in your learning record."))
        return redirect("meetings:detail", slug=access.community.slug, pk=ref.id)
    return render_cop(request, access, "learning/takeaway_form.html", form=form, meeting=ref)


# Goals and questions


def _goals_initial(access, record: LearningRecord | None) -> dict:
    if record is not None and (record.goals or record.questions):
        return {"goals": record.goals, "questions": record.questions, "revision": record.revision}
    intake = intake_answers(access.membership)
    return {
        "goals": record.goals if record else "",
        "questions": (record.questions if record else "")
        or (intake.learning_questions if intake else ""),
        "revision": record.revision if record else 0,
    }


@community_view(Action.KEEP_RECORD)
def goals_edit(request, access):
    record = selectors.record_of(access.membership)
    form = GoalsForm(request.POST or None, initial=_goals_initial(access, record))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.goals_save(
                membership=access.membership,
                actor=request.user,
                revision=data["revision"],
                goals=data["goals"],
                questions=data["questions"],
                note=data["note"],
            )
        except services.StaleEdit as stale:
            yours = {"goals": data["goals"], "questions": data["questions"]}
            conflict = GoalsForm(initial={**yours, "revision": stale.current.revision})
            rows = conflict_rows(stale.current, yours, field_labels(LearningRecord, GOALS_FIELDS))
            return render_cop(
                request,
                access,
                "learning/goals_conflict.html",
                status=409,
                form=conflict,
                rows=rows,
            )
        if version:
            messages.success(
                request, _("Saved as version %(number)s.") % {"number": version.number}
            )
        else:
            messages.info(request, _("Nothing changed, so no new version was made."))
        return redirect("learning:record", slug=access.community.slug)
    tier_form = TierForm(
        initial={"tier": record.goals_tier if record else "private"}, community=access.community
    )
    return render_cop(
        request, access, "learning/goals_form.html", form=form, tier_form=tier_form, record=record
    )


@community_view(Action.KEEP_RECORD)
@require_POST
def goals_tier(request, access):
    form = TierForm(request.POST, community=access.community)
    if form.is_valid():
        services.goals_tier_set(membership=access.membership, tier=form.cleaned_data["tier"])
        messages.success(request, _("Who sees your goals and questions is changed."))
    else:
        messages.error(request, _("Choose who may see your goals and questions."))
    return redirect("learning:goals", slug=access.community.slug)


@community_view(Action.KEEP_RECORD)
def goals_history(request, access):
    record = selectors.record_of(access.membership)
    versions = list(record.versions.select_related("author")) if record else []
    labels = field_labels(GoalsVersion, GOALS_FIELDS)
    return render_cop(
        request,
        access,
        "learning/goals_history.html",
        versions=versions,
        **compare(request, versions, labels),
    )


# What the group shared


@community_view(Action.VIEW_LEARNING)
def group(request, access):
    buddies = selectors.buddies_of(access.membership)
    meetings = meetings_of(access.community)
    form, filters = _filters(request, meetings)
    member = request.GET.get("member", "")
    if member.isdigit() and len(member) < 19:
        filters = selectors.EntryFilter(
            kind=filters.kind, meeting=filters.meeting, tag=filters.tag, member=int(member)
        )
    entries = selectors.entries_filtered(
        selectors.shared_entries_for(access, buddies=buddies), filters
    )
    page = paginate(request, entries, per_page=ENTRIES_PER_PAGE)
    page.object_list = selectors.with_work_forms(access.community, page.object_list)
    goals = list(
        selectors.goals_visible_to(access, buddies=buddies)
        .exclude(membership=access.membership)
        .exclude(goals="", questions="")
        .order_by("membership__user__name")
    )
    return render_cop(
        request,
        access,
        "learning/group_view.html",
        page=page,
        goals=goals,
        filter_form=form,
        filters=filters,
        buddies=buddies,
    )
