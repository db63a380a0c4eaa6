"""What a programme sees of its CoPs: figures above the threshold, nothing below it, nothing of a
CoP that left; computed by the worker and read in a fixed number of queries."""

import pytest
from django.urls import reverse

from gilde.communities.programme_figures import figures_compute
from gilde.programmes import disclosure, selectors, services
from gilde.programmes.models import CopFigures, LinkStatus
from gilde.programmes.tasks import programme_figures_refresh, stale_communities
from tests.factories import CommunityFactory

from .conftest import join, populate


def _cells(overview, slug):
    row = next(row for row in overview.rows if row.community.slug == slug)
    return row.cells


def test_a_cop_with_enough_people_shows_its_figures(programme, big_cop):
    cells = _cells(selectors.programme_overview(programme=programme), "grote-cop")
    assert cells["members"].value == 9
    assert cells["meetings_held"].value == 3
    assert cells["attendance_rate"].value == 75
    assert cells["meeting_value"].value == 4
    assert cells["experiments_planned"].value == 8
    assert cells["experiments_reported"].value == 4  # private experiments never count
    assert cells["ownership_share"].value == 100


def test_a_cop_with_fewer_than_five_people_shows_none_of_their_figures(programme, small_cop):
    cells = _cells(selectors.programme_overview(programme=programme), "kleine-cop")
    for key in ("members", "attendance_rate", "experiments_planned", "ownership_share"):
        assert cells[key].state == disclosure.FEW
        assert cells[key].value is None
    # Three answers never pass the evaluation gate: there is no meeting value at all.
    assert not cells["meeting_value"].shown
    # Figures that count no people stay.
    assert cells["meetings_held"].value == 3


def test_no_hidden_figure_can_be_worked_out_from_a_total(programme, big_cop, small_cop):
    overview = selectors.programme_overview(programme=programme)
    for key, total in overview.totals.items():
        shown = sum(row.cells[key].value for row in overview.rows if row.cells[key].shown)
        # The total minus every shown cell leaves nothing: the hidden cells are not in it.
        assert (total or 0) - shown == 0, key
    assert overview.totals["members"] == 9
    assert overview.totals["experiments_planned"] == 8


def test_a_total_under_a_filter_does_not_betray_a_hidden_cop_either(programme, big_cop, small_cop):
    everything = selectors.programme_overview(programme=programme)
    without_small = selectors.programme_overview(
        programme=programme, filters=selectors.Filters(theme="Energie")
    )
    assert everything.totals["members"] - without_small.totals["members"] == 0


def test_the_work_form_value_shows_only_from_five_meetings_in_three_cops():
    cop = {"world-cafe": {"meetings": 2, "valued": 2, "value_sum": 8.0}}
    assert disclosure.work_form_uses([cop, cop])[0].average is None  # 4 meetings, 2 CoPs
    assert disclosure.work_form_uses([cop, cop, cop])[0].average == 4.0  # 6 meetings, 3 CoPs
    few = {"world-cafe": {"meetings": 1, "valued": 1, "value_sum": 4.0}}
    assert disclosure.work_form_uses([few, few, few, few])[0].average is None  # 4 meetings


def test_a_cop_that_leaves_disappears_and_its_figures_go(client, manager, programme, big_cop):
    link = programme.links.get(community=big_cop)
    initiator = big_cop.memberships.get(role="initiator").user
    services.cop_leave(link=link, actor=initiator)
    from gilde.programmes.tasks import cop_figures_update

    cop_figures_update(big_cop)
    assert selectors.programme_overview(programme=programme).rows == []
    assert not CopFigures.objects.filter(community=big_cop).exists()
    client.force_login(manager)
    page = client.get(reverse("programmes:overview", args=[programme.slug]))
    assert "Grote CoP" not in page.content.decode()
    assert (
        client.get(reverse("programmes:cop", args=[programme.slug, big_cop.slug])).status_code
        == 404
    )
    api = client.get(f"/api/v1/programmes/{programme.slug}/figures").json()
    assert api["cops"] == []


def test_the_worker_recomputes_only_cops_whose_data_changed(programme, big_cop, small_cop):
    assert list(stale_communities()) == []
    big_cop.meetings.first().agenda_items.update(title="Anders")
    from gilde.communities.revision import community_touch

    community_touch(community_id=big_cop.pk)
    assert [c.pk for c in stale_communities()] == [big_cop.pk]
    assert programme_figures_refresh.call() == 1
    assert list(stale_communities()) == []


def test_writing_the_figures_does_not_make_the_cop_stale(programme, big_cop):
    big_cop.refresh_from_db()
    before = big_cop.revision
    from gilde.programmes.tasks import cop_figures_store

    cop_figures_store(big_cop)
    big_cop.refresh_from_db()
    assert big_cop.revision == before


