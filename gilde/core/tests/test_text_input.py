"""Typed text is cleaned at input in every form, ids are range-checked, and names stay isolated.

Control characters in a CoP name or a meeting title broke e-mails (a line break in a subject) and
the whole calendar feed; a right-to-left override in a name turned audit lines around.
"""

import importlib
import pkgutil
from datetime import timedelta

import pytest
from django import forms
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import gilde
from gilde.communities import services
from gilde.communities.models import Community, Policy
from gilde.core import forms as core_forms
from gilde.core.text import multi_line, single_line
from gilde.meetings import tasks
from gilde.meetings.models import Meeting

CONTROLS = "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\x9f\u2028\u2029"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NASTY = st.text(alphabet=st.sampled_from(list(CONTROLS + BIDI) + list("Ab &<é\u05d0")), max_size=40)
BIG_ID = "99999999999999999999"


def _form_classes():
    for module in pkgutil.walk_packages(gilde.__path__, "gilde."):
        if module.name.rsplit(".", 2)[-1] == "forms" or ".forms." in module.name:
            importlib.import_module(module.name)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return sorted(
        (
            cls
            for cls in seen
            # Not the tests' own throwaway forms: whether one is still alive (not yet garbage
            # collected) depends on which tests ran before in this process.
            if cls.__module__.startswith("gilde.")
            and cls.__module__ != "gilde.core.forms"
            and ".tests." not in cls.__module__
        ),
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def test_every_form_cleans_its_text_through_the_one_mixin():
    classes = _form_classes()
    assert len(classes) > 40
    missing = [
        f"{c.__module__}.{c.__qualname__}"
        for c in classes
        if not issubclass(c, core_forms.CleanTextMixin)
    ]
    assert missing == []


def test_every_multiple_choice_of_rows_checks_the_range_of_its_ids():
    unsafe = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls in _form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.ModelMultipleChoiceField)
        and not isinstance(field, core_forms.ModelMultipleChoiceField)
    ]
    assert unsafe == []


@given(st.text())
def test_single_line_text_keeps_no_control_or_direction_character(text):
    cleaned = single_line(text)
    assert not any(char in CONTROLS + BIDI for char in cleaned)
    assert single_line(cleaned) == cleaned


@given(st.text())
def test_multi_line_text_keeps_its_line_breaks_and_loses_nul_and_overrides(text):
    cleaned = multi_line(text)
    assert "\x00" not in cleaned and not any(char in BIDI for char in cleaned)
    assert cleaned.count("\n") == text.count("\n")


