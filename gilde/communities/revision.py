"""A CoP's revision: a counter that every write to the CoP's data raises, in the same transaction.

What is computed from a CoP's data and costly to compute again — the step rail's readiness
signals above all — is cached under the CoP's revision (`cached_for`), so a change shows at once
while an unchanged CoP costs nothing. The counter sits on the CoP's row, which every page reads
anyway, so checking it needs no query, and it works across processes and machines.

Saves and deletes of every model in Gilde's apps raise it through signals: the CoP is found from
the object itself (a CoP, a `community_id`, or a parent that has one), and a person's own record
raises the revision of each CoP they belong to. Bulk writes (`update()`, `bulk_create()`) send no
signals: services that use them call `community_touch` themselves.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db.models import F, Model, signals
from django.utils import timezone, translation

from .models import Community

CACHE_SECONDS = 300  # a safety net for what changes with time alone (a meeting that has passed)
_MAX_DEPTH = 3


def community_touch(*, community_id: int | None = None, user_id: int | None = None) -> None:
    """Raise the revision of one CoP, or of every CoP a person belongs to."""
    if community_id is not None:
        Community.objects.filter(pk=community_id).update(revision=F("revision") + 1)
    elif user_id is not None:
        Community.objects.filter(memberships__user_id=user_id).update(revision=F("revision") + 1)


def _community_id(instance: Model, depth: int = 0) -> int | None:
    if isinstance(instance, Community):
        return instance.pk
    if getattr(instance, "community_id", None) is not None:
        return instance.community_id
    if depth >= _MAX_DEPTH:
        return None
    for field in instance._meta.concrete_fields:
        if not field.many_to_one or getattr(instance, field.attname) is None:
            continue
        parent = getattr(instance, field.name, None)
        if parent is not None and (found := _community_id(parent, depth + 1)) is not None:
            return found
    return None


# Programmes are computed from the CoP's data (their stored figures carry the revision they were
# computed at), so writing them must not raise it.
_UNCOUNTED = ("gilde.core.", "gilde.notifications.", "gilde.programmes.")

# A person's fields that CoP pages compute with (the group's composition); a login changes none.
_USER_FIELDS = {"name", "organisation", "industry", "discipline", "function", "knowledge_type"}


def _changed(sender, instance, update_fields=None, **kwargs) -> None:
    if kwargs.get("raw") or not sender.__module__.startswith("gilde."):
        return
    # The CoP's own row is read fresh on every page; the audit log and a person's notifications
    # are not computed from.
    if isinstance(instance, Community) or sender.__module__.startswith(_UNCOUNTED):
        return
    if sender._meta.label == "accounts.User":
        if instance.pk and (update_fields is None or _USER_FIELDS & set(update_fields)):
            community_touch(user_id=instance.pk)
        return
    community_id = _community_id(instance)
    if community_id is not None:
        community_touch(community_id=community_id)


def connect() -> None:
    """Called once from the app's ready()."""
    for signal in (signals.post_save, signals.post_delete):
        signal.connect(_changed, dispatch_uid=f"community-revision-{signal}")
    signals.m2m_changed.connect(_m2m_changed, dispatch_uid="community-revision-m2m")


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(type(instance), instance)


def cached_for(community: Community, name: str, compute: Callable[[], object]) -> object:
    """`compute()`'s result for this CoP at its current revision, in the active language, today."""
    key = ":".join(
        [
            "cop",
            str(community.pk),
            str(community.revision),
            name,
            translation.get_language() or "",
            timezone.localdate().isoformat(),
        ]
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value
