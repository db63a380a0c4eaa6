"""The REST API: tokens and their refusals, the same access as the pages, the evaluation's gate,
the RSVP write, cursors and error bodies."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from gilde.accounts.models import ApiToken
from gilde.accounts.services import api_token_create
from gilde.communities.models import Policy
from gilde.meetings.models import Attendance, Meeting

API = "/api/v1"


def _token(user, scope="read", days=30):
    return api_token_create(user=user, name="Dashboard", scope=scope, days=days)


def _get(client, url, raw):
    return client.get(API + url, HTTP_AUTHORIZATION=f"Bearer {raw}")


def _error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and {"code", "message", "details"} <= set(body["error"])
    return body["error"]


@pytest.fixture
def meeting(cop):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 1",
        starts_at=timezone.now() + timedelta(days=7),
        duration_minutes=120,
        place="Utrecht",
    )


def test_me_and_my_cops_with_a_token(client, cop, participant):
    _token_row, raw = _token(participant)
    me = _get(client, "/me", raw)
    assert me.status_code == 200 and me.json()["email"] == "piet@example.org"
    assert me["Cache-Control"] == "no-store"
    cops = _get(client, "/cops", raw).json()
    assert [c["slug"] for c in cops["items"]] == ["circulair"]
    assert cops["items"][0]["role"] == "participant"
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    assert token.digest != raw and raw not in json.dumps(
        list(ApiToken.objects.values()), default=str
    )


def test_without_a_token_or_session_the_api_answers_401_with_a_body(client, db):
    response = client.get(API + "/me")
    assert response.status_code == 401
    assert _error(response)["code"] == "unauthenticated"


@pytest.mark.parametrize(
    "change, status, code",
    [
        ({"revoked_at": timezone.now()}, 401, "revoked_token"),
        ({"expires_at": timezone.now() - timedelta(seconds=1)}, 401, "expired_token"),
    ],
)
def test_revoked_and_expired_tokens_are_refused(client, participant, change, status, code):
    token, raw = _token(participant)
    ApiToken.objects.filter(pk=token.pk).update(**change)
    response = _get(client, "/me", raw)
    assert response.status_code == status and _error(response)["code"] == code


def test_an_unknown_token_is_refused(client, participant):
    response = _get(client, "/me", "gilde_made-up")
    assert response.status_code == 401 and _error(response)["code"] == "invalid_token"


def test_a_read_token_cannot_write_and_nothing_changes(client, cop, participant, meeting):
    _t, raw = _token(participant, scope="read")
    response = client.post(
        f"{API}/cops/{cop.slug}/meetings/{meeting.pk}/rsvp",
        {"response": "yes"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403 and _error(response)["code"] == "read_only_token"
    assert not Attendance.objects.exists()


def test_a_write_token_says_whether_you_come(client, cop, participant, meeting):
    _t, raw = _token(participant, scope="write")
    url = f"{API}/cops/{cop.slug}/meetings/{meeting.pk}/rsvp"
    response = client.post(
        url,
        {"response": "maybe"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 200 and response.json()["response"] == "maybe"
    assert Attendance.objects.get().response == "maybe"
    detail = _get(client, f"/cops/{cop.slug}/meetings/{meeting.pk}", raw).json()
    assert detail["my_rsvp"] == "maybe" and "/meetings/" in detail["ics_url"]


def test_malformed_json_and_wrong_values_get_422_with_a_body(client, cop, participant, meeting):
    _t, raw = _token(participant, scope="write")
    url = f"{API}/cops/{cop.slug}/meetings/{meeting.pk}/rsvp"
    for body in ("{not json", json.dumps({"response": "perhaps"}), "[]"):
        response = client.post(
            url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
        )
        assert response.status_code in (400, 422), body
        _error(response)
    assert not Attendance.objects.exists()


def test_observers_cannot_rsvp(client, cop, observer, meeting):
    _t, raw = _token(observer, scope="write")
    response = client.post(
        f"{API}/cops/{cop.slug}/meetings/{meeting.pk}/rsvp",
        {"response": "yes"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403 and _error(response)["code"] == "forbidden"


def test_another_cops_ids_are_404_with_a_body(client, cop, participant, outsider, meeting):
    _t, raw = _token(outsider)
    for url in (
        f"/cops/{cop.slug}",
        f"/cops/{cop.slug}/members",
        f"/cops/{cop.slug}/meetings",
        f"/cops/{cop.slug}/meetings/{meeting.pk}",
        f"/cops/{cop.slug}/meetings/{meeting.pk}/evaluation",
        "/cops/andere/meetings/" + str(meeting.pk),
    ):
        response = _get(client, url, raw)
        assert response.status_code == 404, url
        assert _error(response)["code"] == "not_found"


def test_an_outsider_of_an_open_cop_gets_404_for_objects_inside(client, cop, outsider, meeting):
    cop.policy, cop.listed = Policy.OPEN, True
    cop.save()
    _t, raw = _token(outsider)
    assert _get(client, f"/cops/{cop.slug}", raw).status_code == 200
    assert _get(client, f"/cops/{cop.slug}/meetings/{meeting.pk}", raw).status_code == 404
    assert _get(client, f"/cops/{cop.slug}/meetings/999999", raw).status_code == 404


def test_members_show_names_only_to_those_who_may_read_the_list(
    client, cop, initiator, participant, observer
):
    _t, raw = _token(observer)
    names = {m["name"] for m in _get(client, f"/cops/{cop.slug}/members", raw).json()["items"]}
    assert "Piet Deelnemer" not in names and "Olga Observer" in names
    assert "Participant" in names or "Deelnemer" in names
    _t, raw = _token(participant)
    names = {m["name"] for m in _get(client, f"/cops/{cop.slug}/members", raw).json()["items"]}
    assert {"Piet Deelnemer", "Alice Initiatiefnemer"} <= names


def test_cursor_pagination_walks_every_meeting_once(client, cop, participant):
    start = timezone.now()
    for day in range(7):
        Meeting.objects.create(
            community=cop,
            title=f"B{day}",
            starts_at=start + timedelta(days=day),
            duration_minutes=60,
        )
    _t, raw = _token(participant)
    seen, cursor = [], None
    while True:
        url = f"/cops/{cop.slug}/meetings?limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = _get(client, url, raw).json()
        seen += [item["title"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"B{day}" for day in range(7)]
    bad = _get(client, f"/cops/{cop.slug}/meetings?cursor=!!nonsense", raw)
    assert bad.status_code == 400 and _error(bad)["code"] == "bad_cursor"
    assert _get(client, f"/cops/{cop.slug}/meetings?limit=1000", raw).status_code == 400


def test_the_meeting_list_keeps_to_its_query_budget(
    client, cop, participant, django_assert_max_num_queries
):
    _t, raw = _token(participant)
    for count in (1, 50):
        Meeting.objects.filter(community=cop).delete()
        for _day in range(count):
            Meeting.objects.create(
                community=cop, title="B", starts_at=timezone.now(), duration_minutes=60
            )
        with django_assert_max_num_queries(12):
            assert _get(client, f"/cops/{cop.slug}/meetings?limit=50", raw).status_code == 200


def test_the_browser_session_works_and_writes_need_csrf(client, cop, participant, meeting):
    client.force_login(participant)
    assert client.get(API + "/me").json()["name"] == "Piet Deelnemer"
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(participant)
    response = strict.post(
        f"{API}/cops/{cop.slug}/meetings/{meeting.pk}/rsvp",
        {"response": "yes"},
        content_type="application/json",
    )
    assert response.status_code == 403
    _error(response)
    assert not Attendance.objects.exists()


def test_requests_are_throttled_per_token(client, participant, monkeypatch):
    from gilde.core import throttle

    monkeypatch.setitem(throttle.LIMITS, "api:token", throttle.Limit(2, throttle.HOUR))
    _t, raw = _token(participant)
    assert [_get(client, "/me", raw).status_code for _ in range(3)] == [200, 200, 429]
    assert _error(_get(client, "/me", raw))["code"] == "throttled"


def test_writes_to_an_archived_cop_are_refused(client, cop, participant, meeting):
    cop.archived_at = timezone.now()
    cop.save()
    _t, raw = _token(participant, scope="write")
    response = client.post(
        f"{API}/cops/{cop.slug}/meetings/{meeting.pk}/rsvp",
        {"response": "yes"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403 and _error(response)["code"] == "archived"
    assert _get(client, f"/cops/{cop.slug}/meetings/{meeting.pk}", raw).status_code == 200


def test_the_openapi_document_and_the_docs_load_nothing_from_elsewhere(client, db):
    document = client.get(API + "/openapi.json").json()
    assert "/api/v1/cops/{slug}/meetings/{meeting_id}/evaluation" in document["paths"]
    page = client.get(API + "/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn." not in page and "https://" not in page.replace("https://json-schema", "")
