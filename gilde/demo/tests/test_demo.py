from io import StringIO

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.db import connection

from gilde.accounts.models import Organisation, User
from gilde.communities.access import CommunityAccess
from gilde.communities.models import Application, Community, Membership, Policy, Role
from gilde.composition.models import CandidateStatus
from gilde.core.models import AuditEntry
from gilde.demo import data
from gilde.demo.services import demo_load
from gilde.meetings import selectors as meeting_selectors
from gilde.meetings.models import EvaluationResponse, EvaluationSubmission, MeetingFacilitator

NAMED = [
    "initiator@example.org",
    "facilitator@example.org",
    "procesfacilitator@example.org",
    "deelnemer@example.org",
    "observer@example.org",
]


def _demo(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "communities": Community.objects.count(),
        "memberships": Membership.objects.count(),
        "applications": Application.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


@pytest.mark.django_db
def test_demo_creates_a_full_closed_cop():
    demo_load()
    cop = Community.objects.get(slug=data.MAIN_SLUG)
    members = cop.memberships.select_related("user__organisation")
    assert cop.policy == Policy.CLOSED and cop.listed
    assert (cop.duration_months, cop.cadence_weeks, cop.target_size) == (18, 6, 20)
    assert members.filter(role=Role.INITIATOR).get().user.email == "initiator@example.org"
    facilitators = {m.user.email: m.focus for m in members.filter(role=Role.FACILITATOR)}
    assert facilitators == {
        "facilitator@example.org": "content",
        "procesfacilitator@example.org": "process",
    }
    participants = [m.user for m in members.filter(role=Role.PARTICIPANT)]
    assert len(participants) == 20
    assert "deelnemer@example.org" in {user.email for user in participants}
    assert members.filter(role=Role.OBSERVER).count() == 2
    assert members.filter(user__email="observer@example.org", role=Role.OBSERVER).exists()
    assert len({user.organisation_id for user in participants}) >= 10
    assert len({user.industry for user in participants}) >= 3
    assert {user.knowledge_type for user in participants} >= {"practice", "theory"}


@pytest.mark.django_db
def test_demo_starts_a_few_months_ago():
    from django.utils import timezone

    cop = demo_load().main
    months_ago = (timezone.localdate() - cop.start_date).days / 30
    assert 2 <= months_ago <= 5


@pytest.mark.django_db
def test_demo_has_an_open_cop_and_a_pending_application():
    result = demo_load()
    assert result.open.policy == Policy.OPEN and result.open.listed
    assert result.open.memberships.count() >= 4
    application = Application.objects.get(community=result.main, status="pending")
    assert not result.main.memberships.filter(user=application.user).exists()
    assert application.motivation


@pytest.mark.django_db
def test_demo_accounts_log_in_with_the_demo_password():
    demo_load()
    for email in NAMED:
        user = User.objects.get(email=email)
        assert user.is_active and user.language == "nl"
        assert user.check_password("gilde-demo")
    demo_emails = {person.email for person in data.PEOPLE}
    assert all(email.endswith("@example.org") for email in demo_emails)
    assert all(
        check_password("gilde-demo", password)
        for password in User.objects.values_list("password", flat=True)
    )


@pytest.mark.django_db
def test_demo_twice_changes_nothing():
    demo_load()
    before = _counts()
    passwords = dict(User.objects.values_list("email", "password"))
    demo_load()
    assert _counts() == before
    assert dict(User.objects.values_list("email", "password")) == passwords


@pytest.mark.django_db
def test_demo_restores_changed_accounts_and_roles():
    result = demo_load()
    User.objects.filter(email="deelnemer@example.org").update(name="Iemand Anders")
    result.main.memberships.filter(user__email="deelnemer@example.org").update(role=Role.OBSERVER)
    demo_load()
    participant = result.main.memberships.get(user__email="deelnemer@example.org")
    assert participant.role == Role.PARTICIPANT
    assert participant.user.name == "Fatima El Amrani"


@pytest.mark.django_db
def test_demo_if_empty_leaves_a_used_database_alone():
    User.objects.create_user(email="beheer@example.com", password="x", name="Beheer")
    output = _demo("--if-empty")
    assert User.objects.count() == 1
    assert not Community.objects.exists()
    assert "initiator@example.org" not in output


@pytest.mark.django_db
def test_demo_if_empty_fills_an_empty_database_and_then_only_prints():
    output = _demo("--if-empty")
    assert Community.objects.filter(slug=data.MAIN_SLUG).exists()
    before = _counts()
    again = _demo("--if-empty")
    assert _counts() == before
    assert "initiator@example.org" in output and "initiator@example.org" in again


@pytest.mark.django_db
def test_demo_command_lists_the_logins():
    output = _demo()
    assert "gilde-demo" in output
    for email in NAMED:
        assert email in output


@pytest.mark.django_db
def test_demo_fills_step_one_and_the_guide_once():
    demo_load()
    main = Community.objects.get(slug=data.MAIN_SLUG)
    versions = list(main.question_versions.order_by("number"))
    assert len(versions) == 3
    assert len(versions[2].core_question) > len(versions[0].core_question)  # it sharpened
    assert main.question_sheet.core_question == versions[2].core_question
    assert sum(v.comments.count() for v in versions) >= 3
    assert main.urgency_signals.count() == 5
    assert set(main.intended_yields.values_list("level", flat=True)) == {
        "participant",
        "organisation",
        "field",
        "initiator",
    }
    assert main.stakeholders.count() >= 10
    assert main.problem_tree.nodes.filter(parent__isnull=False).exists()
    assert main.work_forms.count() == 1
    assert main.step_marks.filter(step=4, done=True).exists()
    before = (main.question_versions.count(), main.urgency_signals.count())
    demo_load()
    assert (main.question_versions.count(), main.urgency_signals.count()) == before


@pytest.mark.django_db
def test_demo_fills_step_two():
    demo_load()
    main = Community.objects.get(slug=data.MAIN_SLUG)
    statuses = set(main.candidates.values_list("status", flat=True))
    assert set(CandidateStatus.values) - {"withdrew"} <= statuses
    # "Invitation sent" means an invitation is waiting; "member" means they joined, with details.
    invited = main.candidates.get(status="invited")
    assert main.invitations.pending().filter(email=invited.email).exists()
    for candidate in main.candidates.filter(status="member"):
        membership = main.memberships.get(user=candidate.user)
        assert membership.profile.function == candidate.function
        assert main.audit_entries.filter(action="candidate.joined", actor=candidate.user).exists()
    participants = main.memberships.filter(role=Role.PARTICIPANT)
    assert all(m.intake.done_at for m in participants)
    assert main.composition_settings.one_organisation_per_industry
    before = (main.candidates.count(), main.invitations.count(), main.audit_entries.count())
    demo_load()
    assert (main.candidates.count(), main.invitations.count(), main.audit_entries.count()) == before


@pytest.mark.django_db
def test_demo_fills_step_three_with_something_to_say():
    demo_load()
    main = Community.objects.get(slug=data.MAIN_SLUG)
    participants = main.memberships.filter(role=Role.PARTICIPANT)
    agreements = [m for m in participants if hasattr(m, "impact")]
    assert len(participants) - 5 <= len(agreements) < len(participants)
    assert any(not m.impact.sponsor_informed for m in agreements)
    assert main.organisation_commitments.count() == 3


@pytest.mark.django_db
def test_demo_has_pioneers_and_followers():
    demo_load()
    main = Community.objects.get(slug=data.MAIN_SLUG)
    kinds = set(main.memberships.values_list("profile__pioneer", flat=True))
    assert {"pioneer", "follower"} <= kinds


@pytest.mark.django_db
def test_demo_has_thirteen_meetings_some_held_with_evaluations():
    demo_load()
    main = Community.objects.get(slug=data.MAIN_SLUG)
    # Thirteen in the series, and the work visit a date poll of step 5 turned into a meeting.
    meetings = list(main.meetings.filter(title__startswith="Bijeenkomst").order_by("starts_at"))
    assert len(meetings) == 13
    assert main.meetings.count() == 14
    held = [m for m in meetings if m.status == "held"]
    assert held and all(m.agenda_items.exists() for m in held)
    assert all(m.responses.count() >= 5 for m in held)
    assert all(r.membership_id is None for m in held for r in m.responses.all())
    upcoming = next(m for m in meetings if m.status == "planned")
    assert upcoming.agenda_items.exists()
    # The evaluations went through the app's own service: random ids, so no submission shares
    # an id (or, on SQLite, a storage position) with a response.
    submissions = EvaluationSubmission.objects.filter(meeting__community=main)
    responses = EvaluationResponse.objects.filter(meeting__community=main)
    submission_ids = set(submissions.values_list("pk", flat=True))
    response_ids = set(responses.values_list("pk", flat=True))
    assert submission_ids and not submission_ids & response_ids
    assert min(submission_ids | response_ids) > 2**32
    assert submissions.filter(counts=True).exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid, id FROM meetings_evaluationsubmission")
            assert all(rowid == pk for rowid, pk in cursor.fetchall())
    # The last held meeting's answers feed the upcoming one: its preparation shows them.
    facilitator = main.memberships.filter(role=Role.FACILITATOR).first()
    access = CommunityAccess(main, facilitator, True)
    last_held = held[-1]
    assert meeting_selectors.needs_for_next_meeting(meeting=last_held, access=access)
    assert all(m.facilitators.count() == 2 for m in meetings)
    demo_load()
    assert main.meetings.count() == 14  # a second load adds nothing


@pytest.mark.django_db
def test_demo_facilitators_keep_their_own_focus_in_every_meeting():
    demo_load()
    main = Community.objects.get(slug=data.MAIN_SLUG)
    rows = list(
        MeetingFacilitator.objects.filter(meeting__community=main).select_related("membership")
    )
    own = [row for row in rows if row.membership.focus]
    assert own  # the two facilitators take turns too
    assert all(row.focus == row.membership.focus for row in own)


@pytest.mark.django_db
def test_demo_fills_step_5_once_through_the_services():
    from gilde.decisions.models import (
        AgreementVersion,
        Ballot,
        Decision,
        FeedbackRequest,
        Participation,
        Poll,
        RoleAssignment,
    )

    demo_load()
    main = Community.objects.get(slug=data.MAIN_SLUG)
    polls = Poll.objects.filter(community=main)
    assert {p.kind for p in polls} == {"consent", "choice", "score", "ranked", "date", "check"}
    assert polls.filter(closed_at__isnull=True).exists() and polls.filter(closed_at__isnull=False)
    anonymous = polls.get(anonymous=True)
    assert anonymous.hide_results and anonymous.closed_at is None
    assert Ballot.objects.filter(poll=anonymous, membership__isnull=False).count() == 0
    assert Participation.objects.filter(poll=anonymous).count() == anonymous.ballots.count() > 0
    visit = polls.get(kind="date")
    assert visit.meeting_created_id and main.meetings.filter(pk=visit.meeting_created_id).exists()
    assert Decision.objects.filter(community=main, revises__isnull=False).exists()
    assert AgreementVersion.objects.filter(community=main).count() == 2
    assert RoleAssignment.objects.filter(community=main).exists()
    assert FeedbackRequest.objects.filter(community=main).count() == 2
    counts = (polls.count(), Decision.objects.count(), RoleAssignment.objects.count())
    demo_load()
    assert (polls.count(), Decision.objects.count(), RoleAssignment.objects.count()) == counts


@pytest.mark.django_db
def test_the_demo_initiator_has_a_read_token_once():
    from gilde.accounts.models import ApiToken

    demo_load()
    demo_load()
    tokens = ApiToken.objects.filter(user__email="initiator@example.org")
    assert tokens.count() == 1 and tokens.get().scope == "read"


@pytest.mark.django_db
def test_demo_fills_the_home_and_the_notification_centre(client):
    from gilde.meetings.models import AgendaTemplate
    from gilde.notifications.models import Notification
    from gilde.question.models import CommentRequest

    demo_load()
    cop = Community.objects.get(slug=data.MAIN_SLUG)
    participant = User.objects.get(email="deelnemer@example.org")
    assert CommentRequest.objects.filter(community=cop, membership__user=participant).exists()
    assert AgendaTemplate.objects.filter(community=cop).exists()
    assert Notification.objects.filter(user=participant, read=False).exists()
    client.force_login(participant)
    home = client.get(f"/c/{cop.slug}/").content.decode()
    now = home.split('data-section="now"', 1)[1].split("</section>", 1)[0]
    assert 'data-kind="comment_request"' in now
    assert 'data-kind="meeting"' in now
    counts = {
        "requests": CommentRequest.objects.count(),
        "notifications": Notification.objects.count(),
        "templates": AgendaTemplate.objects.count(),
    }
    demo_load()
    assert counts == {
        "requests": CommentRequest.objects.count(),
        "notifications": Notification.objects.count(),
        "templates": AgendaTemplate.objects.count(),
    }
