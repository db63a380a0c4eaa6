"""Every URL pattern, every persona: the status each one gets on a GET.

The table is the contract. A new URL pattern that is not in it fails this test, so every view that
is added has to say who may reach it.
"""

from datetime import date, timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from gilde.communities import services
from gilde.communities.models import Application, Policy, Role, token_digest
from gilde.composition import services as composition_services
from gilde.guide.models import CustomWorkForm
from gilde.impact import services as impact_services
from gilde.meetings.models import AgendaItem, EvaluationQuestion, Meeting
from gilde.question import services as question_services
from gilde.question.models import SHEET_FIELDS

PERSONAS = ["anonymous", "outsider", "participant", "observer", "facilitator", "initiator"]
LOGIN = 302  # anonymous visitors are sent to the login page

# Status per persona, in the order of PERSONAS. The CoP is closed and unlisted.
ALL = lambda status: dict.fromkeys(PERSONAS, status)  # noqa: E731
POST_ONLY = ALL(405)
RUNNERS_ONLY = {
    "anonymous": LOGIN,
    "outsider": 404,
    "participant": 403,
    "observer": 403,
    "facilitator": 200,
    "initiator": 200,
}
MEMBERS_ONLY = {**RUNNERS_ONLY, "participant": 200, "observer": 200}
MEMBER_ROLES = ["participant", "observer", "facilitator", "initiator"]
LOGGED_IN = {**ALL(200), "anonymous": LOGIN}
ANONYMOUS_ONLY = {**ALL(302), "anonymous": 200}

