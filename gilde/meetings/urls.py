from .views import agenda, attendance, calendar, evaluation, notifications

app_name = "meetings"

urlpatterns = (
    calendar.urlpatterns
    + agenda.urlpatterns
    + attendance.urlpatterns
    + evaluation.urlpatterns
    + notifications.urlpatterns
)
