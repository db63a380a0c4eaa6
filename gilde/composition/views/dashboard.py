"""Step 2 views: dashboard."""

urlpatterns = []