EXPECTED = {
    "core:home": ALL(200),
    "accounts:set_language": POST_ONLY,
    "accounts:register": ANONYMOUS_ONLY,
    "accounts:confirm": ALL(400),
    "accounts:login": ANONYMOUS_ONLY,
    "accounts:logout": POST_ONLY,
    "accounts:profile": LOGGED_IN,
    "accounts:password_change": LOGGED_IN,
    "accounts:password_reset": ALL(200),
    "accounts:password_reset_done": ALL(200),
    "accounts:password_reset_confirm": ALL(200),
    "accounts:password_reset_complete": ALL(200),
    "communities:directory": ALL(200),
    "communities:mine": LOGGED_IN,
    "communities:create": LOGGED_IN,
    # An invitation for someone else: members are sent to the CoP, others told it isn't theirs.
    "communities:invitation": {**ALL(302), "anonymous": 200, "outsider": 403},
    "communities:invitation_register": ANONYMOUS_ONLY,
    "communities:detail": MEMBERS_ONLY,
    "communities:settings": RUNNERS_ONLY,
    "communities:members": {**RUNNERS_ONLY, "participant": 200},
    "communities:member_role": POST_ONLY,
    "communities:member_remove": POST_ONLY,
    "communities:leave": MEMBERS_ONLY,
    "communities:join": POST_ONLY,
    "communities:apply": {**RUNNERS_ONLY, "facilitator": 403, "initiator": 403},
    "communities:application_decide": POST_ONLY,
    "communities:invite": RUNNERS_ONLY,
    "communities:invitation_revoke": POST_ONLY,
    "communities:audit": RUNNERS_ONLY,
    "guide:about": ALL(200),
    "guide:steps": ALL(200),
    "guide:step": ALL(200),
    "guide:library": ALL(200),
    "guide:work_form": ALL(200),
    "guide:cop_step": MEMBERS_ONLY,
    "guide:cop_step_mark": POST_ONLY,
    "guide:cop_library": MEMBERS_ONLY,
    "guide:cop_work_form": MEMBERS_ONLY,
    "guide:cop_work_form_new": RUNNERS_ONLY,
    "guide:cop_work_form_edit": RUNNERS_ONLY,
    "guide:cop_work_form_delete": RUNNERS_ONLY,
    "question:edit": RUNNERS_ONLY,
    "question:settings": POST_ONLY,
    "question:history": MEMBERS_ONLY,
    "question:version": MEMBERS_ONLY,
    "question:compare": {**MEMBERS_ONLY, **dict.fromkeys(MEMBER_ROLES, 400)},  # no versions named
    "question:request_comments": RUNNERS_ONLY,
    "question:signals": MEMBERS_ONLY,
    "question:signal_edit": RUNNERS_ONLY,
    "question:signal_delete": RUNNERS_ONLY,
    "question:yields": MEMBERS_ONLY,
    "question:yield_edit": RUNNERS_ONLY,
    "question:yield_delete": RUNNERS_ONLY,
    "question:stakeholders": MEMBERS_ONLY,
    "question:stakeholder_edit": RUNNERS_ONLY,
    "question:stakeholder_delete": RUNNERS_ONLY,
    "question:tree": MEMBERS_ONLY,
    "question:node_edit": RUNNERS_ONLY,
    "question:node_delete": RUNNERS_ONLY,
    "question:layers": MEMBERS_ONLY,
    "composition:dashboard": MEMBERS_ONLY,
    "composition:rules": POST_ONLY,
    "composition:candidates": RUNNERS_ONLY,
    "composition:candidate_edit": RUNNERS_ONLY,
    "composition:candidate_move": POST_ONLY,
    "composition:candidate_delete": RUNNERS_ONLY,
    "composition:import": RUNNERS_ONLY,
    # Without an upload in the session, runners are sent back to the upload page.
    "composition:import_map": {**RUNNERS_ONLY, "facilitator": 302, "initiator": 302},
    "composition:import_confirm": {**RUNNERS_ONLY, "facilitator": 302, "initiator": 302},
    "composition:export": RUNNERS_ONLY,
    # pk: the participant persona's own membership.
    "composition:profile": {**MEMBERS_ONLY, "observer": 403},
    "composition:intake": {**MEMBERS_ONLY, "observer": 403, "initiator": 403},
    "composition:intakes": {**RUNNERS_ONLY, "initiator": 403},
    "impact:overview": RUNNERS_ONLY,
    "impact:member": {**MEMBERS_ONLY, "observer": 403},
    "impact:commitment_new": RUNNERS_ONLY,
    "impact:commitment_edit": RUNNERS_ONLY,
    "impact:commitment_delete": RUNNERS_ONLY,
    # The meeting ended an hour ago, so its evaluation is open.
    "meetings:calendar": MEMBERS_ONLY,
    "meetings:schedule": RUNNERS_ONLY,
    "meetings:detail": MEMBERS_ONLY,
    "meetings:edit": RUNNERS_ONLY,
    "meetings:ics": MEMBERS_ONLY,
    "meetings:calendar_token": {**MEMBERS_ONLY, **dict.fromkeys(MEMBER_ROLES, 405)},
    "meetings:calendar_token_revoke": {**MEMBERS_ONLY, **dict.fromkeys(MEMBER_ROLES, 405)},
    # The feed of a closed CoP: members, or a personal token; nobody else learns it exists.
    "meetings:feed": {**MEMBERS_ONLY, "anonymous": 404},
    "meetings:facilitation": RUNNERS_ONLY,
    "meetings:agenda": RUNNERS_ONLY,
    "meetings:agenda_item_edit": RUNNERS_ONLY,
    "meetings:agenda_item_delete": POST_ONLY,
    "meetings:agenda_item_move": POST_ONLY,
    "meetings:meeting_facilitators": RUNNERS_ONLY,
    "meetings:prepare": RUNNERS_ONLY,
    "meetings:need_handle": POST_ONLY,
    "meetings:rsvp": {**RUNNERS_ONLY, "participant": 405, "facilitator": 405, "initiator": 405},
    "meetings:attendance": RUNNERS_ONLY,
    "meetings:notes": RUNNERS_ONLY,
    "meetings:evaluate": {**MEMBERS_ONLY, "observer": 403},
    "meetings:evaluation_open": {**RUNNERS_ONLY, "facilitator": 405, "initiator": 405},
    "meetings:evaluation_close": {**RUNNERS_ONLY, "facilitator": 405, "initiator": 405},
    "meetings:evaluation_results": MEMBERS_ONLY,
    "meetings:evaluation_trend": MEMBERS_ONLY,
    "meetings:evaluation_questions": RUNNERS_ONLY,
    "meetings:evaluation_question_edit": RUNNERS_ONLY,
    "meetings:evaluation_question_remove": {**RUNNERS_ONLY, "facilitator": 405, "initiator": 405},
    "meetings:evaluation_question_restore": {**RUNNERS_ONLY, "facilitator": 405, "initiator": 405},
    "meetings:evaluation_question_move": {**RUNNERS_ONLY, "facilitator": 405, "initiator": 405},
    "meetings:notification_preference": LOGGED_IN,
    # Step 5. Observers read polls, the log, agreements and roles only where the CoP allows it
    # (this one does not). The poll is an open date poll of the facilitator.
    "decisions:polls": {**MEMBERS_ONLY, "observer": 403},
    "decisions:poll_new": {**RUNNERS_ONLY, "participant": 200},
    "decisions:poll_create": {**RUNNERS_ONLY, "participant": 200},
    "decisions:poll": {**MEMBERS_ONLY, "observer": 403},
    "decisions:vote": {**RUNNERS_ONLY, "participant": 405, "facilitator": 405, "initiator": 405},
    "decisions:poll_close": {
        **RUNNERS_ONLY,
        "participant": 405,
        "facilitator": 405,
        "initiator": 405,
    },
    "decisions:outcome": RUNNERS_ONLY,
    "decisions:poll_meeting": RUNNERS_ONLY,
    "decisions:poll_export": {**MEMBERS_ONLY, "observer": 403},
    "decisions:adopt": {**RUNNERS_ONLY, "participant": 405, "facilitator": 405, "initiator": 405},
    "decisions:log": {**MEMBERS_ONLY, "observer": 403},
    "decisions:decision_new": RUNNERS_ONLY,
    "decisions:decision": {**MEMBERS_ONLY, "observer": 403},
    "decisions:decision_revise": RUNNERS_ONLY,
    "decisions:settings": RUNNERS_ONLY,
    "decisions:agreements": {**MEMBERS_ONLY, "observer": 403},
    "decisions:agreements_edit": {**RUNNERS_ONLY, "participant": 200},
    "decisions:agreements_version": {**MEMBERS_ONLY, "observer": 403},
    "decisions:agreements_compare": {
        **MEMBERS_ONLY,
        **dict.fromkeys(["participant", "facilitator", "initiator"], 400),
        "observer": 403,
    },
    "decisions:roles": {**MEMBERS_ONLY, "observer": 403},
    "decisions:role_list": RUNNERS_ONLY,
    "decisions:role_edit": RUNNERS_ONLY,
    "decisions:roles_rotation": RUNNERS_ONLY,
    "decisions:roles_assign": RUNNERS_ONLY,
    "decisions:role_take": {
        **RUNNERS_ONLY,
        "participant": 405,
        "facilitator": 405,
        "initiator": 405,
    },
    "decisions:role_release": {
        **RUNNERS_ONLY,
        "participant": 405,
        "facilitator": 405,
        "initiator": 405,
    },
    "decisions:feedback": {**RUNNERS_ONLY, "participant": 200},
    "decisions:feedback_new": {**RUNNERS_ONLY, "participant": 200},
    # The participant asked the facilitator: nobody else knows the request exists.
    "decisions:feedback_request": {**RUNNERS_ONLY, "participant": 200, "initiator": 404},
    "decisions:feedback_close": {
        **RUNNERS_ONLY,
        "participant": 200,
        "facilitator": 404,
        "initiator": 404,
    },
    # Django's admin checks staff status itself; none of the personas is staff.
    "admin:index": ALL(302),
}

