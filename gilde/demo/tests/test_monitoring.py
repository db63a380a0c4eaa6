"""The demo's step 6: a network that grows across organisations, two TIS moments with five
respondents each, eight value stories, two closed monitoring cycles; loading twice adds nothing."""

import pytest

from gilde.communities.access import community_access
from gilde.communities.models import Community
from gilde.demo import data
from gilde.demo.services import demo_load
from gilde.monitoring import selectors
from gilde.monitoring.models import CycleStatus, FollowUpAction, Tie, ValueStory


@pytest.mark.django_db
def test_the_demo_fills_step_six_once():
    demo_load()
    cop = Community.objects.get(slug=data.MAIN_SLUG)
    counts = (Tie.objects.count(), ValueStory.objects.count(), FollowUpAction.objects.count())
    facilitator = cop.memberships.get(user__email="facilitator@example.org").user
    social = selectors.social_map(access=community_access(facilitator, cop))
    pairs = [figures.pairs for _span, figures in social.trend]
    assert len(pairs) >= 3 and pairs == sorted(pairs) and pairs[-1] > pairs[0]
    assert social.trend[-1][1].across_share > 0.5
    assert cop.outside_actors.exists()
    moments = selectors.tis_results(community=cop)
    assert [m.respondents for m in moments] == [5, 5] and all(m.shown for m in moments)
    assert counts[1] == 8
    assert {story.tier for story in cop.value_stories.all()} >= {"private", "facilitators", "group"}
    cycles = list(cop.monitoring_cycles.order_by("number"))
    assert [c.status for c in cycles] == [CycleStatus.CLOSED, CycleStatus.CLOSED]
    assert all(c.went_well and c.evidence and c.actions.exists() for c in cycles)
    demo_load()
    assert (
        Tie.objects.count(),
        ValueStory.objects.count(),
        FollowUpAction.objects.count(),
    ) == counts
