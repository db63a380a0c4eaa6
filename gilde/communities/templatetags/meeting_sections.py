"""`{% meeting_sections "preparation" meeting as sections %}`: what other apps add to a meeting's
pages (see gilde/communities/meeting_sections.py). Render each with
`{% include section.template %}`."""

from django import template

from gilde.communities import meeting_sections as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_sections(context, page: str, meeting):
    access = context.get("access")
    request = context.get("request")
    if access is None or request is None:
        return []
    return registry.meeting_sections(page, request, access, meeting)
