"""Security headers: Permissions-Policy everywhere, no-store on what is personal (item 19)."""

from django.urls import reverse

from gilde.meetings.models import Meeting


def test_every_page_denies_powerful_features(client, db):
    policy = client.get("/").headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_public_pages_for_anonymous_visitors_may_be_cached(client, db):
    assert "Cache-Control" not in client.get("/").headers
    assert "Cache-Control" not in client.get(reverse("guide:steps")).headers


def test_pages_for_a_logged_in_person_are_not_stored(client, participant, cop):
    client.force_login(participant)
    for url in (
        "/",
        reverse("accounts:profile"),
        reverse("communities:detail", args=[cop.slug]),
        reverse("meetings:calendar", args=[cop.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.headers["Cache-Control"], url


def test_exports_and_downloads_are_not_stored(client, facilitator, cop):
    client.force_login(facilitator)
    export = client.get(reverse("composition:export", args=[cop.slug, "csv"]))
    assert export.status_code == 200
    assert export.headers["Cache-Control"] == "no-store"
    meeting = Meeting.objects.create(
        community=cop, title="Bijeenkomst", duration_minutes=120, starts_at="2031-03-01T10:00Z"
    )
    ics = client.get(reverse("meetings:ics", args=[cop.slug, meeting.pk]))
    assert ics.headers["Cache-Control"] == "no-store"


def test_a_view_that_says_how_to_cache_keeps_its_header(client, participant, cop):
    client.force_login(participant)
    response = client.get(reverse("meetings:feed", args=[cop.slug]))
    assert response.headers["Cache-Control"] == "private, no-store"
    login = client.get(reverse("accounts:login"))  # never_cache on Django's login view
    assert "no-store" in login.headers["Cache-Control"]
