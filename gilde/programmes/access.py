"""Every permission question about a programme's pages is answered here.

A programme is its managers' only: whoever does not manage it (anyone else logged in, a manager of
another programme, a member or initiator of one of its CoPs) gets a 404, whether the programme
exists or not, and anonymous visitors the login page. Inside a programme a manager reaches the
CoPs that are members of it, and only their stored figures; a CoP that was invited, declined or
left is a 404 like any unknown CoP.

The CoP's side (accepting an invitation, choosing what to share, leaving) is a page of the CoP and
asks `gilde.communities.access` (`Action.DECIDE_PROGRAMMES`, the initiator's).
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from .models import LinkStatus, Programme, ProgrammeCop


@dataclass(frozen=True)
class ProgrammeAccess:
    """What one person may do in one programme: everything if they manage it."""

    programme: Programme
    is_manager: bool


def programme_access(user, programme: Programme) -> ProgrammeAccess:
    manages = bool(user.is_authenticated and programme.managers.filter(user_id=user.pk).exists())
    return ProgrammeAccess(programme, manages)


def programme_view(view):
    """Decorate a view `view(request, access, **kwargs)` under `/p/<programme>/`: managers only."""

    @wraps(view)
    def wrapper(request, programme: str, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # One query: a programme the viewer does not manage is not found, whether it exists or not.
        found = managed_programme(request.user, programme)
        if found is None:
            raise Http404
        return view(request, ProgrammeAccess(found, True), *args, **kwargs)

    return wrapper


def programme_cop_or_404(access: ProgrammeAccess, slug: str) -> ProgrammeCop:
    """A member CoP of the programme, by the CoP's web address; anything else is a 404."""
    link = (
        access.programme.links.filter(community__slug=slug, status=LinkStatus.MEMBER)
        .select_related("community")
        .first()
    )
    if link is None:
        raise Http404
    return link


def managed_programme(user, slug: str) -> Programme | None:
    """The programme at `slug` if `user` manages it (for the API), else None."""
    if not user.is_authenticated:
        return None
    return Programme.objects.filter(slug=slug, managers__user_id=user.pk).first()
