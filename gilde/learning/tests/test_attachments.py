"""Attachments: limits on size, type and name; stored under media/ with a random name; served
only to those who may read the entry, never cached."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gilde.learning import services
from gilde.learning.forms import MAX_ATTACHMENT_BYTES
from gilde.learning.models import Entry, Tier

from .conftest import membership_of


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _post(client, cop, upload):
    return client.post(
        reverse("learning:entry_new", args=[cop.slug]),
        {"kind": "insight", "body": "Met bijlage", "tier": "private", "attachment": upload},
    )


def test_an_attachment_is_stored_under_media_with_a_random_name(client, cop, participant, _media):
    client.force_login(participant)
    response = _post(client, cop, SimpleUploadedFile("../../ontsnapt.txt", b"hallo"))
    assert response.status_code == 302
    entry = Entry.objects.get()
    stored = Path(entry.attachment.path).resolve()
    assert stored.is_relative_to(Path(_media).resolve() / "learning")
    assert "ontsnapt" not in stored.name and entry.attachment_name == "ontsnapt.txt"
    download = client.get(reverse("learning:attachment", args=[cop.slug, entry.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"hallo"
    assert "no-store" in download["Cache-Control"]
    assert 'filename="ontsnapt.txt"' in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "Attach a PDF"),
        ("nep.pdf", b"not a pdf", "does not match its type"),
        ("tekst.txt", b"a\x00b", "does not match its type"),
        (".verborgen", b"x", "file name is not allowed"),
    ],
)
def test_disallowed_attachments_are_refused_with_a_message(
    client, cop, participant, name, content, message
):
    client.force_login(participant)
    response = _post(client, cop, SimpleUploadedFile(name, content))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Entry.objects.exists()


def test_an_oversized_attachment_is_refused(client, cop, participant):
    client.force_login(participant)
    big = SimpleUploadedFile("groot.pdf", b"%PDF" + b"0" * MAX_ATTACHMENT_BYTES)
    response = _post(client, cop, big)
    assert "larger than 5 MB" in response.content.decode() and not Entry.objects.exists()


def test_attachments_follow_their_entrys_tier(client, cop, personas):
    entry = services.entry_add(
        membership=membership_of(cop, personas["participant"]),
        kind="insight",
        body="x",
        attachment=SimpleUploadedFile("a.txt", b"geheim"),
    )
    url = reverse("learning:attachment", args=[cop.slug, entry.pk])
    for name in ["facilitator", "initiator", "observer", "outsider"]:
        client.force_login(personas[name])
        assert client.get(url).status_code == 404, name
    client.logout()
    assert client.get(url).status_code == 302
    services.entry_tier_set(entry=entry, tier=Tier.GROUP)
    client.force_login(personas["observer"])
    assert client.get(url).status_code == 200
    client.force_login(personas["outsider"])
    assert client.get(url).status_code == 404
    other = personas["outsider"].memberships.get().community
    assert (
        client.get(reverse("learning:attachment", args=[other.slug, entry.pk])).status_code == 404
    )


def test_deleting_an_entry_removes_its_file(
    client, cop, participant, django_capture_on_commit_callbacks
):
    entry = services.entry_add(
        membership=membership_of(cop, participant),
        kind="insight",
        body="x",
        attachment=SimpleUploadedFile("a.txt", b"weg"),
    )
    path = Path(entry.attachment.path)
    assert path.exists()
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("learning:entry_delete", args=[cop.slug, entry.pk]))
    assert not path.exists() and not Entry.objects.exists()
