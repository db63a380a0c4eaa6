"""Names of a CoP's people in templates, as the viewer may see them (`CommunityAccess`)."""

from django import template

register = template.Library()


@register.filter
def shown_to(membership, access) -> str:
    """`{{ membership|shown_to:access }}`: the name, or only the role for a viewer who may not
    read the member list. Every template that lists people in a CoP goes through this."""
    return access.member_label(membership)
