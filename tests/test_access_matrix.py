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
from gilde.meetings.models import (
    AgendaItem,
    AgendaProposal,
    EvaluationQuestion,
    Meeting,
    MeetingFacilitator,
)
from gilde.monitoring import services as monitoring_services
from gilde.monitoring.models import TisFunction
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

    def __init__(self, row, answer: int | dict | None = None):
        super().__init__(row)
        self.answer = answer

    def answer_for(self, persona: str) -> int | None:
        """The status `persona`'s post gets when it is not the view's ordinary answer."""
        return self.answer.get(persona) if isinstance(self.answer, dict) else self.answer


class get_405(dict):
    """The API's write operations: a GET gets 405 from everyone (the API answers the method
    first); the row gives the status of a POST (with a form body, which is not the JSON the
    operation takes, so those who may use it get 422)."""


class get_and_post(dict):
    """An API path with a read (GET: the row) and a write (POST) operation. `post` gives the
    status of a POST with a form body, which is not the JSON the write takes: 400 for whoever is
    logged in, before the CoP is looked at (the app's API tests cover the write with JSON)."""

    def __init__(self, row, post):
        super().__init__(row)
        self.post = post


# Views that refuse other methods before anything else, for every slug alike (so a 405 reveals
# nothing): a POST gets 405 from every persona.
METHOD_FIRST = {
    "meetings:feed",
    "api:me",
    "api:cops",
    "api:cop",
    "api:members",
    "api:meetings",
    "api:meeting",
    "api:evaluation",
    "api:decisions",
    "api:decision",
    "api:polls",
    "api:poll",
    "api:experiments",
    "api:experiment",
    "api:shared",
    "api:tie_kinds",
    "api:outside_actors",
    "api:network",
    "api:tis",
    "api:programmes",
    "api:programme_figures",
}


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
# Those who keep a learning record (everyone but observers), and items only their author reaches.
KEEPERS = {**MEMBERS_ONLY, "observer": 403}
MEMBERS_ONLY_NO_OBSERVERS = KEEPERS
KEEPERS_POST = post_only(KEEPERS)
# A post about the participant persona's own item: the others who may post find no such item.
OWN_ITEM_POST = post_only(KEEPERS, answer={"facilitator": 404, "initiator": 404})
OWN_ITEM = {**KEEPERS, "facilitator": 404, "initiator": 404}
NOT_MANAGER = {**ALL(404), "anonymous": LOGIN}
INITIATOR_ONLY = {**RUNNERS_ONLY, "facilitator": 403}

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
    "guide:cop_builtin_work_form": MEMBERS_ONLY,
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
    "question:analysis": MEMBERS_ONLY,
    "question:analysis_edit": RUNNERS_ONLY,
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
    # Participants propose agenda items (observers read them); the meeting's facilitators decide,
    # and while the rotation names nobody for it (as here), the initiator and facilitators do.
    "meetings:proposals": MEMBERS_ONLY,
    "meetings:proposal_decide": post_only(RUNNERS_ONLY),
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
    # Step 5. Observers read polls, the log, agreements and roles only where the CoP allows it
    # (this one does not). The poll is an open date poll of the facilitator.
    "decisions:polls": {**MEMBERS_ONLY, "observer": 403},
    "decisions:poll_new": {**RUNNERS_ONLY, "participant": 200},
    "decisions:poll_create": {**RUNNERS_ONLY, "participant": 200},
    "decisions:poll": {**MEMBERS_ONLY, "observer": 403},
    "decisions:vote": post_only(MEMBERS_ONLY_NO_OBSERVERS),
    # The facilitator's poll: its author, the facilitators and the initiator close it early.
    "decisions:poll_close": post_only(MEMBERS_ONLY_NO_OBSERVERS, answer={"participant": 403}),
    "decisions:outcome": RUNNERS_ONLY,
    "decisions:poll_meeting": RUNNERS_ONLY,
    "decisions:poll_export": {**MEMBERS_ONLY, "observer": 403},
    "decisions:adopt": post_only(MEMBERS_ONLY_NO_OBSERVERS),
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
    "decisions:role_take": post_only(MEMBERS_ONLY_NO_OBSERVERS),
    # Nobody took the role at that meeting: there is nothing to release.
    "decisions:role_release": post_only(MEMBERS_ONLY_NO_OBSERVERS, answer=404),
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
    # Step 7. Objects: the participant persona's private entry (with an attachment) and private
    # experiment, a draft buddy round, a canvas with one step. Others' private items are 404s.
    "learning:record": KEEPERS,
    "learning:goals": KEEPERS,
    "learning:goals_tier": KEEPERS_POST,
    "learning:goals_history": KEEPERS,
    "learning:entry_new": KEEPERS,
    "learning:entry_edit": OWN_ITEM,
    "learning:entry_tier": OWN_ITEM_POST,
    "learning:entry_delete": OWN_ITEM,
    "learning:attachment": {**OWN_ITEM, "observer": 404},
    "learning:takeaway": KEEPERS_POST,
    "learning:group": MEMBERS_ONLY,
    "learning:experiments": MEMBERS_ONLY,
    "learning:experiment_new": KEEPERS,
    "learning:experiment": {**OWN_ITEM, "observer": 404},
    "learning:experiment_edit": OWN_ITEM,
    "learning:experiment_status": OWN_ITEM_POST,
    "learning:experiment_checkin": OWN_ITEM_POST,
    "learning:experiment_report": OWN_ITEM,
    "learning:experiment_round": post_only(RUNNERS_ONLY),
    "learning:buddies": MEMBERS_ONLY,
    "learning:buddies_new": RUNNERS_ONLY,
    "learning:buddy_period": RUNNERS_ONLY,
    "learning:buddy_delete": RUNNERS_ONLY,
    "learning:canvases": MEMBERS_ONLY,
    "learning:canvas_new": KEEPERS,
    "learning:canvas": MEMBERS_ONLY,
    "learning:canvas_edit": KEEPERS,
    "learning:canvas_history": MEMBERS_ONLY,
    "learning:canvas_print": MEMBERS_ONLY,
    "learning:step_new": KEEPERS,
    "learning:step_edit": KEEPERS,
    "learning:step_delete": KEEPERS,
    "learning:step_experiment": KEEPERS_POST,
    "learning:step_agenda": post_only(RUNNERS_ONLY),
    # Hidden until an app offers polls (decisions registers a poll maker).
    "learning:step_poll": post_only(KEEPERS, answer=404),
    # Step 6. The named social map is the facilitators' (the CoP shares it with the group only
    # when it says so); taking part (network question, scores, stories) is for all but observers.
    "monitoring:overview": MEMBERS_ONLY,
    "monitoring:network": MEMBERS_ONLY,
    "monitoring:network_table": {**RUNNERS_ONLY, "initiator": 403},
    "monitoring:my_ties": {**MEMBERS_ONLY, "observer": 403},
    "monitoring:network_answer": {**MEMBERS_ONLY, "observer": 403},
    "monitoring:tie_add": {**RUNNERS_ONLY, "initiator": 403},
    "monitoring:tie_edit": {**RUNNERS_ONLY, "initiator": 403},
    # The tie names the participant and the facilitator: the initiator may not remove it.
    "monitoring:tie_remove": post_only(
        {**MEMBERS_ONLY, "observer": 403}, answer={"initiator": 403}
    ),
    "monitoring:settings": RUNNERS_ONLY,
    "monitoring:network_export": {**RUNNERS_ONLY, "initiator": 403},
    "monitoring:import": {**RUNNERS_ONLY, "initiator": 403},
    # Without an upload in the session, the facilitator is sent back to the upload page.
    "monitoring:import_map": {**RUNNERS_ONLY, "facilitator": 302, "initiator": 403},
    "monitoring:import_confirm": {**RUNNERS_ONLY, "facilitator": 302, "initiator": 403},
    "monitoring:tis": MEMBERS_ONLY,
    "monitoring:tis_moment_new": RUNNERS_ONLY,
    "monitoring:tis_moment": MEMBERS_ONLY,
    "monitoring:tis_moment_edit": RUNNERS_ONLY,
    "monitoring:tis_answer": {**MEMBERS_ONLY, "observer": 403},
    "monitoring:tis_invite": post_only(RUNNERS_ONLY),
    "monitoring:tis_invitation_revoke": post_only(RUNNERS_ONLY),
    "monitoring:tis_barrier_link": RUNNERS_ONLY,
    # An outside expert's link opens their form for whoever holds it, logged in or not.
    "monitoring:tis_expert": ALL(200),
    "monitoring:stories": MEMBERS_ONLY,
    "monitoring:story_new": {**MEMBERS_ONLY, "observer": 403},
    # pk: a story the participant wrote and shared with the group; only its author edits it.
    "monitoring:story": MEMBERS_ONLY,
    "monitoring:story_edit": {
        **MEMBERS_ONLY,
        **dict.fromkeys(MEMBER_ROLES, 403),
        "participant": 200,
    },
    "monitoring:story_delete": {
        **MEMBERS_ONLY,
        **dict.fromkeys(MEMBER_ROLES, 403),
        "participant": 200,
    },
    "monitoring:cycles": MEMBERS_ONLY,
    "monitoring:cycle_new": RUNNERS_ONLY,
    "monitoring:cycle": MEMBERS_ONLY,
    "monitoring:cycle_reflection": post_only(RUNNERS_ONLY),
    "monitoring:cycle_close": post_only(RUNNERS_ONLY),
    "monitoring:follow_up_add": post_only(RUNNERS_ONLY),
    # An action without an owner: the facilitators tick it off.
    "monitoring:follow_up_tick": post_only(
        MEMBERS_ONLY, answer={"participant": 403, "observer": 403}
    ),
    "monitoring:follow_up_delete": post_only(RUNNERS_ONLY),
    # Personal access tokens, "Download my data", "Delete my account" on the profile. The
    # export in the URL is nobody's here; the initiator, the CoP's only one, is told to hand over.
    "accounts:token_create": post_only(LOGGED_IN),
    "accounts:token_revoke": post_only(LOGGED_IN),
    "accounts:data_export_request": post_only(LOGGED_IN),
    "accounts:data_export": {**ALL(404), "anonymous": LOGIN},
    "accounts:data_export_download": {**ALL(404), "anonymous": LOGIN},
    "accounts:account_delete": LOGGED_IN,
    # The REST API: 401 with a body for whoever is not logged in and sends no token; otherwise the
    # same answers as the pages.
    "api:openapi-json": ALL(200),
    "api:openapi-view": ALL(200),
    "api:api-root": ALL(404),
    "api:me": {**ALL(200), "anonymous": 401},
    "api:cops": {**ALL(200), "anonymous": 401},
    "api:cop": {**MEMBERS_ONLY, "anonymous": 401},
    "api:members": {**MEMBERS_ONLY, "anonymous": 401},
    "api:meetings": {**MEMBERS_ONLY, "anonymous": 401},
    "api:meeting": {**MEMBERS_ONLY, "anonymous": 401},
    "api:evaluation": {**MEMBERS_ONLY, "anonymous": 401},
    # A form body is not the JSON the operation takes: 400 for whoever is logged in, before the
    # CoP is looked at (so it says nothing about it). test_api.py covers its access with JSON.
    "api:rsvp": get_405({**ALL(400), "anonymous": 401}),
    # Step 5: observers read only where the CoP allows it (it does not here).
    "api:decisions": {**MEMBERS_ONLY, "anonymous": 401, "observer": 403},
    "api:decision": {**MEMBERS_ONLY, "anonymous": 401, "observer": 403},
    "api:polls": {**MEMBERS_ONLY, "anonymous": 401, "observer": 403},
    "api:poll": {**MEMBERS_ONLY, "anonymous": 401, "observer": 403},
    "api:vote": get_405({**ALL(400), "anonymous": 401}),
    # Step 7: the matrix's experiment is the participant's private one.
    "api:experiments": {**MEMBERS_ONLY, "anonymous": 401},
    "api:experiment": {**ALL(404), "anonymous": 401, "participant": 200},
    "api:shared": {**MEMBERS_ONLY, "anonymous": 401},
    "api:entries": get_and_post({**KEEPERS, "anonymous": 401}, {**ALL(400), "anonymous": 401}),
    "api:entry_add": get_and_post({**KEEPERS, "anonymous": 401}, {**ALL(400), "anonymous": 401}),
    # Step 6: ties for those who see the named map or take part (their own); figures for all.
    "api:ties": get_and_post({**KEEPERS, "anonymous": 401}, {**ALL(400), "anonymous": 401}),
    "api:tie_add": get_and_post({**KEEPERS, "anonymous": 401}, {**ALL(400), "anonymous": 401}),
    "api:tie_kinds": {**MEMBERS_ONLY, "anonymous": 401},
    "api:outside_actors": {**KEEPERS, "anonymous": 401},
    "api:network": {**MEMBERS_ONLY, "anonymous": 401},
    "api:tis": {**MEMBERS_ONLY, "anonymous": 401},
    "notifications:centre": LOGGED_IN,
    "notifications:mark_all": post_only(LOGGED_IN),
    # The participant's own notification: everyone else gets 404, as for a made-up id.
    "notifications:open": {**ALL(404), "anonymous": LOGIN, "participant": 302},
    "notifications:mark": post_only({**ALL(404), "anonymous": LOGIN, "participant": 200}),
    # Programmes are their managers' only, and none of the personas manages one (their own
    # matrix, with managers, is gilde/programmes/tests/test_access.py): a 404 whether the
    # programme exists or not. Its CoP's side is the initiator's.
    "programmes:mine": LOGGED_IN,
    "programmes:create": LOGGED_IN,
    "programmes:overview": NOT_MANAGER,
    "programmes:export": NOT_MANAGER,
    "programmes:settings": NOT_MANAGER,
    "programmes:cop": NOT_MANAGER,
    "programmes:report": NOT_MANAGER,
    "programmes:report_generate": post_only(NOT_MANAGER),
    "programmes:report_status": NOT_MANAGER,
    "programmes:report_preview": NOT_MANAGER,
    "programmes:report_download": NOT_MANAGER,
    "programmes:manager_add": post_only(NOT_MANAGER),
    "programmes:manager_remove": post_only(NOT_MANAGER),
    "programmes:invite": post_only(NOT_MANAGER),
    "programmes:labels": post_only(NOT_MANAGER),
    "programmes:cop_decide": post_only(INITIATOR_ONLY),
    "programmes:cop_share": post_only(INITIATOR_ONLY),
    "programmes:cop_leave": INITIATOR_ONLY,
    # The programme's library of shared work forms: its managers, and the facilitators of its
    # member CoPs (who may edit the CoP's own work forms); `shared` is another member CoP's form.
    "programmes:library": NOT_MANAGER,
    "programmes:library_form": NOT_MANAGER,
    "programmes:cop_library": RUNNERS_ONLY,
    "programmes:cop_library_form": RUNNERS_ONLY,
    "programmes:cop_library_copy": post_only(RUNNERS_ONLY),
    "api:programmes": {**ALL(200), "anonymous": 401},
    "api:programme_figures": {**ALL(404), "anonymous": 401},
    # Step 8: the group reads results and the plan; initiator and facilitators keep them, make
    # the reports and switch the public page on. Participants may not change the plan.
    "communicate:results": MEMBERS_ONLY,
    "communicate:result_new": RUNNERS_ONLY,
    "communicate:result_edit": RUNNERS_ONLY,
    "communicate:result_delete": RUNNERS_ONLY,
    "communicate:result_attachment": MEMBERS_ONLY,
    "communicate:plan": MEMBERS_ONLY,
    "communicate:plan_defaults": post_only(RUNNERS_ONLY),
    "communicate:plan_item_new": RUNNERS_ONLY,
    "communicate:plan_item_edit": RUNNERS_ONLY,
    "communicate:plan_item_delete": RUNNERS_ONLY,
    "communicate:reports": RUNNERS_ONLY,
    "communicate:report": RUNNERS_ONLY,
    "communicate:report_generate": post_only(RUNNERS_ONLY),
    "communicate:report_status": RUNNERS_ONLY,
    "communicate:report_preview": RUNNERS_ONLY,
    "communicate:report_shared": post_only(RUNNERS_ONLY),
    # The matrix asks for an unknown format ("csv"): a 404 for those who may download.
    "communicate:report_download": {**RUNNERS_ONLY, "facilitator": 404, "initiator": 404},
    "communicate:public_settings": RUNNERS_ONLY,
    # The public results page is anyone's once switched on (it is, here); the field report is
    # not made yet, and a result only the group sees is no public attachment.
    "communicate:public": ALL(200),
    "communicate:public_report": ALL(404),
    "communicate:public_attachment": ALL(404),
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
    "api:cop": {"outsider": 200},
    "api:api-root": {},
    "api:rsvp": {},
    "communicate:public": {},
    "communicate:public_report": {},
}


