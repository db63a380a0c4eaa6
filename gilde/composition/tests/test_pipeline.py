"""The candidate pipeline: who may see it, how candidates move, and who else is on the way in."""

import pytest
from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse

from gilde.communities.models import Application, Invitation, Role
from gilde.composition.models import Candidate, CandidateStatus
from tests.factories import CommunityFactory, MembershipFactory, UserFactory


def _candidate(cop, **fields):
    fields.setdefault("name", "Karin Kandidaat")
    return Candidate.objects.create(community=cop, **fields)


@pytest.fixture
def candidate(cop, initiator):
    return _candidate(
        cop,
        email="karin@example.org",
        organisation="Gemeente Utrecht",
        industry="Overheid",
        function="Beleidsadviseur",
        notes="Kent de wijk goed.",
        suggested_by=initiator,
    )


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _urls(cop, candidate):
    slug = cop.slug
    return [
        reverse("composition:candidates", args=[slug]),
        reverse("composition:candidate_edit", args=[slug, candidate.pk]),
        reverse("composition:candidate_delete", args=[slug, candidate.pk]),
        reverse("composition:import", args=[slug]),
        reverse("composition:import_map", args=[slug]),
        reverse("composition:import_confirm", args=[slug]),
        reverse("composition:export", args=[slug, "csv"]),
        reverse("composition:export", args=[slug, "xlsx"]),
    ]


# Access


@pytest.mark.parametrize("persona", ["participant", "observer"])
def test_members_without_the_right_get_403_on_every_pipeline_url(
    client, personas, cop, candidate, persona
):
    client.force_login(personas[persona])
    for url in _urls(cop, candidate):
        assert client.get(url).status_code == 403, url
    move = reverse("composition:candidate_move", args=[cop.slug, candidate.pk])
    assert client.post(move, {"status": "invited"}).status_code == 403
    delete = reverse("composition:candidate_delete", args=[cop.slug, candidate.pk])
    assert client.post(delete).status_code == 403
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.SUGGESTED


def test_outsider_gets_404_on_every_pipeline_url(client, outsider, cop, candidate):
    client.force_login(outsider)
    for url in _urls(cop, candidate):
        assert client.get(url).status_code == 404, url
    move = reverse("composition:candidate_move", args=[cop.slug, candidate.pk])
    assert client.post(move, {"status": "invited"}).status_code == 404
    assert Candidate.objects.filter(pk=candidate.pk).exists()


def test_anonymous_visitor_is_sent_to_log_in(client, cop, candidate):
    for url in _urls(cop, candidate):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response.url


@pytest.mark.parametrize("persona", ["initiator", "facilitator"])
def test_runners_open_every_pipeline_page(client, personas, cop, candidate, persona):
    client.force_login(personas[persona])
    for name in ("candidates", "import"):
        assert client.get(reverse(f"composition:{name}", args=[cop.slug])).status_code == 200
    for name in ("candidate_edit", "candidate_delete"):
        url = reverse(f"composition:{name}", args=[cop.slug, candidate.pk])
        assert client.get(url).status_code == 200


def test_move_is_post_only(client, facilitator, cop, candidate):
    client.force_login(facilitator)
    url = reverse("composition:candidate_move", args=[cop.slug, candidate.pk])
    assert client.get(url).status_code == 405


def test_another_cops_candidate_is_404(client, facilitator, cop, outsider):
    other = CommunityFactory(slug="elders")
    theirs = _candidate(other, email="hidden@example.org")
    client.force_login(facilitator)
    for name in ("candidate_edit", "candidate_delete"):
        url = reverse(f"composition:{name}", args=[cop.slug, theirs.pk])
        assert client.get(url).status_code == 404
    move = reverse("composition:candidate_move", args=[cop.slug, theirs.pk])
    assert client.post(move, {"status": "invited"}).status_code == 404
    delete = reverse("composition:candidate_delete", args=[cop.slug, theirs.pk])
    assert client.post(delete).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == CandidateStatus.SUGGESTED


# The pipeline page


def test_pipeline_groups_candidates_by_status_in_pipeline_order(
    client, facilitator, cop, candidate, initiator
):
    _candidate(cop, name="Ingrid Intake", status=CandidateStatus.INTAKE_PLANNED)
    _candidate(cop, name="Dirk Afgehaakt", status=CandidateStatus.DECLINED)
    client.force_login(facilitator)
    response = client.get(reverse("composition:candidates", args=[cop.slug]))
    html = response.content.decode()
    assert (
        html.index("Karin Kandidaat") < html.index("Ingrid Intake") < html.index("Dirk Afgehaakt")
    )
    assert "Gemeente Utrecht" in html and "Beleidsadviseur" in html
    assert "Kent de wijk goed." in html
    assert initiator.name in html  # who suggested her
    assert f'action="/c/circulair/group/candidates/{candidate.pk}/move/"' in html


