from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("confirm/<uidb64>/<token>/", views.confirm, name="confirm"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("profile/data/", views.data_export_request, name="data_export_request"),
    path("profile/data/<uuid:pk>/", views.data_export, name="data_export"),
    path(
        "profile/data/<uuid:pk>/download/", views.data_export_download, name="data_export_download"
    ),
    path("profile/delete/", views.account_delete, name="account_delete"),
    path("password/change/", views.password_change, name="password_change"),
    path("language/", views.set_language, name="set_language"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
]
