"""The demo programme: five CoPs at different stages, followed by a manager who is in none."""

from django.urls import reverse

from gilde.demo.programme import MANAGER, SLUG, load_programme
from gilde.programmes import selectors


def test_the_demo_programme_has_five_cops_at_different_stages(db, client):
    programme = load_programme()
    assert load_programme().pk == programme.pk  # a second run changes nothing
    overview = selectors.programme_overview(programme=programme)
    assert len(overview.rows) == 5
    assert len({row.stands_at for row in overview.rows}) >= 4
    assert all(row.cells["members"].shown for row in overview.rows)
    manager = programme.managers.get().user
    assert manager.email == MANAGER[0]
    assert not manager.memberships.exists()
    client.force_login(manager)
    assert client.get(reverse("programmes:overview", args=[SLUG])).status_code == 200
