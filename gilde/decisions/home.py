"""Step 5 on the CoP's home: the polls this member can still vote in and the feedback asked of
them. Kept to two queries; the home's "now" panel (issue 12) can reuse the same selectors
(`open_polls_for`, `feedback_requests_for`)."""

from gilde.communities.access import Action
from gilde.communities.home import HomeSection, home_section

from .selectors import feedback_requests_for, open_polls_for


@home_section(order=50)
def decisions_home(request, access) -> HomeSection | None:
    if access.membership is None or not access.can(Action.START_POLLS):
        return None
    polls = open_polls_for(access.membership)
    requests = feedback_requests_for(access.membership)
    if not polls and not requests:
        return None
    return HomeSection("decisions/_home.html", {"open_polls": polls, "feedback_to_write": requests})