# An open, listed CoP: anyone may read its home page and join, so an outsider knows it exists and
# gets a 403 for its other pages; but an object inside it (any URL naming more than the CoP) stays
# a 404 for outsiders and a login for anonymous visitors, whether it exists or not. Members get
# what they get in a closed CoP. `_expected_open` applies this rule to the table above.
OPEN_OVERRIDES = {
    "communities:detail": {"anonymous": 200, "outsider": 200},
    "meetings:feed": {"anonymous": 200, "outsider": 200},
}


def _expected_open(name, pattern) -> dict[str, int]:
    row = {**EXPECTED[name], **OPEN_OVERRIDES.get(name, {})}
    names_an_object = set(pattern.pattern.converters) - {"slug"}
    if name not in OPEN_OVERRIDES and row["outsider"] == 404 and not names_an_object:
        row["outsider"] = 403
    return row


def url_patterns(resolver=None, namespace=""):
    """(name, pattern) for every named URL pattern, with its namespace."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def test_every_url_pattern_is_in_the_table():
    names = {name for name, _ in url_patterns() if not name.startswith("admin:")}
    missing = names - set(EXPECTED)
    assert not missing, f"Add these URL patterns to the access matrix: {sorted(missing)}"


@pytest.fixture
def url_kwargs(cop, personas):
    application = Application.objects.create(
        community=cop, user=personas["outsider"], motivation="Ik wil graag meedoen."
    )
    invitation = services.invitation_send(
        community=cop, inviter=personas["initiator"], email="nieuw@example.org", role=Role.OBSERVER
    )
    token = "token-for-the-matrix"
    invitation.token_digest = token_digest(token)
    invitation.save()
    membership = cop.memberships.get(user=personas["participant"])
    work_form = CustomWorkForm.objects.create(
        community=cop,
        name="Eigen check-in",
        purpose="Even landen.",
        how_to="1. Ronde.",
        min_minutes=10,
        max_minutes=15,
        stages=["plenary"],
    )
    initiator = personas["initiator"]
    question_services.question_save(
        community=cop, actor=initiator, revision=0, **{f: "Hoe?" for f in SHEET_FIELDS}
    )
    tree = question_services.problem_tree_save(community=cop, actor=initiator, central_problem="P")
    objects = {
        "signal": question_services.urgency_signal_add(
            community=cop, actor=initiator, title="Trend", kind="news", date=date(2026, 1, 1)
        ),
        "yield": question_services.yield_add(
            community=cop, actor=initiator, level="field", text="Nieuwe norm"
        ),
        "stakeholder": question_services.stakeholder_add(
            community=cop, actor=initiator, name="Gemeente", power=4, interest=3
        ),
        "node": question_services.problem_node_add(
            tree=tree, actor=initiator, kind="cause", text="Te weinig geld"
        ),
        "candidate": composition_services.candidate_add(
            community=cop, actor=initiator, name="Rik Mulder", email="rik@example.org"
        ),
        "commitment": impact_services.commitment_add(
            community=cop,
            actor=initiator,
            organisation=personas["participant"].organisation,
            commitment="Twee uur per week",
        ),
    }
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 1",
        starts_at=timezone.now() - timedelta(hours=4),
        duration_minutes=180,
    )
    item = AgendaItem.objects.create(meeting=meeting, title="Check-in", duration_minutes=15)
    question = EvaluationQuestion.objects.create(
        community=cop, text="Wat neem je mee?", kind="open", feeds_next_meeting=True
    )
    step5 = _step_5_objects(cop, personas, meeting)
    return {
        **{key: obj.pk for key, obj in objects.items()},
        **step5,
        "meeting": meeting.pk,
        "item_pk": item.pk,
        "question_pk": question.pk,
        "answer_pk": 1,
        "number": 1,
        "fmt": "csv",
        "key": "ls-1-2-4-all",
        "work_form": work_form.pk,
        "slug": cop.slug,
        "token": token,
        "uidb64": "MQ",
        "pk": membership.pk,
        "application": application.pk,
    }


def _step_5_objects(cop, personas, meeting) -> dict:
    """A date poll, a decision, the agreements' first version, a role and a feedback request."""
    from gilde.decisions import services as decision_services

    def member(persona):
        return cop.memberships.get(user=personas[persona])

    start = timezone.now().replace(microsecond=0) + timedelta(days=30)
    poll = decision_services.poll_create(
        community=cop,
        author=member("facilitator"),
        kind="date",
        title="Werkbezoek",
        slots=[start, start + timedelta(days=1)],
        duration_minutes=120,
        closes_at=timezone.now() + timedelta(days=3),
        notify=False,
    )
    decision = decision_services.decision_record(
        community=cop,
        actor=member("facilitator"),
        statement="We beginnen op tijd.",
        taken_by="group",
        decided_on=timezone.localdate(),
    )
    decision_services.agreements_save(
        community=cop, actor=personas["facilitator"], revision=0, text="Afspraak"
    )
    role = decision_services.roles_ensure(community=cop)[0]
    feedback = decision_services.feedback_ask(
        community=cop,
        asker=member("participant"),
        subject="case",
        about="Mijn casus",
        question="Wat zie je?",
        writers=[member("facilitator")],
    )
    return {
        "poll": poll.pk,
        "decision": decision.pk,
        "role": role.pk,
        "feedback": feedback.pk,
        "kind": "date",
    }


