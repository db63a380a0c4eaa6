from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("guide/", views.about, name="about"),
    path("guide/steps/", views.step_list, name="steps"),
    path("guide/steps/<int:number>/", views.step_detail, name="step"),
    path("guide/work-forms/", views.library, name="library"),
    path("guide/work-forms/<slug:key>/", views.work_form_detail, name="work_form"),
    path("c/<slug:slug>/steps/<int:number>/", views.cop_step, name="cop_step"),
    path("c/<slug:slug>/steps/<int:number>/mark/", views.cop_step_mark, name="cop_step_mark"),
    path("c/<slug:slug>/work-forms/", views.cop_library, name="cop_library"),
    path("c/<slug:slug>/work-forms/new/", views.cop_work_form_edit, name="cop_work_form_new"),
    path("c/<slug:slug>/work-forms/<int:pk>/", views.cop_work_form, name="cop_work_form"),
    path(
        "c/<slug:slug>/work-forms/<int:pk>/edit/",
        views.cop_work_form_edit,
        name="cop_work_form_edit",
    ),
    path(
        "c/<slug:slug>/work-forms/<int:pk>/delete/",
        views.cop_work_form_delete,
        name="cop_work_form_delete",
    ),
    # A built-in work form seen from inside a CoP: the page keeps the CoP's navigation.
    path(
        "c/<slug:slug>/work-forms/<slug:key>/",
        views.cop_builtin_work_form,
        name="cop_builtin_work_form",
    ),
]
