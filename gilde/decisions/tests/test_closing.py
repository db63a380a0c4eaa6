"""Closing exactly once (two workers at the same moment), closing moments around the changes of
daylight saving time, the worker's periodic job and its reminders."""

import threading
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gilde.core.dates import AMSTERDAM
from gilde.core.models import AuditEntry
from gilde.core.periodic import periodic_tasks
from gilde.decisions import services, tasks
from gilde.decisions.models import Poll

from .conftest import membership


@pytest.mark.django_db(transaction=True)
def test_two_workers_closing_at_the_same_moment_close_once(
    cop, facilitator, participant, make_poll
):
    poll = make_poll(facilitator)
    services.poll_vote(
        poll=poll, membership=membership(cop, participant), vote={"response": "agree"}
    )
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    results, barrier = [], threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            results.append(tasks.close_due_polls(timezone.now()))
        except Exception as error:  # reported by the assertion below
            results.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert AuditEntry.objects.filter(action="poll.closed").count() == 1
    poll.refresh_from_db()
    assert poll.closed_at == poll.closes_at and poll.eligible_count == 2


def test_closing_twice_changes_nothing(cop, facilitator, make_poll):
    poll = make_poll(facilitator)
    assert services.poll_close(poll=poll, actor=membership(cop, facilitator))
    first = Poll.objects.get(pk=poll.pk).closed_at
    assert not services.poll_close(poll=poll, actor=membership(cop, facilitator))
    assert not services.poll_close(poll=poll, now=poll.closes_at + timedelta(days=1))
    assert Poll.objects.get(pk=poll.pk).closed_at == first
    assert AuditEntry.objects.filter(action__startswith="poll.closed").count() == 1


def test_the_periodic_job_is_registered_for_the_worker():
    assert tasks.decisions_due in periodic_tasks()


def test_the_worker_closes_due_polls_only(cop, facilitator, make_poll):
    due = make_poll(facilitator)
    later = make_poll(facilitator)
    assert tasks.decisions_due.enqueue().return_value["closed"] == 0
    Poll.objects.filter(pk=due.pk).update(closes_at=timezone.now() - timedelta(seconds=5))
    assert tasks.decisions_due.enqueue().return_value["closed"] == 1
    assert Poll.objects.get(pk=due.pk).closed_at is not None
    assert Poll.objects.get(pk=later.pk).closed_at is None


@pytest.mark.parametrize(
    "day, hour_minute, problem",
    [("2031-03-30", "02:30", "bestaat niet"), ("2031-10-26", "02:30", "komt twee keer voor")],
)
def test_closing_moments_that_do_not_exist_or_repeat_are_refused(
    client, cop, participant, day, hour_minute, problem
):
    client.force_login(participant)
    response = client.post(
        reverse("decisions:poll_create", args=[cop.slug, "consent"]),
        {"title": "X", "closes_on": day, "closes_time": hour_minute, "voters": "members"},
    )
    assert response.status_code == 400 and problem in response.content.decode()


def test_a_closing_moment_across_the_change_is_kept_in_dutch_time(client, cop, participant):
    client.force_login(participant)
    # 03:30 on the spring-forward day exists (CEST), 01:30 before it (CET).
    for day, clock, offset in (
        ("2031-03-30", "03:30", 2),
        ("2031-03-30", "01:30", 1),
        ("2031-10-26", "03:30", 1),
    ):
        response = client.post(
            reverse("decisions:poll_create", args=[cop.slug, "consent"]),
            {
                "title": f"{day} {clock}",
                "closes_on": day,
                "closes_time": clock,
                "voters": "members",
            },
        )
        assert response.status_code == 302
        poll = Poll.objects.get(title=f"{day} {clock}")
        local = poll.closes_at.astimezone(AMSTERDAM)
        assert local.strftime("%Y-%m-%d %H:%M") == f"{day} {clock}"
        assert local.utcoffset() == timedelta(hours=offset)


def test_a_poll_closes_at_its_dutch_moment_across_the_change(cop, facilitator, make_poll):
    moment = datetime(2031, 10, 26, 12, 0, tzinfo=AMSTERDAM)  # after the clocks went back
    poll = make_poll(facilitator, closes_at=moment, now=moment - timedelta(days=2))
    just_before = moment - timedelta(minutes=1)
    assert tasks.close_due_polls(just_before) == 0
    assert tasks.close_due_polls(moment + timedelta(minutes=3)) == 1
    poll.refresh_from_db()
    assert poll.closed_at == moment


# Reminders


def test_one_reminder_a_day_before_closing_to_those_who_have_not_voted(
    cop, facilitator, participant, initiator, observer, make_poll
):
    poll = make_poll(facilitator)
    services.poll_vote(poll=poll, membership=membership(cop, initiator), vote={"response": "agree"})
    too_early = poll.closes_at - timedelta(hours=30)
    assert tasks.send_poll_reminders(too_early) == 0
    now = poll.closes_at - timedelta(hours=20)
    assert tasks.send_poll_reminders(now) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["fenna@example.org", "piet@example.org"]
    assert "Morgen sluit" in mail.outbox[0].subject
    assert tasks.send_poll_reminders(now + timedelta(minutes=10)) == 0  # once, whatever runs twice
    assert len(mail.outbox) == 2


def test_digest_readers_and_people_without_email_get_no_reminder(
    cop, facilitator, participant, make_poll
):
    from gilde.meetings.notifications import notification_preference_set

    notification_preference_set(user=participant, mode="digest")
    poll = make_poll(facilitator)
    tasks.send_poll_reminders(poll.closes_at - timedelta(hours=20))
    assert "piet@example.org" not in {m.to[0] for m in mail.outbox}
