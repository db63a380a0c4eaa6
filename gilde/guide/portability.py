"""The guide's part of a CoP export (gilde.communities.portability): the CoP's own work forms."""

from gilde.communities.portability import Kind, register_portable_part

register_portable_part(
    app="guide",
    order=20,
    kinds=[Kind("guide.CustomWorkForm", community_path="community")],
)
