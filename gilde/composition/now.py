"""Step 2 on the CoP's home: the "begin here" item for finding the group."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from gilde.communities.first_steps import FirstStep, first_step
from gilde.communities.models import Membership, Role

from .models import Candidate


@first_step(order=30)
def group_started(community) -> FirstStep:
    """Done once there is a first participant, or a first candidate in the pipeline."""
    started = Exists(
        Membership.objects.filter(community=OuterRef("pk"), role=Role.PARTICIPANT)
    ) | Exists(Candidate.objects.filter(community=OuterRef("pk")))
    return FirstStep(
        title=_("Find the group: diverse participants from different organisations"),
        url=reverse("composition:candidates", kwargs={"slug": community.slug}),
        done=started,
        hint=_("Collect candidates first; invite them once the question is clear."),
    )