def test_the_reflection_is_kept_only_where_the_cop_shares_it(programme, big_cop, small_cop):
    assert "reflection" in CopFigures.objects.get(community=big_cop).figures
    assert "reflection" not in CopFigures.objects.get(community=small_cop).figures
    assert figures_compute(small_cop, small_cop.start_date)["reflection"]["value"]


@pytest.mark.parametrize("cops", [1, 30])
def test_the_overview_costs_the_same_few_queries_for_any_number_of_cops(
    client, manager, programme, django_assert_max_num_queries, cops
):
    for number in range(cops):
        community = CommunityFactory(name=f"CoP {number}", slug=f"cop-x-{number}")
        populate(community, people=5, meetings=1)
        join(programme, community, theme=f"T{number % 3}")
    client.force_login(manager)
    url = reverse("programmes:overview", args=[programme.slug])
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(url, {"theme": "T1", "start_year": "2026"}).status_code == 200
    for other in (
        reverse("programmes:export", args=[programme.slug, "csv"]),
        reverse("programmes:export", args=[programme.slug, "xlsx"]),
        reverse("programmes:cop", args=[programme.slug, "cop-x-0"]),
        f"/api/v1/programmes/{programme.slug}/figures",
    ):
        with django_assert_max_num_queries(15):
            assert client.get(other).status_code == 200


def test_filters_keep_the_matching_cops(programme, big_cop, small_cop):
    rows = selectors.programme_overview(
        programme=programme, filters=selectors.Filters(region="Zuid")
    ).rows
    assert [row.community.slug for row in rows] == ["kleine-cop"]
    year = big_cop.start_date.year
    assert (
        len(
            selectors.programme_overview(
                programme=programme, filters=selectors.Filters(start_year=year)
            ).rows
        )
        == 2
    )


def test_bad_filter_values_answer_normally(client, manager, programme, big_cop):
    client.force_login(manager)
    url = reverse("programmes:overview", args=[programme.slug])
    for query in ({"start_year": "abc"}, {"theme": "x" * 500}, {"region": "\x00"}):
        assert client.get(url, query).status_code == 200


def test_invitation_accepted_by_the_initiator_puts_the_cop_in(
    client, manager, programme, cop, initiator, facilitator, django_capture_on_commit_callbacks
):
    services.cop_invite(programme=programme, actor=manager, community=cop, theme="Energie")
    # The initiator hears of it; the facilitator, who does not decide, does not.
    assert initiator.notifications.filter(kind="programme.invited").exists()
    assert not facilitator.notifications.filter(kind="programme.invited").exists()
    client.force_login(facilitator)
    page = client.get(reverse("communities:settings", args=[cop.slug])).content.decode()
    assert "Circulaire regio" in page
    url = reverse("programmes:cop_decide", args=[cop.slug, programme.slug])
    assert client.post(url, {"answer": "accept"}).status_code == 403
    client.force_login(initiator)
    page = client.get(reverse("communities:settings", args=[cop.slug])).content.decode()
    assert url in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"answer": "accept"})
    link = programme.links.get(community=cop)
    assert link.status == LinkStatus.MEMBER
    assert CopFigures.objects.filter(community=cop, latest=True).exists()
    assert cop.audit_entries.filter(action="programme.joined").exists()


def test_the_settings_panel_lists_every_figure_the_programme_sees(
    client, programme, manager, cop, initiator
):
    from gilde.communities.programme_figures import figure_definitions

    services.cop_invite(programme=programme, actor=manager, community=cop)
    client.force_login(initiator)
    page = client.get(reverse("communities:settings", args=[cop.slug])).content.decode()
    from django.utils.html import escape

    for definition in figure_definitions():
        assert escape(str(definition.label)) in page


def test_the_initiator_leaves_after_confirming(client, programme, manager, big_cop):
    initiator = big_cop.memberships.get(role="initiator").user
    client.force_login(initiator)
    url = reverse("programmes:cop_leave", args=[big_cop.slug, programme.slug])
    assert client.get(url).status_code == 200
    assert programme.links.get(community=big_cop).status == LinkStatus.MEMBER
    client.post(url)
    assert programme.links.get(community=big_cop).status == LinkStatus.LEFT


def test_a_manager_invites_and_adds_managers(client, manager, programme, cop, outsider):
    client.force_login(manager)
    response = client.post(
        reverse("programmes:invite", args=[programme.slug]), {"cop": cop.slug, "theme": "Zorg"}
    )
    assert response.status_code == 302
    assert programme.links.get(community=cop).status == LinkStatus.INVITED
    # Asking again, or an address no CoP has, gets the same answer (test_invitations.py).
    again = client.post(reverse("programmes:invite", args=[programme.slug]), {"cop": cop.slug})
    assert again.status_code == 302
    unknown = client.post(reverse("programmes:invite", args=[programme.slug]), {"cop": "nope"})
    assert unknown.status_code == 302
    client.post(reverse("programmes:manager_add", args=[programme.slug]), {"email": outsider.email})
    assert programme.managers.filter(user=outsider).exists()
