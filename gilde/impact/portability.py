"""Step 3's part of a CoP export (gilde.communities.portability)."""

from gilde.communities.portability import Kind, register_portable_part

register_portable_part(
    app="impact",
    order=50,
    kinds=[
        Kind("impact.ImpactAgreement", community_path="membership__community"),
        Kind("impact.OrganisationCommitment", community_path="community"),
    ],
)
