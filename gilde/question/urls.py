from . import printing
from .views import analysis, environment, lists, sheet

app_name = "question"

urlpatterns = (
    sheet.urlpatterns
    + lists.urlpatterns
    + environment.urlpatterns
    + analysis.urlpatterns
    + printing.urlpatterns
)
