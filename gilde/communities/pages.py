"""Rendering a page inside a CoP: every such template gets the CoP and the viewer's access.

`edit_page` and `delete_page` are the shape every "change one item" and "delete one item, after
asking" view has: the view fetches the item (from the CoP) and builds the form, these do the rest.
"""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect, render


def render_cop(request, access, template: str, status: int = 200, **context):
    """Render `template` with `access` and `community` added to `context`."""
    return render(
        request,
        template,
        {"access": access, "community": access.community, **context},
        status=status,
    )


def edit_page(
    request,
    access,
    *,
    form,
    save: Callable[[dict], object],
    template: str,
    done: str | Callable[[object], str],
    next_url: str | Callable[[object], str],
    **context,
):
    """Show `form`; on a valid post call `save(cleaned_data)`, say `done` and go to `next_url`.

    `done` and `next_url` may be functions of what `save` returned (a new item's name or page).
    A `save` that finds the input wrong adds the error to the form and returns None: the page is
    shown again with the message, and nothing is lost."""
    if request.method == "POST" and form.is_valid():
        saved = save(form.cleaned_data)
        if saved is not None:
            messages.success(request, done(saved) if callable(done) else done)
            return redirect(next_url(saved) if callable(next_url) else next_url)
    return render_cop(request, access, template, form=form, **context)


def delete_page(
    request,
    access,
    *,
    delete: Callable[[], object],
    template: str,
    done: str,
    next_url: str,
    **context,
):
    """Ask first (a GET shows `template`); a post calls `delete()`, says `done` and goes to
    `next_url`."""
    if request.method == "POST":
        delete()
        messages.success(request, done)
        return redirect(next_url)
    return render_cop(request, access, template, **context)
