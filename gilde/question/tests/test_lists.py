from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from gilde.communities.access import community_access
from gilde.core.models import AuditEntry
from gilde.question import services
from gilde.question.models import IntendedYield, SignalKind, UrgencySignal, YieldLevel
from gilde.question.views.lists import link_host
from gilde.question.workspace import question_workspace
from tests.factories import CommunityFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(name, cop_slug="circulair", **kwargs):
    return reverse(f"question:{name}", kwargs={"slug": cop_slug, **kwargs})


def signal_data(**overrides):
    return {
        "title": "CBS: hergebruik van bouwmateriaal stagneert",
        "kind": SignalKind.RESEARCH,
        "source_url": "https://www.cbs.nl/nieuws/2025/circulair",
        "source_reference": "",
        "date": timezone.localdate().isoformat(),
        "note": "Laat zien dat de vraag nu speelt.",
        **overrides,
    }


def make_signal(community, actor, **fields):
    data = {
        "title": "Signaal",
        "kind": SignalKind.NEWS,
        "source_url": "",
        "source_reference": "",
        "date": timezone.localdate(),
        "note": "",
        **fields,
    }
    return services.urgency_signal_add(community=community, actor=actor, **data)


def make_yield(community, actor, level=YieldLevel.PARTICIPANT, text="Meer hergebruik"):
    return services.yield_add(community=community, actor=actor, level=level, text=text)


def other_cop():
    return CommunityFactory(name="Andere CoP", slug="elders")


# Urgency signals