def _expected_open(name, pattern) -> dict[str, int]:
    row = dict(EXPECTED[name], **OPEN_OVERRIDES.get(name, {}))
    if isinstance(EXPECTED[name], get_405):
        return get_405(row)
    if isinstance(EXPECTED[name], post_only):
        row = post_only(row, answer=EXPECTED[name].answer)
    names_an_object = set(pattern.pattern.converters) - {"slug"}
    if name not in OPEN_OVERRIDES and row["outsider"] == 404 and not names_an_object:
        row["outsider"] = 403
    if isinstance(EXPECTED[name], get_and_post):
        row = get_and_post(row, EXPECTED[name].post)
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
    cop_invitation = services.invitation_send(
        community=cop, inviter=personas["initiator"], email="nieuw@example.org", role=Role.OBSERVER
    )
    token = "token-for-the-matrix"
    cop_invitation.token_digest = token_digest(token)
    cop_invitation.save()
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
    objects["analysis"] = objects["stakeholder"]  # a party's analysis goes by its stakeholder
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 1",
        starts_at=timezone.now() - timedelta(hours=4),
        duration_minutes=180,
    )
    item = AgendaItem.objects.create(meeting=meeting, title="Check-in", duration_minutes=15)
    proposal = AgendaProposal.objects.create(
        meeting=meeting,
        proposed_by=membership,
        title="Casus van Petra",
        duration_minutes=20,
    )
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
    learning = _learning_objects(cop, personas)
    programme = _programme_objects(cop)
    step8 = _step_8_objects(cop, personas)
    step5 = _step_5_objects(cop, personas, meeting)
    facilitation = cop.memberships.get(user=personas["facilitator"])
    kinds = monitoring_services.tie_kinds_ensure(community=cop)
    tie = monitoring_services.tie_add(
        community=cop,
        actor=initiator,
        member=membership,
        other_member=facilitation,
        kind=kinds[0],
        started_on=date(2026, 1, 1),
    )
    moment = monitoring_services.tis_moment_save(
        community=cop,
        actor=initiator,
        title="Nulmeting",
        kind="start",
        held_on=timezone.localdate(),
        closes_at=timezone.now() + timedelta(days=7),
    )
    monitoring_services.tis_response_save(
        moment=moment,
        membership=facilitation,
        scores={function: (3, "") for function in TisFunction.values},
        barriers=[("guidance", "actors", "Geen trekker")],
    )
    invitation, tis_token = monitoring_services.tis_invitation_send(
        moment=moment, actor=initiator, name="Expert", email="expert@example.org"
    )
    story = monitoring_services.value_story_save(
        community=cop,
        author=membership,
        title="Verhaal",
        told_on=date(2026, 1, 1),
        tier="group",
        parts={"immediate": ("Een tip.", "", "")},
    )
    cycle = monitoring_services.cycle_open(
        community=cop,
        actor=initiator,
        starts_on=timezone.localdate() - timedelta(days=1),
        ends_on=timezone.localdate() + timedelta(days=1),
    )
    action = monitoring_services.follow_up_add(
        cycle=cycle, actor=initiator, text="Doen", owner=None, due_on=None
    )
    return {
        **{key: obj.pk for key, obj in objects.items()},
        **learning,
        **step5,
        **programme,
        **step8,
        "meeting": meeting.pk,
        "item_pk": item.pk,
        "proposal_pk": proposal.pk,
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
        "meeting_id": meeting.pk,
        "application": application.pk,
        "cop_invitation": cop_invitation.pk,
        "tie": tie.pk,
        "moment": moment.pk,
        "barrier": moment.barriers.get().pk,
        "invitation": invitation.pk,
        "template_pk": agenda_template.pk,
        "notification": notification.pk,
        "tis_token": tis_token,
        "story": story.pk,
        "action": action.pk,
    }


