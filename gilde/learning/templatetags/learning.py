from django import template
from django.utils.safestring import mark_safe

from gilde.guide.content import render_markdown

register = template.Library()


@register.filter
def learning_markdown(text: str) -> str:
    """A member's Markdown, sanitised by nh3 (the guide's rules): safe to show."""
    return mark_safe(render_markdown(text))  # nosec B308 B703 (nh3 cleaned it)
