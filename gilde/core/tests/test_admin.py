"""Staff can open every admin page without an error, and private content has no admin page."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from gilde.composition.models import Intake
from gilde.demo.services import demo_load
from gilde.meetings.models import EvaluationAnswer, EvaluationResponse, EvaluationSubmission
from tests.factories import UserFactory


@pytest.fixture
def staff(db):
    return UserFactory(email="beheer@example.org", is_staff=True, is_superuser=True)


def test_every_admin_list_and_change_page_opens(client, staff):
    demo_load()
    client.force_login(staff)
    request = RequestFactory().get("/admin/")
    request.user = staff
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert client.get(reverse(f"{prefix}_changelist")).status_code == 200, prefix
        first = model.objects.first()
        # Some admins list private items without a page per item (learning records).
        if first is not None and model_admin.has_view_or_change_permission(request, first):
            change = reverse(f"{prefix}_change", args=[first.pk])
            assert client.get(change).status_code == 200, prefix


def test_anonymous_evaluations_have_no_admin_page():
    for model in (EvaluationResponse, EvaluationAnswer, EvaluationSubmission):
        assert model not in admin.site._registry


def test_the_intake_admin_shows_no_answers(client, staff):
    demo_load()
    intake = Intake.objects.exclude(practice_case="").first()
    client.force_login(staff)
    page = client.get(reverse("admin:composition_intake_change", args=[intake.pk]))
    assert intake.practice_case[:40] not in page.content.decode()
