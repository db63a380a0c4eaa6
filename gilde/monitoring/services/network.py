"""Writes for the social map: kinds of tie, outside actors, ties, network answers, imports."""

from datetime import date

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from gilde.communities.models import Community, Membership
from gilde.core.audit import audit_log

from ..models import (
    BuiltInTieKind,
    MonitoringSettings,
    NetworkAnswer,
    OutsideActor,
    Tie,
    TieKind,
    TieOrigin,
)
from .errors import MonitoringError


def tie_kinds_ensure(*, community: Community) -> list[TieKind]:
    """The CoP's kinds of tie, creating the four built-in ones the first time."""
    kinds = list(community.tie_kinds.all())
    have = {kind.key for kind in kinds}
    missing = [key for key in BuiltInTieKind.values if key not in have]
    if missing:
        with transaction.atomic():
            for position, key in enumerate(BuiltInTieKind.values):
                if key in missing:
                    TieKind.objects.get_or_create(
                        community=community, key=key, defaults={"position": position}
                    )
        kinds = list(community.tie_kinds.all())
    return kinds


def tie_kind_add(*, community: Community, actor, name: str) -> TieKind:
    name = name.strip()
    if not name:
        raise MonitoringError("kind_name", _("Give the kind of tie a name."))
    with transaction.atomic():
        existing = [kind.label.lower() for kind in tie_kinds_ensure(community=community)]
        if name.lower() in existing:
            raise MonitoringError("kind_exists", _("This kind of tie exists already."))
        kind = TieKind.objects.create(community=community, name=name, position=len(existing))
        audit_log(community=community, actor=actor, action="tie_kind.added", name=name)
    return kind


def outside_actor_get_or_add(
    *, community: Community, actor, name: str, kind: str
) -> tuple[OutsideActor, bool]:
    """The CoP's outside actor with this name (any case), or a new one."""
    name = " ".join(name.split())
    if not name:
        raise MonitoringError("actor_name", _("Give the outside actor a name."))
    found = (
        community.outside_actors.annotate(lower=Lower("name")).filter(lower=name.lower()).first()
    )
    if found is not None:
        return found, False
    with transaction.atomic():
        created = OutsideActor.objects.create(community=community, name=name, kind=kind)
        audit_log(community=community, actor=actor, action="outside_actor.added", name=name)
    return created, True


def _check_tie(
    community: Community,
    member: Membership,
    other_member: Membership | None,
    outside: OutsideActor | None,
    kind: TieKind,
    started_on: date,
    ended_on: date | None,
) -> None:
    if (other_member is None) == (outside is None):
        raise MonitoringError("other_end", _("Choose one other end: a member or an outside actor."))
    if other_member is not None and other_member.pk == member.pk:
        raise MonitoringError(
            "oneself", _("A tie joins two different people, not someone to themselves.")
        )
    for end in (member, other_member, outside, kind):
        if end is not None and end.community_id != community.pk:
            raise MonitoringError("other_cop", _("Both ends must belong to this CoP."))
    if ended_on is not None and ended_on < started_on:
        raise MonitoringError("end_before_start", _("The end lies before the start."))


def _ordered(member: Membership, other_member: Membership | None):
    if other_member is not None and other_member.pk < member.pk:
        return other_member, member
    return member, other_member


def tie_add(
    *,
    community: Community,
    actor,
    member: Membership,
    kind: TieKind,
    started_on: date,
    other_member: Membership | None = None,
    outside: OutsideActor | None = None,
    ended_on: date | None = None,
    note: str = "",
    origin: str = TieOrigin.MANUAL,
    reported_by: Membership | None = None,
    audit: bool = True,
) -> Tie:
    """Add a tie; refuses a tie to oneself, an end before the start, or ends of another CoP."""
    _check_tie(community, member, other_member, outside, kind, started_on, ended_on)
    member, other_member = _ordered(member, other_member)
    with transaction.atomic():
        tie = Tie.objects.create(
            community=community,
            member=member,
            other_member=other_member,
            actor=outside,
            kind=kind,
            started_on=started_on,
            ended_on=ended_on,
            note=note,
            origin=origin,
            reported_by=reported_by,
        )
        if audit:
            audit_log(community=community, actor=actor, action="tie.added", kind=kind.label)
    return tie


