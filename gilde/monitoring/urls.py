from .views import cycles, importing, network, stories, tis

app_name = "monitoring"

urlpatterns = (
    cycles.urlpatterns
    + network.urlpatterns
    + importing.urlpatterns
    + tis.urlpatterns
    + stories.urlpatterns
)
