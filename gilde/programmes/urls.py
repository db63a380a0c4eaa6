from django.urls import path

from . import library_views, report_views, views

app_name = "programmes"

urlpatterns = [
    path("p/", views.mine, name="mine"),
    path("p/new/", views.create, name="create"),
    path("p/<slug:programme>/", views.overview, name="overview"),
    path("p/<slug:programme>/export.<str:fmt>", views.export, name="export"),
    path("p/<slug:programme>/report/", report_views.report, name="report"),
    path("p/<slug:programme>/report/make/", report_views.report_generate, name="report_generate"),
    path("p/<slug:programme>/report/status/", report_views.report_status, name="report_status"),
    path("p/<slug:programme>/report/preview/", report_views.report_preview, name="report_preview"),
    path(
        "p/<slug:programme>/report/file.<str:fmt>",
        report_views.report_download,
        name="report_download",
    ),
    path("p/<slug:programme>/settings/", views.settings, name="settings"),
    path("p/<slug:programme>/managers/", views.manager_add, name="manager_add"),
    path(
        "p/<slug:programme>/managers/<int:pk>/remove/",
        views.manager_remove,
        name="manager_remove",
    ),
    path("p/<slug:programme>/invite/", views.invite, name="invite"),
    path("p/<slug:programme>/cops/<slug:slug>/", views.cop, name="cop"),
    path("p/<slug:programme>/cops/<slug:slug>/labels/", views.labels, name="labels"),
    path("c/<slug:slug>/programmes/<slug:programme>/decide/", views.cop_decide, name="cop_decide"),
    path("c/<slug:slug>/programmes/<slug:programme>/share/", views.cop_share, name="cop_share"),
    path("c/<slug:slug>/programmes/<slug:programme>/leave/", views.cop_leave, name="cop_leave"),
]

# The programme's library of shared work forms (library_views.py).
urlpatterns += [
    path(
        "p/<slug:programme>/library/",
        library_views.programme_library,
        name="library",
    ),
    path(
        "p/<slug:programme>/library/<int:shared>/",
        library_views.programme_library_form,
        name="library_form",
    ),
    path("c/<slug:slug>/programme-work-forms/", library_views.cop_library, name="cop_library"),
    path(
        "c/<slug:slug>/programme-work-forms/<int:shared>/",
        library_views.cop_library_form,
        name="cop_library_form",
    ),
    path(
        "c/<slug:slug>/programme-work-forms/<int:shared>/copy/",
        library_views.cop_library_copy,
        name="cop_library_copy",
    ),
]
