"""Step 2 views: members."""

urlpatterns = []
