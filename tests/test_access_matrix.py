"""Every URL pattern, every persona: the status each one gets, on a GET and on a POST.

The table is the contract. A new URL pattern that is not in it fails this test, so every view that
is added has to say who may reach it. A row gives the GET status per persona; a view that only
takes POST says with `post_only(row)` who may use it (those get 405 on a GET). Every URL is also
posted to, with a valid CSRF token, by every persona: whoever a row refuses (login, 404, 403) gets
the same refusal on a POST, and nobody gets a server error. Each post is rolled back.
"""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from gilde.communities import services
from gilde.communities.models import Application, Policy, Role, token_digest
from gilde.composition import services as composition_services
from gilde.guide.models import CustomWorkForm
from gilde.impact import services as impact_services
from gilde.meetings import services as meeting_services
from gilde.meetings.models import AgendaItem, EvaluationQuestion, Meeting
from gilde.notifications.services import notify
from gilde.question import services as question_services
from gilde.question.models import SHEET_FIELDS

PERSONAS = ["anonymous", "outsider", "participant", "observer", "facilitator", "initiator"]
LOGIN = 302  # anonymous visitors are sent to the login page

REFUSALS = {LOGIN, 403, 404}

# Status per persona, in the order of PERSONAS. The CoP is closed and unlisted.
ALL = lambda status: dict.fromkeys(PERSONAS, status)  # noqa: E731


class post_only(dict):
    """Only POST: the row says who may use the view (200) and who is refused; a GET gives those
    who may use it 405. `answer` is the status a post by those gets when it is not 2xx/3xx (the
    object in the URL is one they cannot find)."""

    def __init__(self, row, answer: int | None = None):
        super().__init__(row)
        self.answer = answer


# Views that refuse other methods before anything else, for every slug alike (so a 405 reveals
# nothing): a POST gets 405 from every persona.
METHOD_FIRST = {"meetings:feed"}


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
    "core:about": ALL(200),
    "core:privacy": ALL(200),
    "accounts:set_language": post_only(ALL(200)),
    "accounts:register": ANONYMOUS_ONLY,
    "accounts:confirm": ALL(400),
    "accounts:login": ANONYMOUS_ONLY,
    "accounts:logout": post_only(ALL(200)),
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
    "communities:member_role": post_only(RUNNERS_ONLY),
    "communities:member_remove": post_only(RUNNERS_ONLY),
    "communities:leave": MEMBERS_ONLY,
    # Joining is for outsiders of an open CoP; this one is closed.
    "communities:join": post_only({**RUNNERS_ONLY, "facilitator": 403, "initiator": 403}),
    "communities:apply": {**RUNNERS_ONLY, "facilitator": 403, "initiator": 403},
    "communities:application_decide": post_only(RUNNERS_ONLY),
    "communities:invite": RUNNERS_ONLY,
    "communities:invitation_revoke": post_only(RUNNERS_ONLY),
    "communities:audit": RUNNERS_ONLY,
    "communities:plan": MEMBERS_ONLY,
    "communities:plan_pdf": MEMBERS_ONLY,
    "guide:about": ALL(200),
    "guide:steps": ALL(200),
    "guide:step": ALL(200),
    "guide:library": ALL(200),
    "guide:work_form": ALL(200),
    "guide:cop_step": MEMBERS_ONLY,
    "guide:cop_step_mark": post_only(RUNNERS_ONLY),
    "guide:cop_library": MEMBERS_ONLY,
    "guide:cop_work_form": MEMBERS_ONLY,
    "guide:cop_work_form_new": RUNNERS_ONLY,
    "guide:cop_work_form_edit": RUNNERS_ONLY,
    "guide:cop_work_form_delete": RUNNERS_ONLY,
    "question:edit": RUNNERS_ONLY,
    "question:settings": post_only(RUNNERS_ONLY),
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
    "question:sheet_print": MEMBERS_ONLY,
    "question:sheet_pdf": MEMBERS_ONLY,
    "composition:dashboard": MEMBERS_ONLY,
    "composition:rules": post_only(RUNNERS_ONLY),
    "composition:candidates": RUNNERS_ONLY,
    "composition:candidate_edit": RUNNERS_ONLY,
    "composition:candidate_move": post_only(RUNNERS_ONLY),
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
    "meetings:calendar_token": post_only(MEMBERS_ONLY),
    "meetings:calendar_token_revoke": post_only(MEMBERS_ONLY),
    # The feed of a closed CoP: members, or a personal token; nobody else learns it exists.
    "meetings:feed": {**MEMBERS_ONLY, "anonymous": 404},
    "meetings:facilitation": RUNNERS_ONLY,
    "meetings:agenda": RUNNERS_ONLY,
    "meetings:agenda_item_edit": RUNNERS_ONLY,
    "meetings:agenda_item_delete": RUNNERS_ONLY,  # a GET asks first
    "meetings:agenda_break": post_only(RUNNERS_ONLY),
    "meetings:agenda_template_save": post_only(RUNNERS_ONLY),
    "meetings:agenda_template_apply": post_only(RUNNERS_ONLY),
    "meetings:agenda_templates": RUNNERS_ONLY,
    "meetings:agenda_template_delete": RUNNERS_ONLY,
    "meetings:agenda_add_work_form": RUNNERS_ONLY,
    "meetings:programme_print": MEMBERS_ONLY,
    "meetings:programme_pdf": MEMBERS_ONLY,
    "meetings:agenda_item_move": post_only(RUNNERS_ONLY),
    "meetings:meeting_facilitators": RUNNERS_ONLY,
    "meetings:prepare": RUNNERS_ONLY,
    # The answer in the URL is not one the evaluation's gate shows: runners get 404 after the
    # access check, which refuses the others first.
    "meetings:need_handle": post_only(RUNNERS_ONLY, answer=404),
    "meetings:rsvp": post_only({**MEMBERS_ONLY, "observer": 403}),
    "meetings:attendance": RUNNERS_ONLY,
    "meetings:notes": RUNNERS_ONLY,
    "meetings:evaluate": {**MEMBERS_ONLY, "observer": 403},
    "meetings:evaluation_open": post_only(RUNNERS_ONLY),
    "meetings:evaluation_close": post_only(RUNNERS_ONLY),
    "meetings:evaluation_results": MEMBERS_ONLY,
    "meetings:evaluation_trend": MEMBERS_ONLY,
    "meetings:evaluation_questions": RUNNERS_ONLY,
    "meetings:evaluation_question_edit": RUNNERS_ONLY,
    "meetings:evaluation_question_remove": post_only(RUNNERS_ONLY),
    "meetings:evaluation_question_restore": post_only(RUNNERS_ONLY),
    "meetings:evaluation_question_move": post_only(RUNNERS_ONLY),
    "meetings:notification_preference": LOGGED_IN,
    "notifications:centre": LOGGED_IN,
    "notifications:mark_all": post_only(LOGGED_IN),
    # The participant's own notification: everyone else gets 404, as for a made-up id.
    "notifications:open": {**ALL(404), "anonymous": LOGIN, "participant": 302},
    "notifications:mark": post_only({**ALL(404), "anonymous": LOGIN, "participant": 200}),
    # Django's admin checks staff status itself; none of the personas is staff.
    "admin:index": ALL(302),
}

