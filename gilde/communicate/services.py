"""Writes for step 8: results, the communication plan, report requests and the public page. Each
write runs in a transaction and leaves an audit entry; reports are written with `update()` only
(see `Report`)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.models import Community
from gilde.core.audit import audit_log, delete_logged, save_logged
from gilde.core.document_jobs import job_request

from .models import (
    Audience,
    PlanItem,
    PublicPage,
    Report,
    ReportAudience,
    Result,
)


def _store_attachment(result: Result, upload) -> None:
    if upload is None:
        return
    if result.attachment:
        result.attachment.delete(save=False)
    result.attachment_name = upload.name[:120]
    result.attachment_size = upload.size
    result.attachment.save(upload.name, upload, save=False)


@transaction.atomic
def result_add(
    *, community: Community, actor, people=(), organisations=(), attachment=None, **fields
) -> Result:
    result = Result(community=community, added_by=actor, **fields)
    _store_attachment(result, attachment)
    result.save()
    result.people.set(people)
    result.organisations.set(organisations)
    audit_log(community=community, actor=actor, action="result.added", title=result.title)
    return result


@transaction.atomic
def result_update(
    *,
    result: Result,
    actor,
    people=(),
    organisations=(),
    attachment=None,
    remove_attachment=False,
    **fields,
) -> Result:
    if remove_attachment and result.attachment:
        result.attachment.delete(save=False)
        result.attachment_name, result.attachment_size = "", 0
    _store_attachment(result, attachment)
    save_logged(
        result,
        fields=fields,
        community=result.community,
        actor=actor,
        action="result.changed",
        title=fields.get("title", result.title),
    )
    result.people.set(people)
    result.organisations.set(organisations)
    return result


@transaction.atomic
def result_delete(*, result: Result, actor) -> None:
    if result.attachment:
        stored = result.attachment
        transaction.on_commit(lambda: stored.delete(save=False))
    delete_logged(
        result, community=result.community, actor=actor, action="result.deleted", title=result.title
    )


@transaction.atomic
def plan_item_add(*, community: Community, actor, **fields) -> PlanItem:
    item = PlanItem.objects.create(community=community, **fields)
    audit_log(community=community, actor=actor, action="plan_item.added")
    return item


@transaction.atomic
def plan_item_update(*, item: PlanItem, actor, **fields) -> PlanItem:
    if "moment" in fields and fields["moment"] != item.moment:
        fields["reminded_for"] = None  # a new moment gets its own reminder
    return save_logged(
        item, fields=fields, community=item.community, actor=actor, action="plan_item.changed"
    )


@transaction.atomic
def plan_item_delete(*, item: PlanItem, actor) -> None:
    delete_logged(item, community=item.community, actor=actor, action="plan_item.deleted")


def _default_plan(community: Community) -> list[tuple[str, str, str, date | None]]:
    """The usual audiences of a CoP's communication, with a first idea for each (our own
    words, after the toolbox's step 8): (audience, message, channel, moment)."""
    start, end = community.start_date, community.end_date
    midpoint = start + (end - start) / 2
    return [
        (
            Audience.ORGANISATIONS,
            _("What the CoP brings our organisations so far, and what we need from them."),
            _("Report for each organisation, talked through with the sponsor"),
            midpoint,
        ),
        (
            Audience.FUNDER,
            _("What we set out to achieve, what it yielded, and what comes next."),
            _("Report for the initiator or funder"),
            end - timedelta(days=30),
        ),
        (
            Audience.FIELD,
            _("The lessons and results others in the field can use."),
            _("Public results page and a field report"),
            end,
        ),
        (
            Audience.PARTICIPANTS,
            _("Where we stand: what we achieved together and what is still open."),
            _("At a meeting"),
            midpoint,
        ),
    ]


@transaction.atomic
def plan_defaults_add(*, community: Community, actor) -> int:
    """Add a line for each usual audience the plan does not name yet; returns how many."""
    present = set(community.plan_items.values_list("audience", flat=True))
    added = 0
    for audience, message, channel, moment in _default_plan(community):
        if audience in present:
            continue
        PlanItem.objects.create(
            community=community, audience=audience, message=message, channel=channel, moment=moment
        )
        added += 1
    if added:
        audit_log(community=community, actor=actor, action="plan.defaults")
    return added


def report_get_or_create(
    *, community: Community, audience: str, organisation_id: int | None = None
) -> Report:
    """The report row for the audience (and organisation), made without raising the CoP's
    revision."""
    organisation_id = organisation_id if audience == ReportAudience.ORGANISATION else None
    lookup = {"community": community, "audience": audience, "organisation_id": organisation_id}
    report = Report.objects.filter(**lookup).first()
    if report is None:
        Report.objects.bulk_create(
            [Report(**lookup, period_start=community.start_date)], ignore_conflicts=True
        )
        report = Report.objects.get(**lookup)
    return report


def report_settings_save(
    *, report: Report, period_start: date | None, period_end: date | None, introduction: str
) -> None:
    """Keep the period and introduction; the files made before no longer match them."""
    Report.objects.filter(pk=report.pk).update(
        period_start=period_start,
        period_end=period_end,
        introduction=introduction,
        built_revision=None,
    )


def report_request(*, report: Report, community: Community, actor) -> bool:
    """Queue the report unless it is current or already waiting or being made: asking twice gives
    one job. Returns whether a job was queued."""
    from .tasks import report_generate  # the task module renders documents

    if report.is_current(community):
        return False
    queued = job_request(Report, report.pk)
    if not queued:
        return False
    audit_log(
        community=community,
        actor=actor,
        action="report.requested",
        audience=str(ReportAudience(report.audience).label),
    )
    report_id = report.pk
    transaction.on_commit(lambda: report_generate.enqueue(report_id))
    return True


def report_mark_shared(*, report: Report, on: date) -> None:
    Report.objects.filter(pk=report.pk).update(shared_at=on)


@transaction.atomic
def public_page_save(
    *, community: Community, actor, enabled: bool, summary: str, organisations
) -> PublicPage:
    page, _created = PublicPage.objects.get_or_create(community=community)
    save_logged(
        page,
        fields={"enabled": enabled, "summary": summary, "changed_at": timezone.now()},
        community=community,
        actor=actor,
        action="public_page.changed",
    )
    page.organisations.set(organisations)
    return page
