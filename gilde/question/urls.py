from . import printing
from .views import environment, lists, sheet

app_name = "question"

urlpatterns = sheet.urlpatterns + lists.urlpatterns + environment.urlpatterns + printing.urlpatterns
