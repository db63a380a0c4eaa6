"""Reads of a person's notifications: always their own, from the person down."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .kinds import describe_html
from .models import Notification

UNREAD_ANNOTATION = "unread_notification_count"


def unread_subquery():
    """The number of the user's unread notifications, as an expression on the user's row."""
    unread = (
        Notification.objects.filter(user=OuterRef("pk"), read=False)
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), 0)


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read=False).count()


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("community")


def notification_of(user, pk: int) -> Notification | None:
    return Notification.objects.filter(user=user, pk=pk).first()


def notification_rows(notifications) -> list[tuple[Notification, str]]:
    """(notification, its sentence as HTML) for a page."""
    return [(n, describe_html(n.kind, n.params)) for n in notifications]
