"""`{% load meeting_sections %}{% meeting_sections meeting "detail" %}`: what other apps add to a
meeting's page (see gilde.communities.meeting_sections)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from gilde.communities.meeting_sections import meeting_sections as sections_for

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_sections(context, meeting, page: str):
    request, access = context["request"], context["access"]
    parts = []
    for section in sections_for(request, access, meeting.pk, page):
        parts.append(
            render_to_string(
                section.template,
                {
                    "access": access,
                    "community": access.community,
                    "meeting": meeting,
                    "part": section.context,
                },
                request=request,
            )
        )
    # Each part is a rendered (autoescaped) template.
    return mark_safe("".join(parts))  # nosec B308 B703
