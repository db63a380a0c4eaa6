import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError

from gilde.communities.access import Action, CommunityAccess
from gilde.communities.models import Role


def test_can_answers_from_the_viewers_rights(cop, participant):
    access = CommunityAccess(cop, cop.memberships.get(user=participant), True)
    template = Template(
        '{% load access %}{% if access|can:"plan_meetings" %}plan{% endif %}'
        '{% if access|can:"view_meetings" %}read{% endif %}'
    )
    assert template.render(Context({"access": access})) == "read"
    assert access.role == Role.PARTICIPANT


def test_an_unknown_permission_name_fails_loudly(cop, participant):
    access = CommunityAccess(cop, cop.memberships.get(user=participant), True)
    template = Template('{% load access %}{% if access|can:"plan_meeting" %}x{% endif %}')
    with pytest.raises(TemplateSyntaxError):
        template.render(Context({"access": access}))


def test_every_permission_named_in_a_template_exists():
    """Templates never test a permission by a string of their own (`"x" in access.permissions`)
    and name only real actions in `|can`."""
    known = {action.value for action in Action}
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "gilde"]
    for path in (p for root in roots for p in root.rglob("*.html")):
        text = path.read_text()
        assert "access.permissions" not in text, path
        for name in re.findall(r'\|can:"(\w+)"', text):
            assert name in known, f"{path}: unknown permission {name}"
