"""Step 2 views: pipeline."""

urlpatterns = []
