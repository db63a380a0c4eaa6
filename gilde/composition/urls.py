from .views import candidate_import, dashboard, member_export, members, pipeline

app_name = "composition"

urlpatterns = (
    dashboard.urlpatterns
    + pipeline.urlpatterns
    + candidate_import.urlpatterns
    + member_export.urlpatterns
    + members.urlpatterns
)
