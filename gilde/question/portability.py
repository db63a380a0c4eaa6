"""Step 1's part of a CoP export (gilde.communities.portability)."""

from gilde.communities.portability import Kind, register_portable_part

register_portable_part(
    app="question",
    order=30,
    kinds=[
        # The sheet's revision counts saves in this installation only.
        Kind("question.QuestionSheet", community_path="community", exclude=("revision",)),
        Kind(
            "question.QuestionVersion",
            community_path="community",
            children=[Kind("question.VersionComment", parent="version")],
        ),
        Kind("question.UrgencySignal", community_path="community"),
        Kind("question.IntendedYield", community_path="community"),
        Kind("question.Stakeholder", community_path="community"),
        Kind(
            "question.ProblemTree",
            community_path="community",
            children=[Kind("question.ProblemNode", parent="tree")],
        ),
        Kind("question.LayerNotes", community_path="community", exclude=("revision",)),
        Kind("question.CommentRequest", community_path="community"),
    ],
)