def _kwargs_for(name, pattern, url_kwargs):
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "pk" and name.startswith("decisions:"):
            part = name.removeprefix("decisions:")
            found = next(
                (k for k in ("feedback", "decision", "role") if part.startswith(k)), "poll"
            )
            kwargs[key] = url_kwargs[found]
        elif key == "pk" and name == "communities:application_decide":
            kwargs[key] = url_kwargs["application"]
        elif key == "pk" and name.startswith("guide:cop_work_form"):
            kwargs[key] = url_kwargs["work_form"]
        elif key == "pk" and name.startswith("meetings:"):
            kwargs[key] = url_kwargs["meeting"]
        elif key == "pk" and name.startswith("composition:candidate"):
            kwargs[key] = url_kwargs["candidate"]
        elif key == "pk" and name.startswith("impact:commitment"):
            kwargs[key] = url_kwargs["commitment"]
        elif key == "pk" and name.startswith("question:"):
            kwargs[key] = url_kwargs[name.removeprefix("question:").split("_")[0]]
        else:
            kwargs[key] = url_kwargs[key]
    return kwargs


def _failures(client, user, persona, url_kwargs, expected_row):
    if user is not None:
        client.force_login(user)
    failures = []
    for name, pattern in url_patterns():
        if name not in EXPECTED:
            continue
        url = reverse(name, kwargs=_kwargs_for(name, pattern, url_kwargs))
        status = client.get(url).status_code
        expected = expected_row(name, pattern)[persona]
        if status != expected:
            failures.append(f"{name} {url}: got {status}, expected {expected}")
    return failures


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(client, personas, url_kwargs, persona):
    failures = _failures(
        client, personas[persona], persona, url_kwargs, lambda name, _pattern: EXPECTED[name]
    )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix_of_an_open_cop(client, cop, personas, url_kwargs, persona):
    cop.policy = Policy.OPEN
    cop.listed = True
    cop.save()
    failures = _failures(client, personas[persona], persona, url_kwargs, _expected_open)
    assert not failures, "\n".join(failures)