def tie_update(
    *, tie: Tie, actor, kind: TieKind, started_on: date, ended_on: date | None, note: str
) -> Tie:
    community = tie.community
    other = tie.other_member
    _check_tie(community, tie.member, other, tie.actor, kind, started_on, ended_on)
    with transaction.atomic():
        tie.kind, tie.started_on, tie.ended_on, tie.note = kind, started_on, ended_on, note
        tie.updated_at = timezone.now()
        tie.save()
        audit_log(community=community, actor=actor, action="tie.changed", kind=kind.label)
    return tie


def tie_remove(*, tie: Tie, actor) -> None:
    with transaction.atomic():
        community = tie.community
        kind = tie.kind.label
        tie.delete()
        audit_log(community=community, actor=actor, action="tie.removed", kind=kind)


def _has_open_tie(community, member, other_member, outside, kind) -> bool:
    member, other_member = _ordered(member, other_member)
    return community.ties.filter(
        member=member,
        other_member=other_member,
        actor=outside,
        kind=kind,
        ended_on__isnull=True,
    ).exists()


def network_answer_save(
    *,
    membership: Membership,
    meeting_id: int,
    meeting_day: date,
    kind: TieKind,
    members: list[Membership],
    actors: list[OutsideActor],
    new_actor_names: list[str],
    new_actor_kind: str,
    note: str = "",
) -> tuple[NetworkAnswer, int]:
    """Record a member's answer to the network question after a meeting: a tie from them to
    each person and outside actor they name (none: an answer too), dated on the meeting's day.
    A tie of the same kind that holds already is not added twice. Returns the answer and the
    number of new ties."""
    community = membership.community
    user = membership.user
    added = 0
    with transaction.atomic():
        answer, _created = NetworkAnswer.objects.get_or_create(
            community=community, membership=membership, meeting_id=meeting_id
        )
        outside = list(actors)
        for name in new_actor_names:
            found, _new = outside_actor_get_or_add(
                community=community, actor=user, name=name, kind=new_actor_kind
            )
            outside.append(found)
        for other in members:
            if other.pk == membership.pk or _has_open_tie(community, membership, other, None, kind):
                continue
            tie_add(
                community=community,
                actor=user,
                member=membership,
                other_member=other,
                kind=kind,
                started_on=meeting_day,
                note=note,
                origin=TieOrigin.ANSWER,
                reported_by=membership,
                audit=False,
            )
            added += 1
        for actor in {a.pk: a for a in outside}.values():
            if _has_open_tie(community, membership, None, actor, kind):
                continue
            tie_add(
                community=community,
                actor=user,
                member=membership,
                outside=actor,
                kind=kind,
                started_on=meeting_day,
                note=note,
                origin=TieOrigin.ANSWER,
                reported_by=membership,
                audit=False,
            )
            added += 1
        audit_log(community=community, actor=user, action="network.answered", count=added)
    return answer, added


def ties_import(*, community: Community, actor, rows: list[dict]) -> int:
    """Add the checked rows of an import (see `importing.check_tie_rows`) all at once, or none."""
    with transaction.atomic():
        for row in rows:
            outside = None
            if row.get("actor_name"):
                outside, _new = outside_actor_get_or_add(
                    community=community, actor=actor, name=row["actor_name"], kind=row["actor_kind"]
                )
            tie_add(
                community=community,
                actor=actor,
                member=row["member"],
                other_member=row.get("other_member"),
                outside=outside,
                kind=row["kind"],
                started_on=row["started_on"],
                ended_on=row.get("ended_on"),
                note=row.get("note", ""),
                origin=TieOrigin.IMPORT,
                audit=False,
            )
        audit_log(community=community, actor=actor, action="ties.imported", count=len(rows))
    return len(rows)


def monitoring_settings_save(
    *, community: Community, actor, network_shared_with_group: bool, cycle_meetings: int
) -> MonitoringSettings:
    with transaction.atomic():
        settings, _created = MonitoringSettings.objects.get_or_create(community=community)
        changed = settings.network_shared_with_group != network_shared_with_group
        settings.network_shared_with_group = network_shared_with_group
        settings.cycle_meetings = cycle_meetings
        settings.save()
        if changed:
            audit_log(
                community=community,
                actor=actor,
                action="network.shared" if network_shared_with_group else "network.unshared",
            )
    return settings
