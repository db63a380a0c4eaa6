"""Words for moments in step 5's pages and e-mails, in the active language and Dutch time."""

from django.utils import timezone
from django.utils.dateformat import format as date_format

from gilde.core.dates import AMSTERDAM


def slot_label(option) -> str:
    """A date poll's slot as people read it: "dinsdag 5 januari 2027, 14:00"."""
    if option.starts_at is None:
        return option.label
    return date_format(timezone.localtime(option.starts_at, AMSTERDAM), "l j F Y, H:i")