def test_unknown_cop_is_404_for_members_and_login_for_anonymous(client, participant):
    assert client.get("/c/bestaat-niet/").status_code == 302
    client.force_login(participant)
    assert client.get("/c/bestaat-niet/").status_code == 404
    assert client.get("/c/bestaat-niet/members/").status_code == 404


@pytest.mark.parametrize(
    "name", ["composition:profile", "composition:intake", "impact:member", "meetings:detail"]
)
def test_outsider_of_an_open_cop_gets_the_same_404_for_an_existing_and_an_unknown_id(
    client, cop, personas, name
):
    cop.policy = Policy.OPEN
    cop.save()
    meeting = Meeting.objects.create(
        community=cop, title="B", starts_at=timezone.now(), duration_minutes=60
    )
    membership = cop.memberships.get(user=personas["participant"])
    existing = meeting.pk if name.startswith("meetings:") else membership.pk
    client.force_login(personas["outsider"])
    for pk in (existing, existing + 1000):
        assert client.get(reverse(name, args=[cop.slug, pk])).status_code == 404
    client.logout()
    for pk in (existing, existing + 1000):
        assert client.get(reverse(name, args=[cop.slug, pk])).status_code == 302


def test_a_member_without_the_right_still_gets_403_for_an_object(client, cop, personas):
    other = cop.memberships.get(user=personas["facilitator"])
    client.force_login(personas["participant"])
    assert client.get(reverse("composition:intake", args=[cop.slug, other.pk])).status_code == 403
