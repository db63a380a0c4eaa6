"""Writes for a CoP's own work forms; each leaves an audit entry."""

from django.db import transaction

from gilde.core.audit import audit_log

from .models import CustomWorkForm


@transaction.atomic
def work_form_create(*, community, actor, **fields) -> CustomWorkForm:
    form = CustomWorkForm.objects.create(community=community, created_by=actor, **fields)
    audit_log(community=community, actor=actor, action="work_form.added", name=form.name)
    return form


@transaction.atomic
def work_form_update(*, work_form: CustomWorkForm, actor, **fields) -> CustomWorkForm:
    for name, value in fields.items():
        setattr(work_form, name, value)
    work_form.save()
    audit_log(
        community=work_form.community, actor=actor, action="work_form.changed", name=work_form.name
    )
    return work_form


@transaction.atomic
def work_form_delete(*, work_form: CustomWorkForm, actor) -> None:
    audit_log(
        community=work_form.community, actor=actor, action="work_form.deleted", name=work_form.name
    )
    work_form.delete()
