"""Who plans one meeting: the views of its agenda ask here, right after `@community_view`."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..services import meeting_facilitator_ids


def meeting_to_plan(access, pk: int):
    """The meeting, when the viewer may plan its agenda (`CommunityAccess.can_plan_meeting`):
    404 for an unknown meeting, 403 for a member who does not plan this one."""
    meeting = get_object_or_404(access.community.meetings, pk=pk)
    if not access.can_plan_meeting(meeting_facilitator_ids(meeting)):
        raise PermissionDenied
    return meeting


def plans_meeting(view):
    """Decorate `view(request, access, meeting, **kwargs)` under `@community_view`: the URL's
    `pk` becomes the meeting, for those who plan it. It goes before `@require_POST`, so a member
    who may not plan the meeting gets a 403 whatever the method."""

    @wraps(view)
    def wrapper(request, access, pk: int, **kwargs):
        return view(request, access, meeting_to_plan(access, pk), **kwargs)

    return wrapper


def decides_proposals(view):
    """Decorate `view(request, access, meeting, **kwargs)` under `@community_view`: the URL's
    `pk` becomes the meeting, for those who decide on its agenda proposals
    (`CommunityAccess.can_decide_proposal`); before `@require_POST`, like `plans_meeting`."""

    @wraps(view)
    def wrapper(request, access, pk: int, **kwargs):
        meeting = get_object_or_404(access.community.meetings, pk=pk)
        if not access.can_decide_proposal(meeting_facilitator_ids(meeting)):
            raise PermissionDenied
        return view(request, access, meeting, **kwargs)

    return wrapper