def test_a_form_turns_line_breaks_in_a_name_into_spaces_and_keeps_them_in_a_text_area():
    class Form(core_forms.CleanTextMixin, forms.Form):
        name = forms.CharField()
        body = forms.CharField(widget=forms.Textarea)
        password = forms.CharField(widget=forms.PasswordInput)

    form = Form(
        {"name": " Kring\r\nloop\x00 \u202eCoP ", "body": "Een\r\nTwee\x00", "password": "a\x0bb"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "name": "Kring loop CoP",
        "body": "Een\r\nTwee",
        "password": "a\x0bb",
    }


def test_a_name_of_only_control_characters_is_refused_as_empty(client, initiator, cop):
    client.force_login(initiator)
    data = _settings_data(cop, name="\r\n\x00\u202e")
    response = client.post(reverse("communities:settings", args=[cop.slug]), data)
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    cop.refresh_from_db()
    assert cop.name == "Circulair ondernemen"


def _settings_data(cop, **changes):
    return {
        "name": cop.name,
        "slug": cop.slug,
        "description": cop.description,
        "policy": Policy.OPEN,
        "listed": "on",
        "start_date": cop.start_date.isoformat(),
        "duration_months": cop.duration_months,
        "cadence_weeks": cop.cadence_weeks,
        "target_size": cop.target_size,
        **changes,
    }


def _meeting_data(title, place):
    starts = timezone.localtime() + timedelta(days=10)
    return {
        "title": title,
        "date": starts.date().isoformat(),
        "start_time": "19:00",
        "duration_minutes": 120,
        "place": place,
        "online_link": "",
        "status": "planned",
    }


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=NASTY, title=NASTY)
def test_names_and_titles_with_control_characters_never_cause_a_server_error(
    client, initiator, participant, cop, name, title
):
    client.force_login(initiator)
    created = client.post(
        reverse("communities:create"), {**_settings_data(cop, name=f"Nieuw {name}"), "slug": ""}
    )
    assert created.status_code in (200, 302)
    response = client.post(
        reverse("communities:settings", args=[cop.slug]), _settings_data(cop, name=f"CoP {name}")
    )
    assert response.status_code == 302
    cop.refresh_from_db()
    assert single_line(cop.name) == cop.name
    meeting = Meeting.objects.create(
        community=cop,
        title="Start",
        starts_at=timezone.now() + timedelta(days=10),
        duration_minutes=120,
    )
    response = client.post(
        reverse("meetings:edit", args=[cop.slug, meeting.pk]),
        _meeting_data(f"Bijeenkomst {title}", f"Zaal {title}"),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert single_line(meeting.title) == meeting.title
    for url in (
        reverse("communities:detail", args=[cop.slug]),
        reverse("communities:members", args=[cop.slug]),
        reverse("communities:audit", args=[cop.slug]),
        reverse("meetings:calendar", args=[cop.slug]),
        reverse("meetings:detail", args=[cop.slug, meeting.pk]),
        reverse("meetings:ics", args=[cop.slug, meeting.pk]),
    ):
        assert client.get(url).status_code == 200, url
    feed = client.get(reverse("meetings:feed", args=[cop.slug]))
    assert feed.status_code == 200
    Calendar.from_ical(feed.content)
    invited = client.post(
        reverse("communities:invite", args=[cop.slug]),
        {"email": "nieuw@example.org", "role": "participant", "message": f"Hoi {name}"},
    )
    assert invited.status_code in (200, 302)
    asked = client.post(
        reverse("question:request_comments", args=[cop.slug]),
        {"recipients": [cop.memberships.get(user=participant).pk], "message": name},
    )
    assert asked.status_code in (200, 302)
    mail.outbox.clear()
    assert tasks._send_invitations(meeting) >= 1
    assert all("\n" not in message.subject for message in mail.outbox)
    cop.invitations.all().delete()
    meeting.delete()


def test_the_feed_survives_control_characters_saved_before_input_was_cleaned(
    client, participant, cop
):
    # PostgreSQL never stored a NUL in text; SQLite did.
    nul = "\x00" if connection.vendor == "sqlite" else ""
    Community.objects.filter(pk=cop.pk).update(name=f"Kring\r\nloop{nul}", policy=Policy.OPEN)
    Meeting.objects.create(
        community=cop,
        title=f"Bijeen\nkomst\x0b{nul}",
        place="Zaal\r\n2",
        duration_minutes=120,
        starts_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(participant)  # a member's feed says where, too
    response = client.get(reverse("meetings:feed", args=[cop.slug]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Bijeen komst"
    assert str(event["LOCATION"]) == "Zaal 2"
    assert str(calendar["X-WR-CALNAME"]) == "Kring loop"


def test_names_in_the_audit_log_and_member_list_are_isolated_from_the_line_around_them(
    client, initiator, participant, cop
):
    # A name saved before input was cleaned: the override would reverse the rest of the line.
    participant.name = "Piet\u202e"
    participant.save()
    services.membership_change_role(
        membership=cop.memberships.get(user=participant), actor=initiator, role="observer"
    )
    client.force_login(initiator)
    members = client.get(reverse("communities:members", args=[cop.slug])).content.decode()
    assert "<bdi>Piet\u202e</bdi>" in members
    audit = client.get(reverse("communities:audit", args=[cop.slug])).content.decode()
    assert "<bdi>Piet\u202e</bdi>" in audit
    assert "<bdi>Alice Initiatiefnemer</bdi>" in audit


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("question:request_comments", {"recipients": [BIG_ID]}),
        ("meetings:facilitation", {"mode": "rotation_core", "core_group": [BIG_ID], "seed": 0}),
    ],
)
def test_an_id_too_large_for_the_database_is_an_invalid_choice(
    client, facilitator, cop, name, data
):
    client.force_login(facilitator)
    response = client.post(reverse(name, args=[cop.slug]), data)
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("value", ["0", "-1", BIG_ID, "1.5", "x", ""])
def test_ids_out_of_range_are_not_ids(value):
    assert not core_forms.is_valid_id(value)


def test_the_largest_id_is_an_id():
    assert core_forms.is_valid_id(str(core_forms.MAX_ID))
