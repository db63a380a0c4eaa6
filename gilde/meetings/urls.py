from . import printing
from .views import (
    agenda,
    agenda_tools,
    attendance,
    calendar,
    evaluation,
    notifications,
    proposals,
)

app_name = "meetings"

urlpatterns = (
    calendar.urlpatterns
    + agenda.urlpatterns
    + agenda_tools.urlpatterns
    + proposals.urlpatterns
    + attendance.urlpatterns
    + evaluation.urlpatterns
    + notifications.urlpatterns
    + printing.urlpatterns
)
