"""Step 7 in the REST API (registered with gilde.core.api): experiments and learning entries,
each read only through the sharing tiers of `selectors.py` (a private item reaches nobody but its
author), and adding an entry to one's own learning record (the page's form and service)."""

from datetime import date, datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from gilde.communities.access import Action
from gilde.communities.api import api_access, api_member
from gilde.communities.calendar import meetings_of
from gilde.core.api import ERRORS, ApiError, cursor_page, register_api_router
from gilde.guide.selectors import work_forms_for

from . import selectors, services
from .forms import EntryForm
from .models import EntryKind, Tier
from .views.record import _entry_links

router = Router(tags=["learning"])


class ExperimentOut(Schema):
    id: int
    title: str
    author: str
    own: bool
    partner: str
    learning_question: str
    expectation: str
    helpers: str
    due_on: date
    meeting_id: int | None
    status: str
    tier: str
    checkin_note: str
    report_happened: str
    report_learned: str
    report_next: str
    reported_at: datetime | None
    url: str


class ExperimentPage(Schema):
    items: list[ExperimentOut]
    next_cursor: str | None


class EntryOut(Schema):
    id: int
    kind: str
    body: str
    author: str
    own: bool
    tier: str
    meeting_id: int | None
    experiment_id: int | None
    work_form: str
    tags: list[str]
    has_attachment: bool
    created_at: datetime


class EntryPage(Schema):
    items: list[EntryOut]
    next_cursor: str | None


class EntryIn(Schema):
    kind: EntryKind
    body: str
    tier: Tier = Tier.PRIVATE
    meeting_id: int | None = None
    experiment_id: int | None = None
    work_form: str = ""
    tags: str = ""


def _own(access, item) -> bool:
    return access.membership is not None and item.membership_id == access.membership.pk


def _experiment(access, item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "author": access.member_label(item.membership),
        "own": _own(access, item),
        "partner": access.member_label(item.partner),
        "learning_question": item.learning_question,
        "expectation": item.expectation,
        "helpers": item.helpers,
        "due_on": item.due_on,
        "meeting_id": item.meeting_id,
        "status": item.status,
        "tier": item.tier,
        "checkin_note": item.checkin_note,
        "report_happened": item.report_happened,
        "report_learned": item.report_learned,
        "report_next": item.report_next,
        "reported_at": item.reported_at,
        "url": reverse(
            "learning:experiment",
            kwargs={"slug": access.community.slug, "experiment": item.pk},
        ),
    }


def _entry(access, item) -> dict:
    return {
        "id": item.pk,
        "kind": item.kind,
        "body": item.body,
        "author": access.member_label(item.membership),
        "own": _own(access, item),
        "tier": item.tier,
        "meeting_id": item.meeting_id,
        "experiment_id": item.experiment_id,
        "work_form": item.work_form_key,
        "tags": item.tag_list,
        "has_attachment": bool(item.attachment),
        "created_at": item.created_at,
    }


def _entries_page(access, queryset, cursor, limit) -> dict:
    rows, next_cursor = cursor_page(queryset, cursor=cursor, limit=limit)
    return {"items": [_entry(access, item) for item in rows], "next_cursor": next_cursor}


@router.get(
    "/cops/{slug}/learning/experiments",
    response={200: ExperimentPage, **ERRORS},
    summary="Experiments you may read",
    description=(
        "By due date. Your own, and what others shared with you: with their buddy, with the "
        "facilitators (facilitators only), with the whole CoP. A private experiment reaches "
        "nobody else."
    ),
)
def experiments(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = api_access(request, slug, Action.VIEW_LEARNING)
    rows, next_cursor = cursor_page(
        selectors.experiments_visible_to(access),
        cursor=cursor,
        limit=limit,
        keys=("due_on", "pk"),
        parse=(date.fromisoformat, int),
    )
    return {"items": [_experiment(access, item) for item in rows], "next_cursor": next_cursor}


@router.get(
    "/cops/{slug}/learning/experiments/{experiment_id}",
    response={200: ExperimentOut, **ERRORS},
    summary="An experiment",
)
def experiment(request, slug: str, experiment_id: int):
    access = api_access(request, slug, Action.VIEW_LEARNING, names_object=True)
    item = selectors.experiments_visible_to(access).filter(pk=experiment_id).first()
    if item is None:
        raise ApiError(
            404, "not_found", _("There is no such experiment, or it is not yours to see.")
        )
    return _experiment(access, item)


@router.get(
    "/cops/{slug}/learning/shared",
    response={200: EntryPage, **ERRORS},
    summary="What others shared of their learning with you",
    description="Entries of other members' learning records, through the same tiers.",
)
def shared(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = api_access(request, slug, Action.VIEW_LEARNING)
    return _entries_page(access, selectors.shared_entries_for(access), cursor, limit)


@router.get(
    "/cops/{slug}/learning/entries",
    response={200: EntryPage, **ERRORS},
    summary="Your own learning record's entries",
)
def entries(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = api_access(request, slug, Action.KEEP_RECORD)
    own = access.community.learning_entries.filter(membership=access.membership)
    return _entries_page(access, own, cursor, limit)


@router.post(
    "/cops/{slug}/learning/entries",
    response={201: EntryOut, **ERRORS},
    summary="Add an entry to your learning record",
    description=(
        "`tier` says who sees it (private unless you choose otherwise; `public` only where the "
        "CoP has a public page). `meeting_id` one of the CoP's meetings, `experiment_id` one of "
        "your experiments, `work_form` a work form's key; `tags` separated by commas."
    ),
)
def entry_add(request, slug: str, body: EntryIn):
    access = api_access(request, slug, Action.KEEP_RECORD)
    form = EntryForm(
        {
            "kind": body.kind,
            "body": body.body,
            "tier": body.tier,
            "meeting": "" if body.meeting_id is None else str(body.meeting_id),
            "experiment": "" if body.experiment_id is None else str(body.experiment_id),
            "work_form_key": body.work_form,
            "tags": body.tags,
        },
        community=access.community,
        meetings=meetings_of(access.community),
        experiments=list(selectors.own_experiments(access)),
        work_forms=work_forms_for(access.community),
    )
    fields = _entry_links(access, form) if form.is_valid() else None
    if fields is None:
        names = {
            "meeting": "meeting_id",
            "experiment": "experiment_id",
            "work_form_key": "work_form",
        }
        details = [
            {"loc": ["body", names.get(name, name)], "msg": str(message)}
            for name, messages in form.errors.items()
            for message in messages
        ]
        raise ApiError(422, "invalid", str(details[0]["msg"]), details)
    item = services.entry_add(membership=api_member(access), **fields)
    return Status(201, _entry(access, item))


register_api_router(router, order=60)
