"""The guide's part of a CoP's home page: the step rail."""

from gilde.communities.access import Action
from gilde.communities.home import HomeSection, home_section

from .selectors import step_rail


@home_section(order=10)
def rail(request, access) -> HomeSection | None:
    if not access.can(Action.VIEW_STEPS):
        return None
    return HomeSection("guide/_home_rail.html", {"rail": step_rail(access.community)})
