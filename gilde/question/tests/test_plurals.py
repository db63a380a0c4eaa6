"""Asking one person for comments says "1 persoon", in the message and in the audit log."""

from django.contrib.messages import get_messages
from django.urls import reverse

from gilde.communities.models import Membership
from gilde.core.audit import audit_describe


def test_asking_one_person_is_one_person_not_one_people(client, cop, facilitator, participant):
    client.force_login(facilitator)
    recipient = Membership.objects.get(user=participant)
    response = client.post(
        reverse("question:request_comments", args=[cop.slug]),
        {"recipients": [recipient.pk], "message": "Wil je meelezen?"},
    )
    assert response.status_code == 302
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert "1 persoon om een reactie gevraagd." in texts
    entry = cop.audit_entries.get(action="question.comments_requested")
    assert audit_describe(entry) == "heeft 1 persoon om een reactie op het vraagstuk gevraagd"
    entry.data["count"] = 3
    assert "3 mensen" in audit_describe(entry)