def test_facilitator_adds_a_signal_and_it_is_audited(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.post(url("signals"), signal_data())
    assert response.status_code == 302
    signal = cop.urgency_signals.get()
    assert signal.title.startswith("CBS")
    assert signal.added_by == facilitator
    assert AuditEntry.objects.filter(community=cop, action="urgency_signal.added").exists()


def test_link_without_scheme_is_taken_as_https(client, cop, facilitator):
    client.force_login(facilitator)
    client.post(url("signals"), signal_data(source_url="cbs.nl/cijfers"))
    assert cop.urgency_signals.get().source_url == "https://cbs.nl/cijfers"


def test_signal_without_link_or_reference_is_fine(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.post(url("signals"), signal_data(source_url="", source_reference=""))
    assert response.status_code == 302
    assert cop.urgency_signals.count() == 1


def test_facilitator_edits_a_signal(client, cop, facilitator):
    signal = make_signal(cop, facilitator)
    client.force_login(facilitator)
    assert client.get(url("signal_edit", pk=signal.pk)).status_code == 200
    response = client.post(url("signal_edit", pk=signal.pk), signal_data(title="Nieuwe titel"))
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.title == "Nieuwe titel"
    assert AuditEntry.objects.filter(community=cop, action="urgency_signal.changed").exists()


def test_delete_asks_first_then_deletes(client, cop, facilitator):
    signal = make_signal(cop, facilitator, title="Weg ermee")
    client.force_login(facilitator)
    response = client.get(url("signal_delete", pk=signal.pk))
    assert response.status_code == 200
    assert "Weg ermee" in response.content.decode()
    assert UrgencySignal.objects.filter(pk=signal.pk).exists()
    response = client.post(url("signal_delete", pk=signal.pk))
    assert response.status_code == 302
    assert not UrgencySignal.objects.filter(pk=signal.pk).exists()
    assert AuditEntry.objects.filter(community=cop, action="urgency_signal.deleted").exists()


def test_participant_cannot_write_signals(client, cop, facilitator, participant):
    signal = make_signal(cop, facilitator)
    client.force_login(participant)
    assert client.post(url("signals"), signal_data()).status_code == 403
    assert client.get(url("signal_edit", pk=signal.pk)).status_code == 403
    assert client.post(url("signal_edit", pk=signal.pk), signal_data()).status_code == 403
    assert client.get(url("signal_delete", pk=signal.pk)).status_code == 403
    assert client.post(url("signal_delete", pk=signal.pk)).status_code == 403
    assert cop.urgency_signals.count() == 1
    page = client.get(url("signals")).content.decode()
    assert 'id="add-signal"' not in page
    assert url("signal_edit", pk=signal.pk) not in page


def test_participant_writes_signals_when_the_group_may_edit(client, cop, participant):
    sheet = services.sheet_for(cop)
    sheet.group_may_edit = True
    sheet.save()
    client.force_login(participant)
    assert 'id="add-signal"' in client.get(url("signals")).content.decode()
    assert client.post(url("signals"), signal_data()).status_code == 302
    signal = cop.urgency_signals.get()
    assert client.post(url("signal_edit", pk=signal.pk), signal_data(title="X")).status_code == 302
    assert client.post(url("signal_delete", pk=signal.pk)).status_code == 302
    assert not cop.urgency_signals.exists()


def test_observer_reads_signals_but_cannot_add(client, cop, facilitator, observer):
    make_signal(cop, facilitator, title="Zichtbaar voor iedereen")
    client.force_login(observer)
    response = client.get(url("signals"))
    assert response.status_code == 200
    assert "Zichtbaar voor iedereen" in response.content.decode()
    assert client.post(url("signals"), signal_data()).status_code == 403


def test_outsider_gets_404_for_signals(client, cop, facilitator, outsider):
    signal = make_signal(cop, facilitator)
    client.force_login(outsider)
    assert client.get(url("signals")).status_code == 404
    assert client.post(url("signals"), signal_data()).status_code == 404
    assert client.get(url("signal_edit", pk=signal.pk)).status_code == 404
    assert client.post(url("signal_delete", pk=signal.pk)).status_code == 404
    assert cop.urgency_signals.count() == 1


def test_anonymous_is_asked_to_log_in(client, cop):
    response = client.get(url("signals"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_signal_of_another_cop_gives_404(client, cop, facilitator):
    foreign = make_signal(other_cop(), UserFactory(), title="Van elders")
    client.force_login(facilitator)
    assert client.get(url("signal_edit", pk=foreign.pk)).status_code == 404
    assert client.post(url("signal_edit", pk=foreign.pk), signal_data()).status_code == 404
    assert client.post(url("signal_delete", pk=foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == "Van elders"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date": (date.today() + timedelta(days=400)).isoformat()}, "date"),
        ({"date": "1850-05-01"}, "date"),
        ({"date": "geen datum"}, "date"),
        ({"source_url": "niet een link"}, "source_url"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
        ({"title": "x" * 201}, "title"),
        ({"title": ""}, "title"),
        ({"kind": "gerucht"}, "kind"),
        ({"note": "x" * 2001}, "note"),
    ],
)
def test_bad_signal_input_gets_field_errors_and_saves_nothing(
    client, cop, facilitator, overrides, field
):
    client.force_login(facilitator)
    response = client.post(url("signals"), signal_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'class="error-summary"' in response.content.decode()
    assert not cop.urgency_signals.exists()


def test_far_future_date_message_is_clear(client, cop, facilitator):
    client.force_login(facilitator)
    far = (timezone.localdate() + timedelta(days=32)).isoformat()
    response = client.post(url("signals"), signal_data(date=far))
    assert "31" in response.context["form"].errors["date"][0]


def test_date_a_month_ahead_is_accepted(client, cop, facilitator):
    client.force_login(facilitator)
    soon = (timezone.localdate() + timedelta(days=31)).isoformat()
    assert client.post(url("signals"), signal_data(date=soon)).status_code == 302


def test_bad_edit_keeps_the_saved_signal(client, cop, facilitator):
    signal = make_signal(cop, facilitator, title="Bewaard")
    client.force_login(facilitator)
    response = client.post(url("signal_edit", pk=signal.pk), signal_data(title="x" * 201))
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    signal.refresh_from_db()
    assert signal.title == "Bewaard"


def test_signal_list_shows_host_reference_note_and_who_added_it(client, cop, facilitator):
    make_signal(cop, facilitator, title="Met link", source_url="https://www.cbs.nl/nieuws/x?y=1")
    make_signal(cop, facilitator, title="Met bron", source_reference="Gesprek met de wethouder")
    make_signal(cop, facilitator, title="Met noot", note="Dit raakt ons direct.")
    client.force_login(facilitator)
    page = client.get(url("signals")).content.decode()
    assert ">cbs.nl</a>" in page
    assert "Gesprek met de wethouder" in page
    assert "Dit raakt ons direct." in page
    assert "Fenna Facilitator" in page


@pytest.mark.parametrize(
    ("link", "host"),
    [
        ("https://www.cbs.nl/nieuws", "cbs.nl"),
        ("https://data.overheid.nl:8443/a", "data.overheid.nl"),
        ("http://EXAMPLE.org", "example.org"),
        ("https://[::1]/", "::1"),
        ("", ""),
    ],
)
def test_link_host(link, host):
    assert link_host(link) == host


def test_signal_list_is_sorted_by_date_newest_first(client, cop, facilitator):
    today = timezone.localdate()
    make_signal(cop, facilitator, title="Middel", date=today - timedelta(days=10))
    make_signal(cop, facilitator, title="Nieuwst", date=today)
    make_signal(cop, facilitator, title="Oudst", date=today - timedelta(days=400))
    client.force_login(facilitator)
    response = client.get(url("signals"))
    assert [s.title for s in response.context["signals"]] == ["Nieuwst", "Middel", "Oudst"]
    page = response.content.decode()
    assert page.index("Nieuwst") < page.index("Middel") < page.index("Oudst")


def test_signal_list_filters_by_kind(client, cop, facilitator, participant):
    make_signal(cop, facilitator, title="Beleid A", kind=SignalKind.POLICY)
    make_signal(cop, facilitator, title="Nieuws B", kind=SignalKind.NEWS)
    client.force_login(participant)
    response = client.get(url("signals"), {"kind": "policy"})
    assert response.status_code == 200
    assert [s.title for s in response.context["signals"]] == ["Beleid A"]


def test_unknown_kind_filter_explains_and_shows_everything(client, cop, facilitator):
    make_signal(cop, facilitator, title="Beleid A", kind=SignalKind.POLICY)
    make_signal(cop, facilitator, title="Nieuws B", kind=SignalKind.NEWS)
    client.force_login(facilitator)
    response = client.get(url("signals"), {"kind": "gerucht"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors["kind"]
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert "gerucht" in page
    assert len(response.context["signals"]) == 2


def test_signal_list_query_count_does_not_grow(
    client, cop, facilitator, django_assert_max_num_queries
):
    client.force_login(facilitator)
    make_signal(cop, facilitator)
    with django_assert_max_num_queries(10):
        client.get(url("signals"))
    for n in range(49):
        make_signal(cop, facilitator, title=f"Signaal {n}")
    with django_assert_max_num_queries(10):
        response = client.get(url("signals"))
    assert len(response.context["signals"]) == 50


# Intended yields


def test_facilitator_adds_edits_and_deletes_a_yield(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.post(url("yields"), {"level": "organisation", "text": "Minder afval"})
    assert response.status_code == 302
    item = cop.intended_yields.get()
    assert (item.level, item.text) == ("organisation", "Minder afval")

    assert client.get(url("yield_edit", pk=item.pk)).status_code == 200
    response = client.post(
        url("yield_edit", pk=item.pk), {"level": "field", "text": "Minder afval in de regio"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.level, item.text) == ("field", "Minder afval in de regio")

    assert client.get(url("yield_delete", pk=item.pk)).status_code == 200
    assert IntendedYield.objects.filter(pk=item.pk).exists()
    assert client.post(url("yield_delete", pk=item.pk)).status_code == 302
    assert not IntendedYield.objects.filter(pk=item.pk).exists()

    actions = set(AuditEntry.objects.filter(community=cop).values_list("action", flat=True))
    assert {"yield.added", "yield.changed", "yield.deleted"} <= actions


def test_yields_page_shows_four_levels_and_explains_why(client, cop, facilitator, observer):
    make_yield(cop, facilitator, YieldLevel.INITIATOR, "Een netwerk dat blijft")
    client.force_login(observer)
    response = client.get(url("yields"))
    assert response.status_code == 200
    page = response.content.decode()
    for level in YieldLevel:
        assert f'id="level-{level.value}"' in page
    assert "Een netwerk dat blijft" in page
    assert "(step 6)" in page or "(stap 6)" in page
    assert 'id="add-yield"' not in page


def test_workspace_link_preselects_the_level(client, cop, facilitator):
    client.force_login(facilitator)
    response = client.get(url("yields"), {"level": "initiator"})
    assert response.context["form"]["level"].value() == "initiator"
    response = client.get(url("yields"), {"level": "onzin"})
    assert response.context["form"]["level"].value() is None


def test_participant_cannot_write_yields(client, cop, facilitator, participant):
    item = make_yield(cop, facilitator)
    client.force_login(participant)
    assert client.get(url("yields")).status_code == 200
    assert client.post(url("yields"), {"level": "field", "text": "X"}).status_code == 403
    assert client.get(url("yield_edit", pk=item.pk)).status_code == 403
    assert (
        client.post(url("yield_edit", pk=item.pk), {"level": "field", "text": "X"}).status_code
        == 403
    )
    assert client.post(url("yield_delete", pk=item.pk)).status_code == 403
    item.refresh_from_db()
    assert item.text == "Meer hergebruik"
    assert cop.intended_yields.count() == 1


def test_participant_writes_yields_when_the_group_may_edit(client, cop, participant):
    sheet = services.sheet_for(cop)
    sheet.group_may_edit = True
    sheet.save()
    client.force_login(participant)
    assert client.post(url("yields"), {"level": "field", "text": "X"}).status_code == 302
    item = cop.intended_yields.get()
    assert (
        client.post(url("yield_edit", pk=item.pk), {"level": "field", "text": "Y"}).status_code
        == 302
    )
    assert client.post(url("yield_delete", pk=item.pk)).status_code == 302


def test_outsider_gets_404_for_yields(client, cop, facilitator, outsider):
    item = make_yield(cop, facilitator)
    client.force_login(outsider)
    assert client.get(url("yields")).status_code == 404
    assert client.post(url("yields"), {"level": "field", "text": "X"}).status_code == 404
    assert client.get(url("yield_edit", pk=item.pk)).status_code == 404
    assert client.post(url("yield_delete", pk=item.pk)).status_code == 404


def test_yield_of_another_cop_gives_404(client, cop, facilitator):
    foreign = make_yield(other_cop(), UserFactory(), text="Van elders")
    client.force_login(facilitator)
    assert client.get(url("yield_edit", pk=foreign.pk)).status_code == 404
    assert (
        client.post(url("yield_edit", pk=foreign.pk), {"level": "field", "text": "X"}).status_code
        == 404
    )
    assert client.post(url("yield_delete", pk=foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.text == "Van elders"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"level": "buurt", "text": "Iets"}, "level"),
        ({"level": "", "text": "Iets"}, "level"),
        ({"level": "field", "text": "x" * 501}, "text"),
        ({"level": "field", "text": ""}, "text"),
    ],
)
def test_bad_yield_input_gets_field_errors_and_saves_nothing(client, cop, facilitator, data, field):
    client.force_login(facilitator)
    response = client.post(url("yields"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'class="error-summary"' in response.content.decode()
    assert not cop.intended_yields.exists()


# The step-1 workspace fragment (rendered on its own: the step page includes other parts too)


def render_fragment(rf, cop, user):
    request = rf.get("/")
    request.user = user
    access = community_access(user, cop)
    # The step page supplies community and access; the workspace adds the rest.
    context = {"community": cop, "access": access, **question_workspace(request, access, {})}
    return render_to_string("question/_workspace_lists.html", context, request=request)


def test_workspace_fragment_shows_yields_and_latest_signals(rf, cop, facilitator, observer):
    make_yield(cop, facilitator, YieldLevel.FIELD, "Regionale afspraken")
    for n in range(7):
        make_signal(cop, facilitator, title=f"Signaal {n}", date=date(2025, 1, n + 1))
    page = render_fragment(rf, cop, observer)
    assert "Regionale afspraken" in page
    assert page.count("Nothing yet.") == 3 or page.count("Nog niets.") == 3
    assert "Signaal 6" in page and "Signaal 2" in page
    assert "Signaal 1" not in page
    assert url("signals") in page and url("yields") in page
    assert "#add-signal" not in page and "#add-yield" not in page


def test_workspace_fragment_offers_add_links_to_editors(rf, cop, facilitator):
    page = render_fragment(rf, cop, facilitator)
    assert f"{url('signals')}#add-signal" in page
    assert f"{url('yields')}?level=initiator#add-yield" in page
