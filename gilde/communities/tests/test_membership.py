"""Invitations, joining, applying, role changes, removal and leaving, with their audit trail."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from gilde.accounts.models import User
from gilde.communities import services
from gilde.communities.models import Application, Invitation, Policy, Role
from gilde.core.models import AuditEntry
from tests.factories import CommunityFactory, MembershipFactory, UserFactory


def _invite(client, cop, email="nieuw@example.org", role="participant", focus=""):
    # The invitation is mailed from the queue once the request's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("communities:invite", args=[cop.slug]),
            {"email": email, "role": role, "focus": focus, "message": "Welkom!"},
        )
    link = re.search(r"http://\S+/invite/(\S+)/", mail.outbox[-1].body)
    return response, link.group(1) if link else None


def test_facilitator_invites_and_a_new_person_registers_straight_into_the_cop(
    client, facilitator, cop
):
    client.force_login(facilitator)
    response, token = _invite(client, cop, role="facilitator", focus="process")
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["nieuw@example.org"]
    client.logout()
    assert client.get(reverse("communities:invitation", args=[token])).status_code == 200
    response = client.post(
        reverse("communities:invitation_register", args=[token]),
        {
            "name": "Nina Nieuw",
            "password1": "een-lang-wachtwoord",
            "password2": "een-lang-wachtwoord",
        },
    )
    assert response.status_code == 302
    assert response.url == f"/c/{cop.slug}/"
    user = User.objects.get(email="nieuw@example.org")
    membership = cop.memberships.get(user=user)
    assert (membership.role, membership.focus) == (Role.FACILITATOR, "process")
    assert user.is_active
    assert client.get(response.url).status_code == 200  # logged in and a member
    assert AuditEntry.objects.filter(community=cop, action="invitation.accepted").exists()


def test_existing_person_logs_in_and_accepts(client, facilitator, outsider, cop):
    client.force_login(facilitator)
    _, token = _invite(client, cop, email=outsider.email)
    client.force_login(outsider)
    url = reverse("communities:invitation", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert cop.memberships.get(user=outsider).role == Role.PARTICIPANT


def test_invitation_link_works_only_once(client, facilitator, outsider, cop):
    client.force_login(facilitator)
    _, token = _invite(client, cop, email=outsider.email)
    client.force_login(outsider)
    url = reverse("communities:invitation", args=[token])
    client.post(url)
    client.logout()
    response = client.get(url)
    assert response.status_code == 410
    register = client.post(
        reverse("communities:invitation_register", args=[token]),
        {"name": "X", "password1": "een-lang-wachtwoord", "password2": "een-lang-wachtwoord"},
    )
    assert register.status_code == 410
    assert cop.memberships.filter(user=outsider).count() == 1


def test_expired_invitation_is_refused(client, facilitator, outsider, cop):
    client.force_login(facilitator)
    _, token = _invite(client, cop, email=outsider.email)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(outsider)
    response = client.post(reverse("communities:invitation", args=[token]))
    assert response.status_code == 410
    assert "14" in response.content.decode()
    assert not cop.memberships.filter(user=outsider).exists()


def test_invitation_expires_after_fourteen_days(facilitator, cop):
    invitation = services.invitation_send(
        community=cop, inviter=facilitator, email="a@example.org", role=Role.PARTICIPANT
    )
    assert (
        timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=14)
    )


def test_invitation_for_someone_else_is_refused(client, facilitator, outsider, cop):
    client.force_login(facilitator)
    _, token = _invite(client, cop, email="iemand-anders@example.org")
    client.force_login(outsider)
    response = client.post(reverse("communities:invitation", args=[token]))
    assert response.status_code == 403
    assert "iemand-anders@example.org" in response.content.decode()
    assert not cop.memberships.filter(user=outsider).exists()


def test_unknown_invitation_token_is_404(client, db):
    assert client.get(reverse("communities:invitation", args=["verzonnen"])).status_code == 404


def test_inviting_an_existing_member_gets_a_clear_message(client, facilitator, participant, cop):
    client.force_login(facilitator)
    response = client.post(
        reverse("communities:invite", args=[cop.slug]),
        {"email": participant.email.upper(), "role": "participant"},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_new_invitation_replaces_the_pending_one(client, facilitator, cop):
    client.force_login(facilitator)
    _, first = _invite(client, cop)
    _, second = _invite(client, cop)
    client.logout()
    assert client.get(reverse("communities:invitation", args=[first])).status_code == 410
    assert client.get(reverse("communities:invitation", args=[second])).status_code == 200


def test_facilitator_cannot_invite_an_initiator(client, facilitator, cop):
    client.force_login(facilitator)
    response = client.post(
        reverse("communities:invite", args=[cop.slug]),
        {"email": "baas@example.org", "role": "initiator"},
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_participant_cannot_invite(client, participant, cop):
    client.force_login(participant)
    response = client.post(
        reverse("communities:invite", args=[cop.slug]),
        {"email": "x@example.org", "role": "participant"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_revoked_invitation_no_longer_works(client, facilitator, cop):
    client.force_login(facilitator)
    _, token = _invite(client, cop)
    invitation = Invitation.objects.get()
    client.post(reverse("communities:invitation_revoke", args=[cop.slug, invitation.pk]))
    assert client.get(reverse("communities:invitation", args=[token])).status_code == 410
    assert AuditEntry.objects.filter(action="invitation.revoked").exists()


def test_anyone_logged_in_joins_an_open_cop(client, outsider, cop):
    cop.policy = Policy.OPEN
    cop.save()
    client.force_login(outsider)
    assert client.get(reverse("communities:detail", args=[cop.slug])).status_code == 200
    response = client.post(reverse("communities:join", args=[cop.slug]))
    assert response.status_code == 302
    assert cop.memberships.get(user=outsider).role == Role.PARTICIPANT
    assert AuditEntry.objects.filter(community=cop, action="member.joined").exists()
    # A member has nothing left to join: refused, and nothing changes.
    assert client.post(reverse("communities:join", args=[cop.slug])).status_code == 403
    assert cop.memberships.filter(user=outsider).count() == 1


def test_closed_cop_cannot_be_joined_directly(client, outsider, cop):
    cop.listed = True
    cop.save()
    client.force_login(outsider)
    assert client.post(reverse("communities:join", args=[cop.slug])).status_code == 404
    assert not cop.memberships.filter(user=outsider).exists()


@pytest.fixture
def listed_cop(cop):
    cop.listed = True
    cop.save()
    return cop


def test_application_to_a_closed_cop_is_approved_and_the_applicant_told(
    client, outsider, facilitator, initiator, listed_cop, django_capture_on_commit_callbacks
):
    cop = listed_cop
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:apply", args=[cop.slug]),
            {"motivation": "Ik werk aan circulaire inkoop bij de gemeente en wil leren."},
        )
    assert response.status_code == 302
    assert {m.to[0] for m in mail.outbox} == {facilitator.email, initiator.email}
    application = Application.objects.get()
    client.force_login(facilitator)
    members_page = client.get(reverse("communities:members", args=[cop.slug])).content.decode()
    assert "circulaire inkoop" in members_page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:application_decide", args=[cop.slug, application.pk]),
            {"decision": "approve", "note": "Welkom!"},
        )
    assert cop.memberships.get(user=outsider).role == Role.PARTICIPANT
    assert mail.outbox[-1].to == [outsider.email]
    assert AuditEntry.objects.filter(action="application.approved").exists()


def test_declined_applicant_is_told_and_not_admitted(
    client, outsider, facilitator, listed_cop, django_capture_on_commit_callbacks
):
    application = services.application_submit(
        community=listed_cop, user=outsider, motivation="Graag wil ik meedoen aan deze CoP."
    )
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:application_decide", args=[listed_cop.slug, application.pk]),
            {"decision": "decline", "note": "De groep is vol."},
        )
    assert not listed_cop.memberships.filter(user=outsider).exists()
    assert mail.outbox[-1].to == [outsider.email]
    assert "De groep is vol." in mail.outbox[-1].body


def test_second_application_while_pending_gets_a_message(client, outsider, listed_cop):
    services.application_submit(
        community=listed_cop, user=outsider, motivation="Graag wil ik meedoen aan deze CoP."
    )
    client.force_login(outsider)
    response = client.post(
        reverse("communities:apply", args=[listed_cop.slug]),
        {"motivation": "Nog een keer, want ik wil echt graag meedoen."},
    )
    assert response.status_code == 200
    assert Application.objects.count() == 1


def test_too_short_motivation_is_refused(client, outsider, listed_cop):
    client.force_login(outsider)
    response = client.post(
        reverse("communities:apply", args=[listed_cop.slug]), {"motivation": "Hoi"}
    )
    assert response.status_code == 200
    assert "motivation" in response.context["form"].errors


def test_participant_cannot_decide_applications(client, outsider, participant, listed_cop):
    application = services.application_submit(
        community=listed_cop, user=outsider, motivation="Graag wil ik meedoen aan deze CoP."
    )
    client.force_login(participant)
    response = client.post(
        reverse("communities:application_decide", args=[listed_cop.slug, application.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 403
    assert not listed_cop.memberships.filter(user=outsider).exists()


def test_facilitator_changes_a_role_and_it_is_logged(client, facilitator, participant, cop):
    client.force_login(facilitator)
    membership = cop.memberships.get(user=participant)
    client.post(
        reverse("communities:member_role", args=[cop.slug, membership.pk]),
        {"role": "facilitator", "focus": "process"},
    )
    membership.refresh_from_db()
    assert (membership.role, membership.focus) == (Role.FACILITATOR, "process")
    entry = AuditEntry.objects.get(action="member.role_changed")
    assert entry.data["old_role"] == "participant" and entry.actor == facilitator


def test_role_change_over_htmx_returns_the_row(client, facilitator, participant, cop):
    client.force_login(facilitator)
    membership = cop.memberships.get(user=participant)
    response = client.post(
        reverse("communities:member_role", args=[cop.slug, membership.pk]),
        {"role": "observer", "focus": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.strip().startswith(f'<tr id="member-{membership.pk}"')
    assert "<html" not in body


def test_forged_role_value_is_refused(client, facilitator, participant, cop):
    client.force_login(facilitator)
    membership = cop.memberships.get(user=participant)
    for role in ("admin", "initiator"):
        client.post(
            reverse("communities:member_role", args=[cop.slug, membership.pk]),
            {"role": role},
        )
        membership.refresh_from_db()
        assert membership.role == Role.PARTICIPANT


def test_facilitator_cannot_touch_the_initiator(client, facilitator, initiator, cop):
    client.force_login(facilitator)
    membership = cop.memberships.get(user=initiator)
    client.post(reverse("communities:member_remove", args=[cop.slug, membership.pk]))
    client.post(
        reverse("communities:member_role", args=[cop.slug, membership.pk]), {"role": "observer"}
    )
    membership.refresh_from_db()
    assert membership.role == Role.INITIATOR


def test_participant_cannot_change_roles_or_remove(client, participant, observer, cop):
    client.force_login(participant)
    membership = cop.memberships.get(user=observer)
    url = reverse("communities:member_role", args=[cop.slug, membership.pk])
    assert client.post(url, {"role": "facilitator"}).status_code == 403
    remove = reverse("communities:member_remove", args=[cop.slug, membership.pk])
    assert client.post(remove).status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.OBSERVER


def test_member_of_another_cop_cannot_be_managed_through_this_one(client, facilitator, cop):
    other = CommunityFactory()
    stranger = MembershipFactory(community=other)
    client.force_login(facilitator)
    url = reverse("communities:member_remove", args=[cop.slug, stranger.pk])
    assert client.post(url).status_code == 404
    assert other.memberships.filter(pk=stranger.pk).exists()


def test_initiator_removes_a_member_and_it_is_logged(client, initiator, participant, cop):
    client.force_login(initiator)
    membership = cop.memberships.get(user=participant)
    client.post(reverse("communities:member_remove", args=[cop.slug, membership.pk]))
    assert not cop.memberships.filter(user=participant).exists()
    assert AuditEntry.objects.filter(action="member.removed", actor=initiator).exists()


def test_the_last_initiator_cannot_leave_or_step_down(client, initiator, facilitator, cop):
    client.force_login(initiator)
    response = client.post(reverse("communities:leave", args=[cop.slug]))
    assert response.status_code == 302
    assert cop.memberships.filter(user=initiator).exists()
    with pytest.raises(services.MembershipError):
        services.membership_change_role(
            membership=cop.memberships.get(user=initiator), actor=initiator, role=Role.PARTICIPANT
        )


def test_member_leaves(client, participant, cop):
    client.force_login(participant)
    response = client.post(reverse("communities:leave", args=[cop.slug]))
    assert response.status_code == 302
    assert not cop.memberships.filter(user=participant).exists()
    assert AuditEntry.objects.filter(action="member.left").exists()
    assert client.get(reverse("communities:detail", args=[cop.slug])).status_code == 404


def test_audit_log_shows_entries_to_facilitators(client, facilitator, participant, cop):
    client.force_login(participant)
    client.post(reverse("communities:leave", args=[cop.slug]))
    client.force_login(facilitator)
    page = client.get(reverse("communities:audit", args=[cop.slug])).content.decode()
    assert "Piet Deelnemer" in page


def test_services_refuse_a_second_membership(cop, participant):
    with pytest.raises(services.MembershipError):
        services.community_join(community=cop, user=participant)
    assert UserFactory  # factories stay importable for later tests


def test_facilitator_cannot_change_or_remove_one_of_two_initiators(
    client, facilitator, initiator, cop
):
    # With a second initiator the "last initiator" rule does not apply: only the role rule does.
    second = MembershipFactory(community=cop, role=Role.INITIATOR)
    client.force_login(facilitator)
    for target in (cop.memberships.get(user=initiator), second):
        role = reverse("communities:member_role", args=[cop.slug, target.pk])
        client.post(role, {"role": "participant"})
        client.post(reverse("communities:member_remove", args=[cop.slug, target.pk]))
        target.refresh_from_db()
        assert target.role == Role.INITIATOR


def test_facilitator_cannot_make_a_participant_initiator(client, facilitator, participant, cop):
    client.force_login(facilitator)
    target = cop.memberships.get(user=participant)
    client.post(
        reverse("communities:member_role", args=[cop.slug, target.pk]), {"role": "initiator"}
    )
    target.refresh_from_db()
    assert target.role == Role.PARTICIPANT


@pytest.mark.parametrize("runner", ["facilitator", "initiator"])
def test_runners_cannot_change_or_remove_their_own_membership(client, cop, personas, runner):
    MembershipFactory(community=cop, role=Role.INITIATOR)  # not the last initiator either
    user = personas[runner]
    own = cop.memberships.get(user=user)
    client.force_login(user)
    for role in ("initiator", "observer"):
        client.post(reverse("communities:member_role", args=[cop.slug, own.pk]), {"role": role})
    client.post(reverse("communities:member_remove", args=[cop.slug, own.pk]))
    own.refresh_from_db()
    assert own.role == Role(getattr(Role, runner.upper()))


def test_a_listed_closed_cop_shows_outsiders_only_how_to_apply(client, outsider, listed_cop):
    cop = listed_cop
    assert cop.slug in client.get(reverse("communities:directory")).content.decode()
    for path in (
        reverse("communities:detail", args=[cop.slug]),
        reverse("communities:members", args=[cop.slug]),
        reverse("meetings:calendar", args=[cop.slug]),
    ):
        assert client.get(path).status_code == 302  # anonymous: log in first
    client.force_login(outsider)
    for path in (
        reverse("communities:detail", args=[cop.slug]),
        reverse("communities:members", args=[cop.slug]),
        reverse("meetings:calendar", args=[cop.slug]),
    ):
        assert client.get(path).status_code in (403, 404)
    assert client.get(reverse("communities:apply", args=[cop.slug])).status_code == 200
