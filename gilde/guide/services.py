"""Writes for a CoP's own work forms; each leaves an audit entry."""

from django.db import transaction

from gilde.core.audit import audit_log, delete_logged, save_logged

from .models import CustomWorkForm


@transaction.atomic
def work_form_create(*, community, actor, **fields) -> CustomWorkForm:
    form = CustomWorkForm.objects.create(community=community, created_by=actor, **fields)
    audit_log(community=community, actor=actor, action="work_form.added", name=form.name)
    return form


@transaction.atomic
def work_form_update(*, work_form: CustomWorkForm, actor, **fields) -> CustomWorkForm:
    return save_logged(
        work_form,
        fields=fields,
        community=work_form.community,
        actor=actor,
        action="work_form.changed",
        name=fields.get("name", work_form.name),
    )


@transaction.atomic
def work_form_delete(*, work_form: CustomWorkForm, actor) -> None:
    delete_logged(
        work_form,
        community=work_form.community,
        actor=actor,
        action="work_form.deleted",
        name=work_form.name,
    )


@transaction.atomic
def work_form_share(*, work_form: CustomWorkForm, actor, share: bool) -> bool:
    """Share the form with the programmes the CoP is in (or stop); True when it changed."""
    if work_form.shared_with_programmes == share:
        return False
    work_form.shared_with_programmes = share
    work_form.save(update_fields=["shared_with_programmes"])
    action = "work_form.shared" if share else "work_form.unshared"
    audit_log(community=work_form.community, actor=actor, action=action, name=work_form.name)
    return True


@transaction.atomic
def work_form_copy(*, source: CustomWorkForm, community, actor, origin: str) -> CustomWorkForm:
    """Copy another CoP's form into `community`'s library, noting `origin` (names, no person)."""
    fields = {name: getattr(source, name) for name in CustomWorkForm.CONTENT_FIELDS}
    copy = CustomWorkForm.objects.create(
        community=community, created_by=actor, copied_from=origin[:300], **fields
    )
    audit_log(
        community=community, actor=actor, action="work_form.copied", name=copy.name, origin=origin
    )
    return copy
