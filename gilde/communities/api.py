"""The API's resources for people and CoPs (registered with gilde.core.api), and `api_access`,
which every app's API uses to resolve a CoP the way `community_view` does for the pages."""

from datetime import date

from django.utils.translation import gettext as _
from ninja import Router, Schema

from gilde.core.api import ERRORS, ApiError, cursor_page, register_api_router

from .access import ARCHIVE_WRITABLE, SAFE_METHODS, Action, CommunityAccess, community_access
from .models import Community


def api_access(
    request, slug: str, action: Action, *, names_object: bool = False
) -> CommunityAccess:
    """The viewer's access to the CoP at `slug`, or an `ApiError` like the pages answer: 404 for
    an unknown CoP, for an outsider of a closed CoP and for any object inside a CoP the viewer is
    not a member of (whether it exists or not); 403 for a member without the right, and for a
    write to an archived CoP."""
    community = Community.objects.filter(slug=slug).first()
    not_found = ApiError(404, "not_found", _("There is no such CoP, or it is not yours to see."))
    if community is None:
        raise not_found
    access = community_access(request.user, community)
    if names_object and not access.is_member:
        raise not_found
    if not access.can(action):
        if not access.may_know_exists:
            raise not_found
        raise ApiError(403, "forbidden", _("Your role in this CoP does not allow this."))
    if (
        community.is_archived
        and request.method not in SAFE_METHODS
        and action not in ARCHIVE_WRITABLE
    ):
        raise ApiError(
            403, "archived", _("This CoP is archived: everything can be read, nothing changed.")
        )
    return access


router = Router(tags=["people and CoPs"])


class MeOut(Schema):
    name: str
    email: str
    language: str
    organisation: str | None
    function: str
    discipline: str
    sector: str


class CopOut(Schema):
    slug: str
    name: str
    description: str
    policy: str
    start_date: date
    end_date: date
    archived: bool
    role: str | None
    url: str


class CopPage(Schema):
    items: list[CopOut]
    next_cursor: str | None


class MemberOut(Schema):
    id: int
    name: str
    role: str
    focus: str


class MemberPage(Schema):
    items: list[MemberOut]
    next_cursor: str | None


def api_member(access: CommunityAccess):
    """The viewer's membership, for an operation only members have: staff without one get the
    404 the pages give."""
    if access.membership is None:
        raise ApiError(404, "not_found", _("There is no such CoP, or it is not yours to see."))
    return access.membership


def _cop(community: Community, role: str | None) -> dict:
    return {
        "slug": community.slug,
        "name": community.name,
        "description": community.description,
        "policy": community.policy,
        "start_date": community.start_date,
        "end_date": community.end_date,
        "archived": community.is_archived,
        "role": role,
        "url": community.get_absolute_url(),
    }


@router.get("/me", response={200: MeOut, **ERRORS}, summary="Who you are")
def me(request):
    user = request.user
    return {
        "name": user.name,
        "email": user.email,
        "language": user.language,
        "organisation": user.organisation.name if user.organisation else None,
        "function": user.function,
        "discipline": user.discipline,
        "sector": user.sector,
    }


@router.get("/cops", response={200: CopPage, **ERRORS}, summary="Your CoPs")
def cops(request, cursor: str | None = None, limit: int = 50):
    memberships = request.user.memberships.select_related("community")
    rows, next_cursor = cursor_page(memberships, cursor=cursor, limit=limit)
    return {"items": [_cop(m.community, m.role) for m in rows], "next_cursor": next_cursor}


@router.get("/cops/{slug}", response={200: CopOut, **ERRORS}, summary="One CoP")
def cop(request, slug: str):
    access = api_access(request, slug, Action.VIEW_HOME)
    return _cop(access.community, access.role)


@router.get(
    "/cops/{slug}/members",
    response={200: MemberPage, **ERRORS},
    summary="The CoP's members, as the viewer may see them",
    description=(
        "Names only for those who may read the member list (and one's own); others see roles."
    ),
)
def members(request, slug: str, cursor: str | None = None, limit: int = 50):
    access = api_access(request, slug, Action.VIEW_HOME)
    if not access.is_member:
        raise ApiError(403, "forbidden", _("Only members see who is in this CoP."))
    queryset = access.community.memberships.select_related("user")
    rows, next_cursor = cursor_page(queryset, cursor=cursor, limit=limit)
    return {
        "items": [
            {
                "id": m.pk,
                "name": access.member_label(m),
                "role": m.role,
                "focus": m.focus,
            }
            for m in rows
        ],
        "next_cursor": next_cursor,
    }


register_api_router(router, order=10)
