from .views import dashboard, members, pipeline

app_name = "composition"

urlpatterns = dashboard.urlpatterns + pipeline.urlpatterns + members.urlpatterns
