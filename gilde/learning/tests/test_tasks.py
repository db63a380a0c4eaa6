"""The worker's e-mails: the post-meeting prompt and the check-in reminder, once each, per
preference, in the recipient's language."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from gilde.learning import services
from gilde.learning.models import Tier
from gilde.learning.tasks import send_learning_prompts
from gilde.meetings.models import Attendance, NotificationMode, NotificationPreference

from .conftest import make_buddies, membership_of


def test_after_a_meeting_members_are_asked_what_they_take_with_them_once(
    cop, participant, facilitator, observer, past_meeting
):
    past_meeting.starts_at = timezone.now() - timedelta(hours=4)
    past_meeting.save()
    send_learning_prompts.call()
    send_learning_prompts.call()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["fenna@example.org", "piet@example.org"]
    body = mail.outbox[0].body
    assert "not the meeting's evaluation" in body or "niet de evaluatie" in body


def test_no_prompt_for_those_who_wrote_one_were_absent_or_chose_no_email(
    cop, participant, facilitator, buddy, past_meeting
):
    past_meeting.starts_at = timezone.now() - timedelta(hours=4)
    past_meeting.save()
    services.meeting_takeaway_add(
        membership=membership_of(cop, participant), meeting_id=past_meeting.pk, body="al gedaan"
    )
    Attendance.objects.create(
        meeting=past_meeting, membership=membership_of(cop, facilitator), present=False
    )
    NotificationPreference.objects.create(user=buddy, mode=NotificationMode.DIGEST)
    send_learning_prompts.call()
    assert mail.outbox == []


def test_halfway_an_experiment_its_owner_and_buddy_get_a_check_in_reminder(cop, participant, buddy):
    make_buddies(cop, participant, buddy)
    experiment = services.experiment_add(
        membership=membership_of(cop, participant),
        title="Samen-proberen",
        due_on=timezone.localdate() + timedelta(days=5),
        tier=Tier.BUDDY,
    )
    experiment.created_at = timezone.now() - timedelta(days=7)
    experiment.save()
    send_learning_prompts.call()
    send_learning_prompts.call()
    assert sorted(m.to[0] for m in mail.outbox) == ["bo@example.org", "piet@example.org"]
    assert all("Samen-proberen" in m.subject for m in mail.outbox)


def test_a_private_experiment_reminds_only_its_owner(cop, participant, buddy):
    make_buddies(cop, participant, buddy)
    experiment = services.experiment_add(
        membership=membership_of(cop, participant),
        title="Alleen-ik",
        due_on=timezone.localdate() + timedelta(days=2),
    )
    experiment.created_at = timezone.now() - timedelta(days=7)
    experiment.save()
    send_learning_prompts.call()
    assert [m.to[0] for m in mail.outbox] == ["piet@example.org"]


def test_no_reminder_before_halfway_or_after_a_check_in(cop, participant):
    membership = membership_of(cop, participant)
    services.experiment_add(
        membership=membership,
        title="Net begonnen",
        due_on=timezone.localdate() + timedelta(days=20),
    )
    checked = services.experiment_add(
        membership=membership, title="Al gemeld", due_on=timezone.localdate() + timedelta(days=1)
    )
    services.experiment_check_in(experiment=checked, note="Gaat goed")
    send_learning_prompts.call()
    assert mail.outbox == []
