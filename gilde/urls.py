from django.contrib import admin
from django.urls import include, path

from gilde.api.urls import api

urlpatterns = [
    path("", include("gilde.core.urls")),
    path("accounts/", include("gilde.accounts.urls")),
    path("", include("gilde.communities.urls")),
    path("", include("gilde.guide.urls")),
    path("", include("gilde.question.urls")),
    path("", include("gilde.composition.urls")),
    path("", include("gilde.meetings.urls")),
    path("", include("gilde.impact.urls")),
    path("", include("gilde.communicate.urls")),
    path("", include("gilde.learning.urls")),
    path("", include("gilde.monitoring.urls")),
    path("", include("gilde.decisions.urls")),
    path("", include("gilde.notifications.urls")),
    path("", include("gilde.programmes.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "gilde.core.views.page_not_found"
handler403 = "gilde.core.views.permission_denied"
handler500 = "gilde.core.views.server_error"