def test_move_form_offers_only_allowed_next_statuses(client, facilitator, cop):
    declined = _candidate(cop, name="Dirk", status=CandidateStatus.DECLINED)
    _candidate(cop, name="Mia", email="mia@example.org", status=CandidateStatus.MEMBER)
    client.force_login(facilitator)
    response = client.get(reverse("composition:candidates", args=[cop.slug]))
    candidates = {c.name: c for g in response.context["groups"] for c in g.candidates}
    left = {c.name: c for g in response.context["left"] for c in g.candidates}
    assert [value for value, _label in left["Dirk"].next_statuses] == ["suggested"]
    assert candidates["Mia"].next_statuses == []
    html = response.content.decode()
    assert f'id="move-{declined.pk}"' in html


def test_also_in_the_group_lists_applications_and_participants_without_candidate(
    client, facilitator, cop, participant
):
    applicant = UserFactory(email="aanvrager@example.org", name="Anna Aanvrager")
    Application.objects.create(community=cop, user=applicant, motivation="Ik wil meedoen.")
    decided = UserFactory(email="oud@example.org", name="Oud Besluit")
    Application.objects.create(community=cop, user=decided, motivation="x", status="declined")
    joined = UserFactory(email="via-pijplijn@example.org", name="Via Pijplijn")
    MembershipFactory(community=cop, user=joined, role=Role.PARTICIPANT)
    _candidate(cop, name="Via Pijplijn", email="VIA-pijplijn@example.org", status="member")
    client.force_login(facilitator)
    response = client.get(reverse("composition:candidates", args=[cop.slug]))
    assert [a.user for a in response.context["applications"]] == [applicant]
    assert [m.user for m in response.context["participants"]] == [participant]
    assert "Anna Aanvrager" in response.content.decode()


def test_adding_a_candidate(client, initiator, cop):
    client.force_login(initiator)
    url = reverse("composition:candidates", args=[cop.slug])
    response = client.post(
        url,
        {"name": "Nieuwe Naam", "email": "Nieuw@Example.org", "knowledge_type": "theory"},
    )
    assert response.status_code == 302
    candidate = cop.candidates.get()
    assert candidate.email == "nieuw@example.org"
    assert candidate.suggested_by == initiator
    assert candidate.status == CandidateStatus.SUGGESTED


def test_adding_a_candidate_twice_by_email_is_refused(client, initiator, cop, candidate):
    client.force_login(initiator)
    url = reverse("composition:candidates", args=[cop.slug])
    response = client.post(url, {"name": "Karin Twee", "email": "KARIN@example.org"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert cop.candidates.count() == 1


def test_editing_and_deleting_a_candidate(client, facilitator, cop, candidate):
    client.force_login(facilitator)
    edit = reverse("composition:candidate_edit", args=[cop.slug, candidate.pk])
    response = client.post(edit, {"name": "Karin K.", "email": "karin@example.org"})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.name == "Karin K."
    delete = reverse("composition:candidate_delete", args=[cop.slug, candidate.pk])
    assert client.post(delete).status_code == 302
    assert not cop.candidates.exists()


def test_pipeline_page_query_budget(client, facilitator, cop, django_assert_max_num_queries):
    client.force_login(facilitator)
    url = reverse("composition:candidates", args=[cop.slug])
    for count in (1, 50):
        cop.candidates.all().delete()
        suggester = UserFactory()
        Candidate.objects.bulk_create(
            Candidate(
                community=cop, name=f"K {n}", email=f"k{n}@example.org", suggested_by=suggester
            )
            for n in range(count)
        )
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


# Transitions


def _move(client, cop, candidate, status):
    url = reverse("composition:candidate_move", args=[cop.slug, candidate.pk])
    # E-mails leave from the queue once the request's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {"status": status})


def test_allowed_transition_moves_the_candidate(client, facilitator, cop, candidate, mailoutbox):
    client.force_login(facilitator)
    response = _move(client, cop, candidate, "intake_planned")
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.INTAKE_PLANNED
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("suggested", "suggested"),
        ("intake_done", "approached"),
        ("member", "withdrew"),
        ("declined", "invited"),
        ("withdrew", "member"),
    ],
)
def test_refused_transition_leaves_the_candidate_and_explains(
    client, facilitator, cop, candidate, start, target, mailoutbox
):
    Candidate.objects.filter(pk=candidate.pk).update(status=start)
    client.force_login(facilitator)
    response = _move(client, cop, candidate, target)
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == start
    assert any("Karin Kandidaat" in text for text in _messages(response))
    assert mailoutbox == []


