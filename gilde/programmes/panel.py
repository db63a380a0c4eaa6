"""The CoP settings page's programme panel (gilde.communities.settings_panels): the programmes
that invited the CoP or that it is in, exactly what each sees, and the initiator's buttons."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from gilde.communities.access import Action

from . import selectors


def programme_settings_panel(request, access) -> SafeString | str:
    links = selectors.cop_programme_links(community=access.community)
    if not links:
        return ""
    return render_to_string(
        "programmes/_cop_settings_panel.html",
        {
            "links": links,
            "community": access.community,
            "can_decide": access.can(Action.DECIDE_PROGRAMMES),
            "shared": selectors.shared_definitions(),
            "reflection": selectors.reflection_definition(),
            # The library (library.py): what the facilitators chose to share, counted here.
            "shared_work_forms": access.community.work_forms.filter(
                shared_with_programmes=True
            ).count(),
        },
        request=request,
    )
