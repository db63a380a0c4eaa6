from . import printing
from .views import agenda, agenda_tools, attendance, calendar, evaluation, notifications

app_name = "meetings"

urlpatterns = (
    calendar.urlpatterns
    + agenda.urlpatterns
    + agenda_tools.urlpatterns
    + attendance.urlpatterns
    + evaluation.urlpatterns
    + notifications.urlpatterns
    + printing.urlpatterns
)
