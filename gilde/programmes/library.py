"""The programme's library: the own work forms its member CoPs choose to share.

Who reads it: the programme's managers (/p/<programme>/library/) and the facilitators of its
member CoPs (/c/<slug>/programme-work-forms/). What travels is a form's text and shape and the
name of the CoP that shares it, never who wrote it. A CoP that was only invited, declined or left
shares nothing, and a form its CoP stops sharing is gone at once: every read starts from
`shared_forms`, and the copy service looks its source up there too.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from gilde.guide import services as guide_services
from gilde.guide.models import CustomWorkForm
from gilde.guide.sharing import WorkFormSharing

from .models import LinkStatus, Programme


def member_programmes(community) -> list[Programme]:
    """The programmes `community` is a member of (not only invited, declined or left)."""
    return list(
        Programme.objects.filter(links__community=community, links__status=LinkStatus.MEMBER)
    )


def shared_forms(programmes) -> QuerySet[CustomWorkForm]:
    """The work forms the member CoPs of `programmes` share, with their CoP (one query)."""
    ids = [programme.pk for programme in programmes]
    return (
        CustomWorkForm.objects.filter(
            shared_with_programmes=True,
            # One filter() call: the same link must be to one of these programmes and a member.
            community__programme_links__programme_id__in=ids,
            community__programme_links__status=LinkStatus.MEMBER,
        )
        .select_related("community")
        .distinct()
        .order_by("name", "pk")
    )


def cop_library_forms(community, programmes) -> QuerySet[CustomWorkForm]:
    """What `community`'s facilitators find in its programmes' library: the other CoPs' forms
    (its own are in its own library already)."""
    return shared_forms(programmes).exclude(community=community)


def cop_work_form_sharing(community) -> WorkFormSharing | None:
    """The guide's sharing provider (gilde.guide.sharing): a CoP in a programme may share."""
    programmes = member_programmes(community)
    if not programmes:
        return None
    return WorkFormSharing(
        programmes=tuple(programme.name for programme in programmes),
        library_url=reverse("programmes:cop_library", args=[community.slug]),
    )


@transaction.atomic
def shared_form_copy(*, source: CustomWorkForm, community, actor, programmes) -> CustomWorkForm:
    """Copy a form from the library into `community`'s own library (audit-logged there), noting
    the CoP it came from and the programme (names only, no person)."""
    common = next(
        (
            programme
            for programme in programmes
            if programme.links.filter(
                community_id=source.community_id, status=LinkStatus.MEMBER
            ).exists()
        ),
        programmes[0],
    )
    # In no language: the copy's page says "Copied from …" around it in the reader's.
    origin = f"{source.community.name} ({common.name})"
    return guide_services.work_form_copy(
        source=source, community=community, actor=actor, origin=origin
    )
