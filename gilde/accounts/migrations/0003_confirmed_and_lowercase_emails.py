"""Existing accounts: when was the address confirmed, and one lower-case spelling per address.

Until now `is_active` meant both "confirmed" and "not deactivated by staff". An active account had
confirmed its address (or registered through an invitation). An inactive account that has logged
in before was deactivated by staff: it keeps `is_active=False` and counts as confirmed. An inactive
account that never logged in was waiting for its confirmation: it becomes an active, unconfirmed
account, which expires like every unconfirmed account does.

Addresses are stored in lower case from now on. Where two accounts differ only in case, the one
that wins keeps the address: a confirmed one before an unconfirmed one, then the one that logged in
last, then the oldest. The others are not merged (that could hand one person's data to another)
nor deleted: they are deactivated and renamed to an address under the reserved `.invalid` domain
that keeps the old one readable, so staff can find them in the admin and sort them out.
"""

from django.db import migrations
from django.db.models.functions import Lower


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(is_active=True, email_confirmed_at__isnull=True):
        user.email_confirmed_at = user.date_joined
        user.save(update_fields=["email_confirmed_at"])
    for user in User.objects.filter(is_active=False, last_login__isnull=False):
        user.email_confirmed_at = user.date_joined
        user.save(update_fields=["email_confirmed_at"])
    User.objects.filter(is_active=False, last_login__isnull=True).update(is_active=True)

    groups = {}
    for user in User.objects.annotate(address=Lower("email")).order_by("pk"):
        groups.setdefault(user.address.strip(), []).append(user)
    for address, users in groups.items():
        users.sort(
            key=lambda u: (
                u.email_confirmed_at is None,
                not u.is_active,
                -(u.last_login.timestamp() if u.last_login else 0),
                u.pk,
            )
        )
        winner, *others = users
        for other in others:
            local, _, domain = address.partition("@")
            other.email = f"{local}@{domain}.duplicate-{other.pk}.invalid"
            other.is_active = False
            other.save(update_fields=["email", "is_active"])
        if winner.email != address:
            winner.email = address
            winner.save(update_fields=["email"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_confirmed_shared_sector")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
