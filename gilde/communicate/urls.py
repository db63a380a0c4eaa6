from django.urls import path

from . import views

app_name = "communicate"

C = "c/<slug:slug>/communicate/"

urlpatterns = [
    path(f"{C}results/", views.results, name="results"),
    path(f"{C}results/new/", views.result_new, name="result_new"),
    path(f"{C}results/<int:pk>/edit/", views.result_edit, name="result_edit"),
    path(f"{C}results/<int:pk>/delete/", views.result_delete, name="result_delete"),
    path(f"{C}results/<int:pk>/attachment/", views.result_attachment, name="result_attachment"),
    path(f"{C}plan/", views.plan, name="plan"),
    path(f"{C}plan/defaults/", views.plan_defaults, name="plan_defaults"),
    path(f"{C}plan/new/", views.plan_item_new, name="plan_item_new"),
    path(f"{C}plan/<int:pk>/edit/", views.plan_item_edit, name="plan_item_edit"),
    path(f"{C}plan/<int:pk>/delete/", views.plan_item_delete, name="plan_item_delete"),
    path(f"{C}reports/", views.reports, name="reports"),
    path(f"{C}reports/<int:pk>/", views.report, name="report"),
    path(f"{C}reports/<int:pk>/generate/", views.report_generate, name="report_generate"),
    path(f"{C}reports/<int:pk>/status/", views.report_status, name="report_status"),
    path(f"{C}reports/<int:pk>/preview/", views.report_preview, name="report_preview"),
    path(f"{C}reports/<int:pk>/shared/", views.report_shared, name="report_shared"),
    path(f"{C}reports/<int:pk>/download.<str:fmt>", views.report_download, name="report_download"),
    path(f"{C}public/", views.public_settings, name="public_settings"),
    # The public results page: a stable address outside the members' pages.
    path("results/<slug:slug>/", views.public_page, name="public"),
    path("results/<slug:slug>/field-report.pdf", views.public_field_report, name="public_report"),
    path(
        "results/<slug:slug>/attachments/<int:pk>/",
        views.public_attachment,
        name="public_attachment",
    ),
]
