"""Step 8's part of a CoP export (gilde.communities.portability): the results register, the
communication plan and the public page's settings. Reports are left out: they are made again
from the data."""

from gilde.communities.portability import Kind, register_portable_part

register_portable_part(
    app="communicate",
    order=90,
    kinds=[
        Kind("communicate.Result", community_path="community"),
        Kind("communicate.PlanItem", community_path="community", exclude=("reminded_for",)),
        Kind("communicate.PublicPage", community_path="community"),
    ],
)
