"""Step 2's part of a CoP export (gilde.communities.portability). Imports in progress are left
out: they are a facilitator's unfinished work in this installation."""

from gilde.communities.portability import Kind, register_portable_part

register_portable_part(
    app="composition",
    order=40,
    kinds=[
        Kind("composition.CompositionSettings", community_path="community"),
        Kind("composition.Candidate", community_path="community"),
        Kind("composition.MemberProfile", community_path="membership__community"),
        Kind("composition.Intake", community_path="membership__community"),
    ],
)