def test_unknown_status_is_refused(client, facilitator, cop, candidate):
    client.force_login(facilitator)
    response = _move(client, cop, candidate, "astronaut")
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.SUGGESTED
    assert _messages(response)


def test_sending_the_invitation_invites_and_the_candidate_waits_for_acceptance(
    client, facilitator, cop, candidate, mailoutbox
):
    client.force_login(facilitator)
    response = _move(client, cop, candidate, "invited")
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.INVITED
    assert candidate.get_status_display() == "Uitnodiging verstuurd"
    invitation = Invitation.objects.get(community=cop)
    assert invitation.email == "karin@example.org"
    assert invitation.role == Role.PARTICIPANT
    assert [message.to for message in mailoutbox] == [["karin@example.org"]]
    assert any("karin@example.org" in text for text in _messages(response))
    assert not cop.memberships.filter(user__email="karin@example.org").exists()


@pytest.mark.parametrize("status", ["suggested", "approached", "intake_planned", "intake_done"])
def test_no_status_before_the_invitation_sends_anything(
    client, facilitator, cop, candidate, status, mailoutbox
):
    Candidate.objects.filter(pk=candidate.pk).update(status="suggested")
    client.force_login(facilitator)
    if status != "suggested":
        _move(client, cop, candidate, status)
    candidate.refresh_from_db()
    assert candidate.status == status
    assert mailoutbox == [] and not Invitation.objects.exists()


def test_the_invitation_can_be_sent_again_and_replaces_the_first(
    client, facilitator, cop, candidate, mailoutbox
):
    client.force_login(facilitator)
    _move(client, cop, candidate, "invited")
    _move(client, cop, candidate, "invited")
    assert cop.invitations.pending().count() == 1
    assert len(mailoutbox) == 2


def test_the_menu_names_what_each_move_does(client, facilitator, cop, candidate):
    client.force_login(facilitator)
    html = client.get(reverse("composition:candidates", args=[cop.slug])).content.decode()
    assert ">Uitnodiging versturen</option>" in html
    assert "Gilde heeft niets verstuurd" in html  # under the statuses before the invitation


@pytest.mark.parametrize("target", ["invited", "member"])
def test_inviting_or_marking_without_email_is_refused(client, facilitator, cop, target, mailoutbox):
    nameless = _candidate(cop, name="Zonder Adres", status=CandidateStatus.INTAKE_DONE)
    client.force_login(facilitator)
    response = _move(client, cop, nameless, target)
    nameless.refresh_from_db()
    assert nameless.status == CandidateStatus.INTAKE_DONE
    assert not Invitation.objects.exists()
    assert mailoutbox == []
    assert any("Zonder Adres" in text for text in _messages(response))


def test_marking_member_by_hand_is_refused_before_they_joined(
    client, facilitator, cop, candidate, mailoutbox
):
    client.force_login(facilitator)
    response = _move(client, cop, candidate, "member")
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.SUGGESTED
    assert mailoutbox == []
    assert any("nog geen lid" in text for text in _messages(response))


@pytest.mark.parametrize("target", ["invited", "member"])
def test_someone_who_joined_another_way_becomes_member_without_a_message(
    client, facilitator, cop, participant, target, mailoutbox
):
    piet = _candidate(cop, name="Piet", email=participant.email.upper(), function="Inkoper")
    client.force_login(facilitator)
    _move(client, cop, piet, target)
    piet.refresh_from_db()
    assert piet.status == CandidateStatus.MEMBER and piet.user == participant
    assert mailoutbox == []
    assert cop.memberships.get(user=participant).profile.function == "Inkoper"


def test_declining_an_invited_candidate_withdraws_the_invitation(
    client, facilitator, cop, candidate
):
    client.force_login(facilitator)
    _move(client, cop, candidate, "invited")
    response = _move(client, cop, candidate, "declined")
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.DECLINED
    assert not cop.invitations.pending().exists()
    assert any("ingetrokken" in text for text in _messages(response))


# Joining: the candidate's details go into the member's profile


def _details(**overrides) -> dict:
    return {
        "name": "Karin Kandidaat",
        "email": "karin@example.org",
        "organisation": "Gemeente Utrecht",
        "industry": "Overheid",
        "function": "Beleidsadviseur",
        "discipline": "Ruimtelijke ordening",
        "knowledge_type": "theory",
        "pioneer": "pioneer",
        "notes": "Kent de wijk goed; twijfelt over de tijd.",
        **overrides,
    }


