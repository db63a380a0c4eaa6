"""Retention with a frozen clock: warned, archived (read-only), warned again, purged with an entry
in the installation log; an active CoP is never purged."""

from datetime import date, datetime, time
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Community
from gilde.communities.retention import RetentionError, community_purge, retention_apply
from gilde.core.dates import add_months
from gilde.core.models import AuditEntry, InstallationLogEntry


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


@pytest.fixture
def ending(cop, initiator, participant):
    cop.start_date = date(2024, 1, 1)
    cop.duration_months = 18
    cop.retention_months = 24
    cop.save()
    return cop


def test_warn_archive_warn_purge(ending, client, participant, django_capture_on_commit_callbacks):
    end, purge = ending.end_date, ending.purge_date
    assert (end, purge) == (date(2025, 7, 1), date(2027, 7, 1))

    with django_capture_on_commit_callbacks(execute=True):
        assert retention_apply(now=_at(date(2025, 5, 1)))["archive_warnings"] == 0
        counts = retention_apply(now=_at(add_months(end, -1)))
    assert counts["archive_warnings"] == 1 and counts["archived"] == 0
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_apply(now=_at(add_months(end, -1)))["archive_warnings"] == 0
    assert len(mail.outbox) == 1

    assert retention_apply(now=_at(end))["archived"] == 1
    ending.refresh_from_db()
    assert ending.is_archived
    assert AuditEntry.objects.filter(community=ending, action="community.archived").exists()
    client.force_login(participant)
    page = client.get(reverse("communities:detail", args=[ending.slug]))
    assert page.status_code == 200
    refused = client.post(reverse("meetings:calendar_token", args=[ending.slug]))
    assert refused.status_code == 403
    assert "archived" in refused.content.decode() or "gearchiveerd" in refused.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        counts = retention_apply(now=_at(add_months(purge, -1)))
    assert counts["purge_warnings"] == 1 and len(mail.outbox) == 2
    assert Community.objects.filter(pk=ending.pk).exists()

    counts = retention_apply(now=_at(purge))
    assert counts["purged"] == 1
    assert not Community.objects.filter(pk=ending.pk).exists()
    entry = InstallationLogEntry.objects.get(action="community.purged")
    assert entry.data["slug"] == "circulair"
    assert entry.data["removed"]["communities.Membership"] == 2
    assert entry.data["removed"]["core.AuditEntry"] >= 1


def test_an_active_cop_is_not_purged(cop, initiator):
    with pytest.raises(RetentionError):
        community_purge(community=cop)
    with pytest.raises(CommandError, match=r"cannot be purged before|eerder kan hij niet"):
        call_command("purge_cop", cop.slug, stdout=StringIO())
    assert Community.objects.filter(pk=cop.pk).exists()
    assert not InstallationLogEntry.objects.exists()


def test_an_archived_cop_keeps_its_settings_writable(ending, client, initiator):
    ending.archived_at = timezone.now()
    ending.save()
    client.force_login(initiator)
    response = client.get(reverse("communities:settings", args=[ending.slug]))
    assert response.status_code == 200
    assert "retention_months" in response.content.decode()
