"""Step 6 views: value-creation stories and their matrix."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.access import Action, community_view
from gilde.communities.pages import render_cop
from gilde.core.pagination import paginate

from .. import selectors, services
from ..forms import CYCLE_PROMPTS, ValueStoryForm
from ..models import EXTRA_CYCLES, MAIN_CYCLES


@community_view(Action.VIEW_MONITORING)
def stories(request, access):
    visible = list(selectors.value_stories_visible_to(access=access))
    return render_cop(
        request,
        access,
        "monitoring/story_list.html",
        matrix=selectors.value_matrix(visible),
        page=paginate(request, visible, per_page=20),
        can_write=access.can(Action.TAKE_PART_IN_MONITORING),
    )


def _story_or_404(access, pk: int):
    story = selectors.value_story_or_none(access=access, pk=pk)
    if story is None:
        raise Http404
    return story


@community_view(Action.VIEW_MONITORING)
def story_detail(request, access, pk: int):
    story = _story_or_404(access, pk)
    return render_cop(
        request,
        access,
        "monitoring/story_detail.html",
        story=story,
        parts=selectors.story_parts(story),
        prompts=CYCLE_PROMPTS,
        is_author=access.membership is not None and story.author_id == access.membership.pk,
    )


@community_view(Action.TAKE_PART_IN_MONITORING)
def story_edit(request, access, pk: int | None = None):
    story = _story_or_404(access, pk) if pk else None
    if story is not None and story.author_id != access.membership.pk:
        raise PermissionDenied
    form = ValueStoryForm(
        request.POST or None,
        story=story,
        parts=list(story.parts.all()) if story else None,
        initial={} if story else {"told_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story = services.value_story_save(
                community=access.community,
                author=access.membership,
                title=data["title"],
                told_on=data["told_on"],
                tier=data["tier"],
                parts=form.parts(),
                story=story,
            )
        except services.MonitoringError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The story is saved."))
            return redirect("monitoring:story", slug=access.community.slug, pk=story.pk)
    return render_cop(
        request,
        access,
        "monitoring/story_form.html",
        form=form,
        story=story,
        main_rows=form.main_rows(),
        extra_rows=form.extra_rows(),
        main_cycles=MAIN_CYCLES,
        extra_cycles=EXTRA_CYCLES,
    )


@community_view(Action.TAKE_PART_IN_MONITORING)
def story_delete(request, access, pk: int):
    story = _story_or_404(access, pk)
    if story.author_id != access.membership.pk:
        raise PermissionDenied
    if request.method == "POST":
        services.value_story_delete(story=story, author=access.membership)
        messages.success(request, _("The story is deleted."))
        return redirect("monitoring:stories", slug=access.community.slug)
    return render_cop(request, access, "monitoring/story_confirm_delete.html", story=story)


urlpatterns = [
    path("c/<slug:slug>/monitoring/stories/", stories, name="stories"),
    path("c/<slug:slug>/monitoring/stories/new/", story_edit, name="story_new"),
    path("c/<slug:slug>/monitoring/stories/<int:pk>/", story_detail, name="story"),
    path("c/<slug:slug>/monitoring/stories/<int:pk>/edit/", story_edit, name="story_edit"),
    path("c/<slug:slug>/monitoring/stories/<int:pk>/delete/", story_delete, name="story_delete"),
]
