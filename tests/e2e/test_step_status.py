"""The step rail in the browser: each of the four states shows its own words and colour, the
same on the CoP's home and on the step's page; axe on each."""

import pytest
from playwright.sync_api import expect

from gilde.communities.models import Focus, Role
from gilde.communities.services import step_mark
from gilde.impact.models import ImpactAgreement
from tests.factories import PASSWORD, MembershipFactory

from .helpers import check_a11y, log_in, shot


def _not_started(cop, facilitator) -> int:
    return 3  # no participants and no agreements: nothing for step 3 yet


def _under_way(cop, facilitator) -> int:
    memberships = [MembershipFactory(community=cop, role=Role.PARTICIPANT) for _ in range(5)]
    ImpactAgreement.objects.create(
        membership=memberships[0],
        sponsor_name="Sanne",
        sponsor_role="Teamleider",
        sponsor_informed=True,
        hours_per_meeting=4,
    )
    return 3  # one sponsor of five informed: there is data, the signals are not met


def _ready(cop, facilitator) -> int:
    MembershipFactory(community=cop, role=Role.FACILITATOR, focus=Focus.PROCESS)
    return 4  # a content and a process facilitator: every step-4 signal is met


def _done(cop, facilitator) -> int:
    step_mark(community=cop, step=1, actor=facilitator, done=True)
    return 1


STATES = {
    "not_started": (_not_started, "Nog niet begonnen"),
    "under_way": (_under_way, "Onderweg"),
    "ready": (_ready, "Klaar volgens de signalen"),
    "done": (_done, "Klaar volgens Fenna Facilitator"),
}


@pytest.mark.parametrize("state", list(STATES))
def test_the_rail_shows_each_state_in_its_own_words(server, page, cop, facilitator, state):
    arrange, words = STATES[state]
    number = arrange(cop, facilitator)
    log_in(page, server, facilitator.email, PASSWORD)
    for path in (f"/c/{cop.slug}/", f"/c/{cop.slug}/steps/{number}/"):
        page.goto(server + path)
        item = page.locator(f".step-rail-wide li:nth-child({number})")
        expect(item).to_have_class(f"step-rail__item step-rail__item--{state}")
        badge = item.locator(f".step-rail__status.status--{state}")
        expect(badge).to_contain_text(words)
        check_a11y(page)
    # The step's own page says it in the same words, in the same colour.
    expect(page.locator(f"#readiness ~ p .status--{state}")).to_contain_text(words)
    shot(page, f"step-status-{state}")
