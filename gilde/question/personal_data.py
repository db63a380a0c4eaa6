"""Step 1's part of a person's data (gilde.core.personal_data): the versions of the question
they saved, their comments, the urgency signals they added and the requests to comment they had.
What they wrote is the group's work: it stays, under "former member", when they delete their
account."""

from django.utils.translation import gettext_lazy as _

from gilde.core.personal_data import register_personal_data

from .models import CommentRequest, QuestionVersion, UrgencySignal, VersionComment


def _export(user) -> dict:
    return {
        "versions_saved": [
            {
                "cop": v.community.name,
                "number": v.number,
                "note": v.note,
                "core_question": v.core_question,
                "created_at": v.created_at.isoformat(),
            }
            for v in QuestionVersion.objects.filter(author=user)
            .select_related("community")
            .order_by("created_at", "pk")
        ],
        "comments": [
            {
                "cop": c.version.community.name,
                "version": c.version.number,
                "comment": c.body,
                "created_at": c.created_at.isoformat(),
            }
            for c in VersionComment.objects.filter(author=user)
            .select_related("version__community")
            .order_by("created_at", "pk")
        ],
        "urgency_signals_added": [
            {"cop": s.community.name, "title": s.title, "date": s.date.isoformat()}
            for s in UrgencySignal.objects.filter(added_by=user)
            .select_related("community")
            .order_by("created_at", "pk")
        ],
        "asked_to_comment": [
            {
                "cop": r.community.name,
                "asked_at": r.created_at.isoformat(),
                "answered": r.answered_at is not None,
            }
            for r in CommentRequest.objects.filter(membership__user=user)
            .select_related("community")
            .order_by("created_at", "pk")
        ],
    }


def _erase(user) -> None:
    """What the person wrote belongs to the group's question and stays; requests to comment
    that they never answered go."""
    CommentRequest.objects.filter(membership__user=user, answered_at__isnull=True).delete()


register_personal_data(
    app="question",
    title=_("Step 1: the question"),
    models=[
        "question.QuestionVersion",
        "question.VersionComment",
        "question.UrgencySignal",
        "question.CommentRequest",
    ],
    export=_export,
    erase=_erase,
)
