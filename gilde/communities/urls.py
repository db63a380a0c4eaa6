from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("cops/", views.directory, name="directory"),
    path("cops/mine/", views.mine, name="mine"),
    path("cops/new/", views.create, name="create"),
    path("invite/<str:token>/", views.invitation, name="invitation"),
    path("invite/<str:token>/register/", views.invitation_register, name="invitation_register"),
    path("c/<slug:slug>/", views.detail, name="detail"),
    path("c/<slug:slug>/settings/", views.settings_edit, name="settings"),
    path("c/<slug:slug>/members/", views.members, name="members"),
    path("c/<slug:slug>/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("c/<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("c/<slug:slug>/leave/", views.leave, name="leave"),
    path("c/<slug:slug>/join/", views.join, name="join"),
    path("c/<slug:slug>/apply/", views.apply, name="apply"),
    path(
        "c/<slug:slug>/applications/<int:pk>/decide/",
        views.application_decide,
        name="application_decide",
    ),
    path("c/<slug:slug>/invitations/", views.invite, name="invite"),
    path(
        "c/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("c/<slug:slug>/audit/", views.audit, name="audit"),
    path("c/<slug:slug>/plan/", views.plan, name="plan"),
    path("c/<slug:slug>/plan.pdf", views.plan_pdf, name="plan_pdf"),
]