# An open, listed CoP: anyone may read its home page and join, so an outsider knows it exists and
# gets a 403 for its other pages; but an object inside it (any URL naming more than the CoP) stays
# a 404 for outsiders and a login for anonymous visitors, whether it exists or not. Members get
# what they get in a closed CoP. `_expected_open` applies this rule to the table above.
OPEN_OVERRIDES = {
    "communities:detail": {"anonymous": 200, "outsider": 200},
    "communities:join": {"outsider": 200},
    "meetings:feed": {"anonymous": 200, "outsider": 200},
}


def _expected_open(name, pattern) -> dict[str, int]:
    row = dict(EXPECTED[name], **OPEN_OVERRIDES.get(name, {}))
    if isinstance(EXPECTED[name], post_only):
        row = post_only(row, answer=EXPECTED[name].answer)
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
    agenda_template = meeting_services.agenda_template_save(
        meeting=meeting, actor=initiator, name="Standaard"
    )
    notification = notify(
        user=personas["participant"],
        kind="meeting.reminder",
        key="matrix",
        community=cop,
        url=f"/c/{cop.slug}/",
        title="Bijeenkomst 1",
        when=meeting.starts_at,
    )
    question = EvaluationQuestion.objects.create(
        community=cop, text="Wat neem je mee?", kind="open", feeds_next_meeting=True
    )
    return {
        **{key: obj.pk for key, obj in objects.items()},
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
        "invitation": invitation.pk,
        "template_pk": agenda_template.pk,
        "notification": notification.pk,
    }


def _kwargs_for(name, pattern, url_kwargs):
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "pk" and name == "communities:application_decide":
            kwargs[key] = url_kwargs["application"]
        elif key == "pk" and name == "communities:invitation_revoke":
            kwargs[key] = url_kwargs["invitation"]
        elif key == "pk" and name.startswith("notifications:"):
            kwargs[key] = url_kwargs["notification"]
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


def _get_row(row: dict) -> dict[str, int]:
    """What a GET gives: a post-only view answers those who may use it with 405."""
    if isinstance(row, post_only):
        return {persona: 405 if status == 200 else status for persona, status in row.items()}
    return row


def _failures(client, user, persona, url_kwargs, expected_row):
    """Every URL fetched and posted to by one persona; the differences from the table."""
    token = "a" * 32  # Django accepts its unmasked secret as the form's token
    failures = []
    for name, pattern in url_patterns():
        if name not in EXPECTED:
            continue
        url = reverse(name, kwargs=_kwargs_for(name, pattern, url_kwargs))
        row = expected_row(name, pattern)
        if user is not None:
            client.force_login(user)
        status = client.get(url).status_code
        if status != _get_row(row)[persona]:
            failures.append(f"GET {name} {url}: got {status}, expected {_get_row(row)[persona]}")
        # A post may log out, leave the CoP or delete: log in again, and roll it back.
        if user is not None:
            client.force_login(user)
        client.cookies["csrftoken"] = token
        with transaction.atomic():
            status = client.post(url, {"csrfmiddlewaretoken": token}).status_code
            transaction.set_rollback(True)
        expected = 405 if name in METHOD_FIRST else row[persona]
        if isinstance(row, post_only) and expected == 200 and row.answer:
            expected = row.answer
        if expected in REFUSALS | {405} and status != expected:
            failures.append(f"POST {name} {url}: got {status}, expected {expected}")
        elif isinstance(row, post_only) and expected == 200 and status in REFUSALS - {LOGIN}:
            failures.append(f"POST {name} {url}: got {status}, expected the view to answer")
        elif status >= 500:
            failures.append(f"POST {name} {url}: got {status}")
    return failures


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(personas, url_kwargs, persona):
    client = Client(enforce_csrf_checks=True)
    failures = _failures(
        client, personas[persona], persona, url_kwargs, lambda name, _pattern: EXPECTED[name]
    )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix_of_an_open_cop(cop, personas, url_kwargs, persona):
    client = Client(enforce_csrf_checks=True)
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
