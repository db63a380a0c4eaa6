"""An invitation: the CoP's initiators hear of it by e-mail too (in their language, when they want
each e-mail), and the manager's answer does not tell whether a CoP has the address."""

from django.core import mail
from django.urls import reverse

from gilde.meetings.models import NotificationMode, NotificationPreference
from gilde.programmes import services
from gilde.programmes.models import LinkStatus, ProgrammeCop


def test_the_initiators_get_an_email_in_their_language(
    programme, manager, cop, initiator, facilitator, django_capture_on_commit_callbacks
):
    initiator.language = "en"
    initiator.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.cop_invite(programme=programme, actor=manager, community=cop)
    # The initiator decides; the facilitator does not, and gets nothing.
    assert [message.to for message in mail.outbox] == [[initiator.email]]
    message = mail.outbox[0]
    assert programme.name in message.subject and "invites" in message.subject
    settings_url = reverse("communities:settings", args=[cop.slug])
    assert settings_url in message.body
    assert "never see a person" in message.body


def test_the_email_is_in_dutch_for_a_dutch_initiator(
    programme, manager, cop, initiator, django_capture_on_commit_callbacks
):
    initiator.language = "nl"
    initiator.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.cop_invite(programme=programme, actor=manager, community=cop)
    assert "nodigt" in mail.outbox[0].subject


def test_no_email_for_an_initiator_who_reads_a_digest(
    programme, manager, cop, initiator, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=initiator, mode=NotificationMode.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        services.cop_invite(programme=programme, actor=manager, community=cop)
    assert mail.outbox == []
    # The notification inside Gilde still comes.
    assert initiator.notifications.filter(kind="programme.invited").exists()


def _invite(client, programme, address):
    return client.post(
        reverse("programmes:invite", args=[programme.slug]), {"cop": address}, follow=True
    )


def _message(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_answer_is_the_same_whether_or_not_a_cop_has_the_address(
    client, manager, programme, cop, initiator
):
    client.force_login(manager)
    found = _invite(client, programme, cop.slug)
    missing = _invite(client, programme, "bestaat-niet")
    assert found.status_code == missing.status_code == 200
    assert _message(found).replace(cop.slug, "X") == _message(missing).replace("bestaat-niet", "X")
    assert programme.links.get(community=cop).status == LinkStatus.INVITED
    # The settings page lists neither while the invitation is open: no row proves a CoP exists.
    assert found.context["links"] == missing.context["links"] == []
    assert cop.name not in found.content.decode()
    # Asking again sends nothing new.
    again = _invite(client, programme, cop.slug)
    assert _message(again) == _message(found)
    assert initiator.notifications.filter(kind="programme.invited").count() == 1


def test_bad_addresses_are_refused_and_members_named(
    client, manager, programme, cop, english_interface
):
    client.force_login(manager)
    for bad in ("Geen Adres!", "a--b", "-x"):
        response = client.post(reverse("programmes:invite", args=[programme.slug]), {"cop": bad})
        assert response.status_code == 400
    ProgrammeCop.objects.create(programme=programme, community=cop, status=LinkStatus.MEMBER)
    response = client.post(reverse("programmes:invite", args=[programme.slug]), {"cop": cop.slug})
    assert response.status_code == 400
    assert "in the programme already" in response.content.decode()
