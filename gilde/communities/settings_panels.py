"""Parts of a CoP's settings page that apps above communities add (a programme's invitations and
what it sees, gilde/programmes/).

An app registers `panel(request, access) -> SafeString` from its `AppConfig.ready()` with
`register_settings_panel`; the function returns a rendered template (`render_to_string`, which is
safe markup) or "" when it has nothing to show to this viewer. It asks `access` itself what the
viewer may do.
"""

from collections.abc import Callable

from django.utils.safestring import SafeString

Panel = Callable[..., SafeString | str]
_PANELS: list[Panel] = []


def register_settings_panel(panel: Panel) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def settings_panels(request, access) -> list[SafeString]:
    """The rendered panels for this viewer, without the empty ones."""
    rendered = (panel(request, access) for panel in _PANELS)
    return [html for html in rendered if isinstance(html, SafeString) and html]
