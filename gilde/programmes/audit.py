"""The audit-log sentences of what happens between a CoP and a programme (in the CoP's log)."""

from django.utils.translation import gettext_lazy as _

from gilde.core.audit import register_audit_messages

register_audit_messages(
    {
        "programme.invited": _("invited the CoP into the programme %(programme)s"),
        "programme.joined": _("joined the programme %(programme)s"),
        "programme.declined": _("declined the invitation of the programme %(programme)s"),
        "programme.left": _("left the programme %(programme)s"),
        "programme.reflection_shared": _(
            "shared the latest monitoring reflection with the programme %(programme)s"
        ),
        "programme.reflection_withheld": _(
            "stopped sharing the monitoring reflection with the programme %(programme)s"
        ),
    },
)
