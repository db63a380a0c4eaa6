from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("c/<slug:slug>/impact/", views.overview, name="overview"),
    path("c/<slug:slug>/impact/members/<int:pk>/", views.member, name="member"),
    path("c/<slug:slug>/impact/commitments/new/", views.commitment_new, name="commitment_new"),
    path(
        "c/<slug:slug>/impact/commitments/<int:pk>/edit/",
        views.commitment_edit,
        name="commitment_edit",
    ),
    path(
        "c/<slug:slug>/impact/commitments/<int:pk>/delete/",
        views.commitment_delete,
        name="commitment_delete",
    ),
]
