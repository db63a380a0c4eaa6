"""Rendering a page inside a CoP: every such template gets the CoP and the viewer's access."""

from django.shortcuts import render


def render_cop(request, access, template: str, status: int = 200, **context):
    """Render `template` with `access` and `community` added to `context`."""
    return render(
        request,
        template,
        {"access": access, "community": access.community, **context},
        status=status,
    )
