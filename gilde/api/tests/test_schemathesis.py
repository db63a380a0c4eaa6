"""schemathesis against the OpenAPI document, in-process through WSGI, with a demo token: no
answer is a server error and every answer matches the schema the document gives for it.
GILDE_API_EXAMPLES sets the examples per operation (a few in `make test`)."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gilde.accounts.models import User
from gilde.accounts.services import api_token_create
from gilde.demo import data
from gilde.demo.services import demo_load

EXAMPLES = int(os.environ.get("GILDE_API_EXAMPLES", "15"))


@pytest.fixture(scope="module")
def demo_token(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        user = User.objects.get(email="facilitator@example.org")
        _token, raw = api_token_create(user=user, name="schemathesis", scope="write", days=1)
        yield raw
        transaction.set_rollback(True)


@pytest.fixture
def keep_connection():
    """Like Django's test client: the WSGI handler must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_the_api_answers_as_its_document_says(demo_token, keep_connection):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            if case.path_parameters and "slug" in case.path_parameters:
                case.path_parameters["slug"] = data.MAIN_SLUG
            with transaction.atomic():
                response = case.call(headers={"Authorization": f"Bearer {demo_token}"})
                transaction.set_rollback(True)
            case.validate_response(
                response,
                checks=[
                    not_a_server_error,
                    status_code_conformance,
                    content_type_conformance,
                    response_schema_conformance,
                ],
            )

        check()
