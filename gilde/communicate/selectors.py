"""Viewer-aware reads for step 8: which results a viewer sees, the plan, the CoP's organisations,
the reports and the public page."""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from gilde.accounts.models import Organisation
from gilde.communities.access import Action, CommunityAccess
from gilde.communities.models import Community, Role

from .models import PlanItem, PlanStatus, PublicPage, Report, ReportAudience, Result, Visibility


def results_visible_to(access: CommunityAccess) -> QuerySet[Result]:
    """Members see every result of their CoP; nobody else sees any here (public results only
    on the public page)."""
    if not access.can(Action.VIEW_COMMUNICATION):
        return Result.objects.none()
    return access.community.results.prefetch_related("organisations", "people__user")


def public_results(community: Community) -> QuerySet[Result]:
    return community.results.filter(visibility=Visibility.PUBLIC).prefetch_related("organisations")


def results_in_period(community: Community, start: date, end: date, *, public_only: bool):
    results = community.results.filter(achieved_on__gte=start, achieved_on__lte=end)
    if public_only:
        results = results.filter(visibility=Visibility.PUBLIC)
    return results.prefetch_related("organisations").order_by("level", "achieved_on", "pk")


def plan_items(community: Community) -> QuerySet[PlanItem]:
    return community.plan_items.select_related("owner__user")


def plan_items_due(community: Community) -> QuerySet[PlanItem]:
    return plan_items(community).filter(status=PlanStatus.PLANNED, moment__lte=timezone.localdate())


def cop_organisations(community: Community) -> QuerySet[Organisation]:
    """The organisations of the CoP's members (all roles), by name."""
    return (
        Organisation.objects.filter(people__memberships__community=community)
        .distinct()
        .order_by("name")
    )


def cop_people(community: Community):
    """Who may be named as involved in a result: the CoP's members but observers."""
    return (
        community.memberships.exclude(role=Role.OBSERVER)
        .select_related("user")
        .order_by("user__name", "pk")
    )


def reports_of(community: Community) -> list[Report]:
    return list(
        Report.objects.filter(community=community)
        .select_related("organisation")
        .defer("pdf", "docx", "markdown")
        .order_by("audience", "organisation__name")
    )


def report_of(community: Community, pk: int) -> Report | None:
    return (
        Report.objects.filter(community=community, pk=pk)
        .select_related("organisation")
        .defer("pdf", "docx", "markdown")
        .first()
    )


def public_page_of(community: Community) -> PublicPage | None:
    return PublicPage.objects.filter(community=community).first()


def public_page_shown(community: Community) -> bool:
    return PublicPage.objects.filter(community=community, enabled=True).exists()


def public_page_shown_cached(community: Community) -> bool:
    """`public_page_shown`, cached per CoP revision: the learning record's forms ask it on every
    page (may an item be public?) and have a query budget. Switching the page raises the
    revision."""
    from gilde.communities.revision import cached_for

    return bool(
        cached_for(community, "communicate.public_page", lambda: public_page_shown(community))
    )


def field_report(community: Community) -> Report | None:
    """The field report that is ready, for the public page (whatever its revision: the last one
    made stays downloadable until a new one replaces it)."""
    return (
        Report.objects.filter(
            community=community, audience=ReportAudience.FIELD, built_at__isnull=False
        )
        .defer("docx", "markdown")
        .first()
    )


def public_page_urls(communities: list[Community]) -> dict[int, str]:
    from django.urls import reverse

    shown = PublicPage.objects.filter(
        community__in=[c.pk for c in communities], enabled=True
    ).values_list("community_id", "community__slug")
    return {pk: reverse("communicate:public", kwargs={"slug": slug}) for pk, slug in shown}
