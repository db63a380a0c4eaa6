"""Step 8's part of a CoP export (gilde.communities.portability): the results register, the
communication plan and the public page's settings. Reports are left out: they are made again
from the data. Who was involved in a result and which organisations agreed to be named
publicly are not carried yet (the engine's many-to-many rows did not come back on import): the
importing CoP names them again."""

from gilde.communities.portability import Kind, register_portable_part

register_portable_part(
    app="communicate",
    order=90,
    kinds=[
        # Attachments are files, not JSON: the export names none (the link stays).
        Kind(
            "communicate.Result",
            community_path="community",
            exclude=(
                "attachment",
                "attachment_name",
                "attachment_size",
                "people",
                "organisations",
            ),
        ),
        Kind("communicate.PlanItem", community_path="community", exclude=("reminded_for",)),
        Kind("communicate.PublicPage", community_path="community", exclude=("organisations",)),
    ],
)