def test_accepting_the_invitation_makes_the_candidate_a_member_with_their_details(
    client, facilitator, cop
):
    from gilde.communities.services import invitation_accept, invitation_send

    karin = _candidate(cop, **_details(status=CandidateStatus.INVITED))
    invitation = invitation_send(
        community=cop, inviter=facilitator, email=karin.email, role=Role.PARTICIPANT
    )
    user = UserFactory(email="Karin@Example.org", name="Karin Kandidaat", industry="", function="")
    membership = invitation_accept(invitation=invitation, user=user)
    karin.refresh_from_db()
    assert karin.status == CandidateStatus.MEMBER and karin.user == user
    profile = membership.profile
    assert profile.organisation.name == "Gemeente Utrecht"
    assert (profile.industry, profile.function, profile.discipline) == (
        "Overheid",
        "Beleidsadviseur",
        "Ruimtelijke ordening",
    )
    assert (profile.knowledge_type, profile.pioneer) == ("theory", "pioneer")
    entry = cop.audit_entries.filter(action="candidate.joined").get()
    assert entry.actor == user
    # The notes stay on the candidate, for the facilitators: on the intake page, not the member's.
    client.force_login(facilitator)
    intake = reverse("composition:intake", args=[cop.slug, membership.pk])
    assert "Kent de wijk goed" in client.get(intake).content.decode()
    client.force_login(user)
    for url in (intake, reverse("composition:profile", args=[cop.slug, membership.pk])):
        page = client.get(url)
        assert page.status_code == 200
        assert "Kent de wijk goed" not in page.content.decode()


def test_an_approved_application_or_joining_an_open_cop_carries_the_details_too(cop, facilitator):
    from gilde.communities.services import application_decide, application_submit, community_join

    _candidate(cop, **_details())
    karin = UserFactory(email="karin@example.org")
    application = application_submit(community=cop, user=karin, motivation="Ik wil meedoen.")
    application_decide(application=application, actor=facilitator, approve=True)
    assert cop.memberships.get(user=karin).profile.industry == "Overheid"
    assert cop.candidates.get(email="karin@example.org").status == CandidateStatus.MEMBER

    open_cop = CommunityFactory(policy="open", listed=True)
    _candidate(open_cop, **_details(email="joop@example.org", industry="Bouw"))
    joop = UserFactory(email="joop@example.org")
    community_join(community=open_cop, user=joop)
    assert open_cop.memberships.get(user=joop).profile.industry == "Bouw"


def test_what_the_member_filled_in_already_wins_over_the_candidate_record(cop, facilitator):
    from gilde.composition.models import MemberProfile
    from gilde.composition.services import candidate_joined

    karin = _candidate(cop, **_details())
    user = UserFactory(email="karin@example.org")
    membership = MembershipFactory(community=cop, user=user)  # no hook: made by hand
    MemberProfile.objects.create(membership=membership, function="Wethouder")
    candidate_joined(candidate=karin, membership=membership, actor=facilitator)
    membership.profile.refresh_from_db()
    assert membership.profile.function == "Wethouder"
    assert membership.profile.industry == "Overheid"


def test_a_new_member_without_a_candidate_record_joins_as_before(cop, facilitator):
    from gilde.communities.services import invitation_accept, invitation_send

    invitation = invitation_send(
        community=cop, inviter=facilitator, email="nieuw@example.org", role=Role.PARTICIPANT
    )
    membership = invitation_accept(
        invitation=invitation, user=UserFactory(email="nieuw@example.org")
    )
    assert not hasattr(membership, "profile") or membership.profile.industry == ""
    assert not cop.candidates.exists()


def test_existing_candidates_get_the_names_of_what_happened_to_them(cop, participant):
    """The data migration: "invited" sent nothing (approached); "member" sent the invitation."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "gilde.composition.migrations.0002_pipeline_names_what_happened"
    )
    asked = _candidate(cop, name="Gevraagd", status="invited")
    mailed = _candidate(cop, name="Gemaild", email="gemaild@example.org", status="member")
    joined = _candidate(cop, name="Piet", email=participant.email, status="member")
    migration.rename_what_happened(apps, None)
    for candidate in (asked, mailed, joined):
        candidate.refresh_from_db()
    assert (asked.status, mailed.status, joined.status) == ("approached", "invited", "member")
    assert joined.user == participant


def test_a_long_status_shows_the_first_ones_and_all_of_them_a_page_at_a_time(
    client, facilitator, cop, django_assert_max_num_queries
):
    for number in range(60):
        _candidate(cop, name=f"Kandidaat {number:02}", email=f"k{number}@example.org")
    client.force_login(facilitator)
    url = reverse("composition:candidates", args=[cop.slug])
    page = client.get(url).content.decode()
    assert page.count('class="candidate-name"') <= 25 or "Kandidaat 30" not in page
    assert "?status=suggested" in page
    with django_assert_max_num_queries(20):
        second = client.get(url, {"status": "suggested", "page": 2}).content.decode()
    assert "Kandidaat 55" in second and "Kandidaat 05" not in second
    assert client.get(url, {"status": "bestaat-niet"}).status_code == 200
