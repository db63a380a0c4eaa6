"""Step 1's part of a monitoring cycle's evidence: the intended yields per level, so the group
sets what happened beside what it set out to achieve."""

from django.utils.translation import gettext_lazy

from gilde.communities.evidence import EvidenceItem, evidence_provider

from .models import YieldLevel


@evidence_provider(
    key="question.yields", order=10, label=gettext_lazy("What we set out to achieve")
)
def intended_yields(community, period) -> list[EvidenceItem]:
    return [
        EvidenceItem(str(YieldLevel(item.level).label), item.text, level=item.level, ambition=True)
        for item in community.intended_yields.order_by("level", "position", "pk")
    ]
