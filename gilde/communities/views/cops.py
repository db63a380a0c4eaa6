"""The CoPs themselves: the directory, my CoPs, starting one, its home, settings and audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.core.audit import audit_describe_html
from gilde.core.pagination import paginate
from gilde.core.pdf import printable_response

from .. import selectors, services
from ..access import Action, community_view
from ..forms import CommunityCreateForm, CommunityForm
from ..home import home_sections
from ..models import Community, Role
from ..offers import public_page_urls
from ..pages import render_cop
from ..plan import plan_sections
from ..settings_panels import settings_panels


def directory(request):
    communities = list(selectors.communities_in_directory())
    urls = public_page_urls(communities)
    for community in communities:
        community.public_results_url = urls.get(community.pk, "")
    return render(request, "communities/community_directory.html", {"communities": communities})


@login_required
def mine(request):
    return render(
        request,
        "communities/community_mine.html",
        {"memberships": selectors.memberships_of(request.user)},
    )


@login_required
def create(request):
    form = CommunityCreateForm(request.POST or None, initial={"start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        community = services.community_create(creator=request.user, **form.cleaned_data)
        messages.success(
            request,
            _(
                "Your CoP is ready. Begin with its question: the list under “Begin here” takes "
                "you through the first steps."
            ),
        )
        return redirect(community)
    return render(request, "communities/community_form.html", {"form": form, "creating": True})


@community_view(Action.VIEW_HOME)
def detail(request, access):
    """The CoP's home: what the viewer has to do now and what is coming (registered sections:
    the "now" panel, the "begin here" list, the step rail, the question, recent activity), then
    who is in the CoP and what it is about."""
    community = access.community
    counts = selectors.role_counts(community)
    context = {
        "access": access,
        "community": community,
        "counts": counts,
        "member_total": sum(counts.values()),
        # Those who run the CoP, by name to whoever may read the member list.
        "runners": selectors.members_running(community) if access.sees_member_names else [],
        "can_leave": access.can_leave(counts[Role.INITIATOR]),
        "sections": home_sections(request, access),
    }
    return render(request, "communities/community_detail.html", context)


@community_view(Action.EDIT_SETTINGS)
def settings_edit(request, access):
    community = access.community
    # The form validates on its own copy, so `community` keeps the saved values: the service
    # compares against them, and a refused form shows the saved name in the page header.
    form = CommunityForm(request.POST or None, instance=Community.objects.get(pk=community.pk))
    if request.method == "POST" and form.is_valid():
        changed = services.community_update(
            community=community, actor=request.user, **form.cleaned_data
        )
        if changed:
            messages.success(request, _("The settings are saved."))
        return redirect(community)
    return render(
        request,
        "communities/community_form.html",
        {
            "form": form,
            "community": community,
            "access": access,
            "panels": settings_panels(request, access),
        },
    )


@community_view(Action.VIEW_AUDIT_LOG)
def audit(request, access):
    page = paginate(request, access.community.audit_entries.select_related("actor"))
    return render_cop(
        request,
        access,
        "communities/audit_list.html",
        page=page,
        entries=[(entry, audit_describe_html(entry)) for entry in page.object_list],
    )


def _plan(request, access, *, as_pdf: bool):
    return printable_response(
        request,
        "communities/plan_print.html",
        {"access": access, "community": access.community, "sections": plan_sections(access)},
        filename=f"{access.community.slug}-plan.pdf",
        as_pdf=as_pdf,
    )


@community_view(Action.VIEW_STEPS)
def plan(request, access):
    """The CoP plan (question, yields, group, facilitators, calendar), to print."""
    return _plan(request, access, as_pdf=False)


@community_view(Action.VIEW_STEPS)
def plan_pdf(request, access):
    return _plan(request, access, as_pdf=True)
