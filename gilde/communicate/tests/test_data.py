"""Step 8's part of a person's data, and junk posted to every step-8 form."""

import pytest
from django.test import Client

from gilde.communicate import services
from gilde.communicate.models import PlanItem, Result
from gilde.communicate.personal_data import _erase, _export

pytestmark = pytest.mark.django_db


def test_a_person_gets_and_erases_their_part(cop, initiator, participant):
    membership = cop.memberships.get(user=participant)
    result = services.result_add(
        community=cop,
        actor=initiator,
        people=[membership],
        title="Werkwijze",
        kind="method",
        level="participant",
        description="Samen gemaakt",
        visibility="group",
    )
    services.plan_item_add(community=cop, actor=initiator, audience="funder", owner=membership)
    exported = _export(participant)
    assert exported["results"][0]["title"] == "Werkwijze"
    assert exported["plan_items"][0]["audience"] == "funder"
    _erase(participant)
    assert Result.objects.get(pk=result.pk).people.count() == 0  # the result stays
    assert PlanItem.objects.get(community=cop).owner is None


JUNK = ["", "x" * 5000, "\x00", "-1", "9999-99-99", "<script>", "١٢", "0" * 40]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_in_any_step_8_form_gives_no_server_error(client: Client, cop, facilitator, junk):
    client.force_login(facilitator)
    report = services.report_get_or_create(community=cop, audience="field")
    base = f"/c/{cop.slug}/communicate/"
    posts = {
        "results/new/": [
            "title",
            "kind",
            "level",
            "description",
            "achieved_on",
            "link",
            "visibility",
            "people",
            "organisations",
        ],
        "plan/new/": [
            "audience",
            "audience_note",
            "message",
            "channel",
            "moment",
            "owner",
            "status",
        ],
        "reports/": ["audience", "organisation"],
        f"reports/{report.pk}/": ["period_start", "period_end", "introduction"],
        "public/": ["enabled", "summary", "organisations"],
    }
    for path, fields in posts.items():
        response = client.post(base + path, dict.fromkeys(fields, junk))
        assert response.status_code < 500, path
