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
