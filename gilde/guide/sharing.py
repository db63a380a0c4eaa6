"""Whether a CoP's own work forms can travel beyond it, told by an app above the guide.

A programme (gilde/programmes/) keeps a library of the work forms its member CoPs choose to share.
The guide does not know programmes; the programmes app registers one provider, a function
`(community)` that returns a `WorkFormSharing` when the CoP is a member of at least one programme
(None otherwise). The guide's pages use it to offer the share checkbox on a work form's edit page
and a link to the shared library on the CoP's work-form library.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class WorkFormSharing:
    programmes: tuple[str, ...]  # the names of the programmes the CoP is a member of
    library_url: str  # the CoP's page listing what the programmes' CoPs share


Provider = Callable[[object], WorkFormSharing | None]
_PROVIDER: list[Provider] = []


def register_work_form_sharing(provider: Provider) -> None:
    _PROVIDER[:] = [provider]


def work_form_sharing(community) -> WorkFormSharing | None:
    """Where the CoP's own work forms may be shared; None when nowhere."""
    if community is None or not _PROVIDER:
        return None
    return _PROVIDER[0](community)