def _programme_objects(cop) -> dict:
    """A programme the CoP is in, managed by someone who is none of the personas."""
    from gilde.programmes.models import LinkStatus, Programme, ProgrammeCop, ProgrammeManager
    from tests.factories import CommunityFactory, UserFactory

    programme = Programme.objects.create(name="Regio", slug="regio", owner_organisation="Prov")
    manager = ProgrammeManager.objects.create(programme=programme, user=UserFactory())
    ProgrammeCop.objects.create(programme=programme, community=cop, status=LinkStatus.MEMBER)
    # Another member CoP shares a work form with the programme's library.
    neighbour = CommunityFactory(name="Buur", slug="buur")
    ProgrammeCop.objects.create(programme=programme, community=neighbour, status=LinkStatus.MEMBER)
    shared = CustomWorkForm.objects.create(
        community=neighbour,
        name="Gedeelde vorm",
        purpose="Doel",
        how_to="Zo",
        min_minutes=5,
        max_minutes=10,
        shared_with_programmes=True,
    )
    return {"programme": programme.slug, "programme_manager": manager.pk, "shared": shared.pk}


def _learning_objects(cop, personas) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gilde.learning import services as learning_services
    from gilde.learning.models import BuddyPeriod, CanvasStep

    membership = cop.memberships.get(user=personas["participant"])
    entry = learning_services.entry_add(
        membership=membership,
        kind="insight",
        body="Alleen voor mij",
        attachment=SimpleUploadedFile("notitie.txt", b"Prive", content_type="text/plain"),
    )
    experiment = learning_services.experiment_add(
        membership=membership, title="Iets proberen", due_on=date.today() + timedelta(days=9)
    )
    period = BuddyPeriod.objects.create(
        community=cop, starts_on=date.today(), ends_on=date.today() + timedelta(days=40)
    )
    canvas = learning_services.canvas_add(
        community=cop,
        actor=personas["initiator"],
        title="Circulair in 2030",
        horizon=date.today() + timedelta(days=900),
    )
    step = CanvasStep.objects.create(
        canvas=canvas, community=cop, title="Pilot", due_on=date.today() + timedelta(days=90)
    )
    return {
        "entry": entry.pk,
        "experiment": experiment.pk,
        "period": period.pk,
        "canvas": canvas.pk,
        "step": step.pk,
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


def _step_8_objects(cop, personas) -> dict:
    """A result with an attachment (seen by the group only), a plan line, a report and the
    public page switched on."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gilde.communicate import services as communicate_services

    initiator = personas["initiator"]
    result = communicate_services.result_add(
        community=cop,
        actor=initiator,
        title="Inkoopwijzer",
        kind="tool",
        level="organisation",
        description="Een checklist.",
        visibility="group",
        attachment=SimpleUploadedFile("wijzer.txt", b"Tekst", content_type="text/plain"),
    )
    item = communicate_services.plan_item_add(
        community=cop, actor=initiator, audience="funder", message="Wat het oplevert"
    )
    report = communicate_services.report_get_or_create(community=cop, audience="funder")
    communicate_services.public_page_save(
        community=cop, actor=initiator, enabled=True, summary="", organisations=[]
    )
    return {"result": result.pk, "plan_item": item.pk, "report": report.pk}


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
        elif key == "pk" and name == "communities:invitation_revoke":
            kwargs[key] = url_kwargs["cop_invitation"]
        elif key == "pk" and name.startswith("programmes:"):
            kwargs[key] = url_kwargs["programme_manager"]
        elif key == "pk" and name.startswith("notifications:"):
            kwargs[key] = url_kwargs["notification"]
        elif key == "pk" and name.startswith("guide:cop_work_form"):
            kwargs[key] = url_kwargs["work_form"]
        elif key == "pk" and name.startswith("communicate:"):
            part = name.removeprefix("communicate:")
            found = next((k for k in ("plan_item", "report") if part.startswith(k)), "result")
            kwargs[key] = url_kwargs[found]
        elif key == "pk" and name.startswith("meetings:"):
            kwargs[key] = url_kwargs["meeting"]
        elif key == "pk" and name.startswith("composition:candidate"):
            kwargs[key] = url_kwargs["candidate"]
        elif key == "pk" and name.startswith("impact:commitment"):
            kwargs[key] = url_kwargs["commitment"]
        elif key == "pk" and name.startswith("monitoring:tie_"):
            kwargs[key] = url_kwargs["tie"]
        elif key == "pk" and name.startswith("monitoring:tis_"):
            kwargs[key] = url_kwargs["moment"]
        elif key == "pk" and name.startswith("monitoring:story"):
            kwargs[key] = url_kwargs["story"]
        elif key == "pk" and name.startswith("monitoring:follow_up"):
            kwargs[key] = url_kwargs["action"]
        elif key == "pk" and name.startswith("accounts:data_export"):
            kwargs[key] = "00000000-0000-4000-8000-000000000000"
        elif key == "pk" and name == "accounts:token_revoke":
            kwargs[key] = 999999
        elif key in ("decision_id", "poll_id", "experiment_id"):
            kwargs[key] = url_kwargs[key.removesuffix("_id")]
        elif key == "pk" and name.startswith("question:"):
            kwargs[key] = url_kwargs[name.removeprefix("question:").split("_")[0]]
        else:
            kwargs[key] = url_kwargs[key]
    return kwargs


def _get_row(row: dict) -> dict[str, int]:
    """What a GET gives: a post-only view answers those who may use it with 405."""
    if isinstance(row, get_405):
        return ALL(405)
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
        if isinstance(row, get_and_post):
            expected = row.post[persona]
        if isinstance(row, post_only) and expected == 200 and row.answer_for(persona):
            expected = row.answer_for(persona)
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


def test_the_access_check_comes_before_the_method_check_in_every_view():
    """`@community_view` outermost: a refused visitor learns nothing from a 405."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "gilde"
    offenders = [
        str(path)
        for path in root.rglob("*.py")
        if "@require_POST\n@community_view" in path.read_text()
    ]
    assert not offenders


# A meeting the rotation gives to a participant: they plan its agenda and decide on its proposals;
# the CoP's facilitators still plan it, but its proposals are no longer theirs to decide.
PLANNING_NAMES = [
    ("meetings:agenda", {}),
    ("meetings:agenda_item_edit", {"item_pk": "item"}),
    ("meetings:agenda_item_delete", {"item_pk": "item"}),
]
NAMED_FACILITATOR = {**RUNNERS_ONLY, "participant": 200}


@pytest.fixture
def rotation_meeting(cop, personas):
    meeting = Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 3",
        starts_at=timezone.now() + timedelta(days=14),
        duration_minutes=120,
    )
    participant = cop.memberships.get(user=personas["participant"])
    MeetingFacilitator.objects.create(meeting=meeting, membership=participant, focus="process")
    item = AgendaItem.objects.create(meeting=meeting, title="Check-in", duration_minutes=15)
    return meeting, item


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name, extra", PLANNING_NAMES)
def test_the_participant_the_rotation_names_plans_that_meetings_agenda(
    cop, personas, rotation_meeting, persona, name, extra
):
    meeting, item = rotation_meeting
    client = Client()
    if personas[persona] is not None:
        client.force_login(personas[persona])
    kwargs = {"slug": cop.slug, "pk": meeting.pk, **{key: item.pk for key in extra}}
    assert client.get(reverse(name, kwargs=kwargs)).status_code == NAMED_FACILITATOR[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_meetings_named_facilitator_decides_on_its_proposals(
    cop, personas, rotation_meeting, persona
):
    meeting, _item = rotation_meeting
    proposal = AgendaProposal.objects.create(
        meeting=meeting, title="Wandeling", duration_minutes=30
    )
    client = Client()
    if personas[persona] is not None:
        client.force_login(personas[persona])
    url = reverse("meetings:proposal_decide", args=[cop.slug, meeting.pk, proposal.pk])
    status = client.post(url, {"decision": "accept"}).status_code
    expected = {**RUNNERS_ONLY, "participant": 302, "facilitator": 403, "initiator": 403}
    assert status == expected[persona]
    proposal.refresh_from_db()
    assert (proposal.status == "accepted") == (persona == "participant")
