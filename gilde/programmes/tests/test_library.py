"""The programme's library of shared work forms: what member CoPs share, who reads it (the
programme's managers, the facilitators of its member CoPs), copying, and what never travels (who
wrote a form)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Role
from gilde.guide import services as guide_services
from gilde.guide.models import CustomWorkForm
from gilde.programmes import services
from gilde.programmes.models import LinkStatus, ProgrammeCop
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .conftest import MARKER


def _form(community, name, *, shared=True, author=None):
    return CustomWorkForm.objects.create(
        community=community,
        name=name,
        purpose=f"Doel van {name}",
        how_to="Eerst **samen**, dan apart.",
        min_minutes=10,
        max_minutes=30,
        stages=["plenary"],
        shared_with_programmes=shared,
        created_by=author,
    )


def _cop_with(programme, slug, status):
    community = CommunityFactory(name=f"CoP {slug}", slug=slug)
    author = UserFactory(email=f"{slug}@example.org", name=f"{MARKER} Schrijver {slug}")
    MembershipFactory(community=community, user=author, role=Role.FACILITATOR)
    if status is not None:
        ProgrammeCop.objects.create(programme=programme, community=community, status=status)
    return community, author


@pytest.fixture
def library(programme, cop, initiator, facilitator, participant):
    """`cop` (the personas' CoP) and "groen" are members; others were invited, declined, left or
    are outside the programme. Each shares a form; "groen" also keeps one to itself."""
    ProgrammeCop.objects.create(programme=programme, community=cop, status=LinkStatus.MEMBER)
    groen, author = _cop_with(programme, "groen", LinkStatus.MEMBER)
    forms = {"shared": _form(groen, "Vissenkom", author=author)}
    forms["private"] = _form(groen, "Geheime ronde", shared=False, author=author)
    for slug, status in [
        ("uitgenodigd", LinkStatus.INVITED),
        ("afgewezen", LinkStatus.DECLINED),
        ("vertrokken", LinkStatus.LEFT),
        ("buiten", None),
    ]:
        community, other = _cop_with(programme, slug, status)
        forms[slug] = _form(community, f"Vorm van {slug}", author=other)
    forms["own"] = _form(cop, "Onze eigen vorm", author=facilitator)
    return forms


def _page(client, user, name, *args, status=200):
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == status
    return response.content.decode()


def test_managers_read_the_member_cops_shared_forms_only(client, manager, programme, library):
    page = _page(client, manager, "programmes:library", programme.slug)
    assert "Vissenkom" in page and "CoP groen" in page
    assert "Onze eigen vorm" in page
    for hidden in ("Geheime ronde", "uitgenodigd", "afgewezen", "vertrokken", "buiten"):
        assert hidden not in page
    detail = _page(client, manager, "programmes:library_form", programme.slug, library["shared"].pk)
    assert "<strong>samen</strong>" in detail and "CoP groen" in detail
    for key in ("private", "uitgenodigd", "afgewezen", "vertrokken", "buiten"):
        _page(
            client, manager, "programmes:library_form", programme.slug, library[key].pk, status=404
        )


def test_no_person_travels_with_a_shared_form(
    client, manager, programme, cop, facilitator, library
):
    pages = [
        _page(client, manager, "programmes:library", programme.slug),
        _page(client, manager, "programmes:library_form", programme.slug, library["shared"].pk),
        _page(client, facilitator, "programmes:cop_library", cop.slug),
        _page(client, facilitator, "programmes:cop_library_form", cop.slug, library["shared"].pk),
    ]
    for page in pages:
        assert MARKER not in page
        assert "Fenna" not in page  # the author of the personas' own shared form


def test_a_manager_of_another_programme_finds_nothing(client, other_manager, programme, library):
    _page(client, other_manager, "programmes:library", programme.slug, status=404)
    url_args = (programme.slug, library["shared"].pk)
    _page(client, other_manager, "programmes:library_form", *url_args, status=404)


def test_a_member_cops_facilitators_read_the_other_cops_forms(client, cop, facilitator, library):
    page = _page(client, facilitator, "programmes:cop_library", cop.slug)
    assert "Vissenkom" in page and "CoP groen" in page
    # Its own forms are in its own library; nothing of CoPs outside the programme.
    for hidden in ("Onze eigen vorm", "Geheime ronde", "uitgenodigd", "afgewezen", "vertrokken"):
        assert hidden not in page
    for key in ("own", "private", "uitgenodigd", "afgewezen", "vertrokken", "buiten"):
        _page(
            client,
            facilitator,
            "programmes:cop_library_form",
            cop.slug,
            library[key].pk,
            status=404,
        )
    # The CoP's library links to it.
    assert reverse("programmes:cop_library", args=[cop.slug]) in _page(
        client, facilitator, "guide:cop_library", cop.slug
    )


def test_participants_are_refused_and_outsiders_find_nothing(
    client, cop, participant, outsider, library
):
    shared = library["shared"].pk
    _page(client, participant, "programmes:cop_library", cop.slug, status=403)
    _page(client, participant, "programmes:cop_library_form", cop.slug, shared, status=403)
    _page(client, outsider, "programmes:cop_library", cop.slug, status=404)
    client.force_login(participant)
    url = reverse("programmes:cop_library_copy", args=[cop.slug, shared])
    assert client.post(url).status_code == 403
    assert not cop.work_forms.filter(name="Vissenkom").exists()


def test_facilitators_of_a_cop_outside_or_gone_from_the_programme_find_nothing(
    client, programme, library
):
    for slug in ("uitgenodigd", "afgewezen", "vertrokken", "buiten"):
        facilitator = UserFactory._meta.model.objects.get(email=f"{slug}@example.org")
        _page(client, facilitator, "programmes:cop_library", slug, status=404)
        shared = library["shared"].pk
        _page(client, facilitator, "programmes:cop_library_form", slug, shared, status=404)
        client.force_login(facilitator)
        url = reverse("programmes:cop_library_copy", args=[slug, shared])
        assert client.post(url).status_code == 404


def test_copying_makes_a_form_in_the_copiers_cop_only(client, programme, cop, facilitator, library):
    source = library["shared"]
    client.force_login(facilitator)
    response = client.post(reverse("programmes:cop_library_copy", args=[cop.slug, source.pk]))
    copy = cop.work_forms.get(name="Vissenkom")
    assert response.url == reverse("guide:cop_work_form", args=[cop.slug, copy.pk])
    assert copy.how_to == source.how_to and copy.min_minutes == 10
    assert copy.copied_from == f"CoP groen ({programme.name})"
    assert copy.created_by == facilitator and not copy.shared_with_programmes
    assert source.community.work_forms.filter(name="Vissenkom").count() == 1
    assert cop.audit_entries.filter(action="work_form.copied").exists()
    assert not source.community.audit_entries.filter(action="work_form.copied").exists()
    page = _page(client, facilitator, "guide:cop_work_form", cop.slug, copy.pk)
    assert "CoP groen" in page


def test_a_form_unshared_or_of_a_cop_that_left_disappears(
    client, manager, programme, cop, facilitator, library
):
    source = library["shared"]
    guide_services.work_form_share(work_form=source, actor=None, share=False)
    assert "Vissenkom" not in _page(client, manager, "programmes:library", programme.slug)
    _page(client, manager, "programmes:library_form", programme.slug, source.pk, status=404)
    _page(client, facilitator, "programmes:cop_library_form", cop.slug, source.pk, status=404)
    assert source.community.audit_entries.filter(action="work_form.unshared").exists()
    # The personas' CoP leaves: its shared form leaves the library with it.
    services.cop_leave(link=programme.links.get(community=cop), actor=None)
    assert "Onze eigen vorm" not in _page(client, manager, "programmes:library", programme.slug)
    _page(client, facilitator, "programmes:cop_library", cop.slug, status=404)


def test_the_edit_page_offers_sharing_only_to_a_cop_in_a_programme(
    client, programme, cop, facilitator, outsider, library
):
    own = library["own"]
    url = reverse("guide:cop_work_form_edit", args=[cop.slug, own.pk])
    client.force_login(facilitator)
    page = client.get(url).content.decode()
    assert 'name="shared_with_programmes"' in page and programme.name in page
    data = {
        "name": own.name,
        "purpose": own.purpose,
        "how_to": own.how_to,
        "min_minutes": 10,
        "max_minutes": 30,
        "stages": ["plenary"],
        "min_group": 2,
        "max_group": 30,
    }
    assert client.post(url, data).status_code == 302
    own.refresh_from_db()
    assert not own.shared_with_programmes
    assert cop.audit_entries.filter(action="work_form.unshared").exists()
    client.post(url, {**data, "shared_with_programmes": "on"})
    own.refresh_from_db()
    assert own.shared_with_programmes
    # A CoP in no programme: no choice to make.
    andere = outsider.memberships.get().community
    client.force_login(outsider)
    page = client.get(reverse("guide:cop_work_form_new", args=[andere.slug])).content.decode()
    assert "shared_with_programmes" not in page
    _page(client, outsider, "programmes:cop_library", andere.slug, status=404)


def test_a_new_form_can_be_shared_at_once(client, programme, cop, facilitator, library):
    client.force_login(facilitator)
    client.post(
        reverse("guide:cop_work_form_new", args=[cop.slug]),
        {
            "name": "Nieuwe vorm",
            "purpose": "Iets",
            "how_to": "Zo",
            "min_minutes": 5,
            "max_minutes": 5,
            "stages": ["pair"],
            "min_group": 2,
            "max_group": 8,
            "shared_with_programmes": "on",
        },
    )
    assert cop.work_forms.get(name="Nieuwe vorm").shared_with_programmes


def test_the_library_costs_few_queries(
    client, manager, programme, library, django_assert_max_num_queries
):
    client.force_login(manager)
    url = reverse("programmes:library", args=[programme.slug])
    with django_assert_max_num_queries(8):
        client.get(url)
    groen = CustomWorkForm.objects.get(name="Vissenkom").community
    for number in range(30):
        _form(groen, f"Vorm {number}")
    with django_assert_max_num_queries(8):
        client.get(url)


def test_declined_recently_is_not_asked_again(programme, manager, cop, initiator):
    link = ProgrammeCop.objects.create(
        programme=programme,
        community=cop,
        status=LinkStatus.DECLINED,
        decided_at=timezone.now() - timedelta(days=10),
    )
    assert services.cop_invite_by_address(programme=programme, actor=manager, slug=cop.slug) is None
    link.refresh_from_db()
    assert link.status == LinkStatus.DECLINED
    link.decided_at = timezone.now() - services.ASK_AGAIN_AFTER - timedelta(days=1)
    link.save()
    services.cop_invite_by_address(programme=programme, actor=manager, slug=cop.slug)
    link.refresh_from_db()
    assert link.status == LinkStatus.INVITED
