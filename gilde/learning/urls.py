from django.urls import path

from .views import buddies, canvas, experiments, record

app_name = "learning"

P = "c/<slug:slug>/learning/"

urlpatterns = [
    path(P, record.record, name="record"),
    path(P + "goals/", record.goals_edit, name="goals"),
    path(P + "goals/sharing/", record.goals_tier, name="goals_tier"),
    path(P + "goals/history/", record.goals_history, name="goals_history"),
    path(P + "entries/new/", record.entry_new, name="entry_new"),
    path(P + "entries/<int:entry>/edit/", record.entry_edit, name="entry_edit"),
    path(P + "entries/<int:entry>/sharing/", record.entry_tier, name="entry_tier"),
    path(P + "entries/<int:entry>/delete/", record.entry_delete, name="entry_delete"),
    path(P + "entries/<int:entry>/attachment/", record.attachment, name="attachment"),
    path(P + "meetings/<int:meeting>/take-away/", record.takeaway, name="takeaway"),
    path(P + "shared/", record.group, name="group"),
    path(P + "experiments/", experiments.experiments, name="experiments"),
    path(P + "experiments/new/", experiments.experiment_new, name="experiment_new"),
    path(P + "experiments/<int:experiment>/", experiments.experiment_detail, name="experiment"),
    path(
        P + "experiments/<int:experiment>/edit/",
        experiments.experiment_edit,
        name="experiment_edit",
    ),
    path(
        P + "experiments/<int:experiment>/status/",
        experiments.experiment_status,
        name="experiment_status",
    ),
    path(
        P + "experiments/<int:experiment>/check-in/",
        experiments.experiment_checkin,
        name="experiment_checkin",
    ),
    path(
        P + "experiments/<int:experiment>/report/",
        experiments.experiment_report,
        name="experiment_report",
    ),
    path(
        P + "meetings/<int:meeting>/experiment-round/",
        experiments.experiment_round,
        name="experiment_round",
    ),
    path(P + "buddies/", buddies.buddies, name="buddies"),
    path(P + "buddies/new/", buddies.buddies_new, name="buddies_new"),
    path(P + "buddies/<int:period>/", buddies.buddy_period, name="buddy_period"),
    path(P + "buddies/<int:period>/delete/", buddies.buddy_period_delete, name="buddy_delete"),
    path(P + "canvases/", canvas.canvases, name="canvases"),
    path(P + "canvases/new/", canvas.canvas_new, name="canvas_new"),
    path(P + "canvases/<int:canvas>/", canvas.canvas_detail, name="canvas"),
    path(P + "canvases/<int:canvas>/edit/", canvas.canvas_edit, name="canvas_edit"),
    path(P + "canvases/<int:canvas>/history/", canvas.canvas_history, name="canvas_history"),
    path(P + "canvases/<int:canvas>/print/", canvas.canvas_print, name="canvas_print"),
    path(P + "canvases/<int:canvas>/steps/new/", canvas.step_edit, name="step_new"),
    path(P + "canvases/<int:canvas>/steps/<int:step>/edit/", canvas.step_edit, name="step_edit"),
    path(
        P + "canvases/<int:canvas>/steps/<int:step>/delete/", canvas.step_delete, name="step_delete"
    ),
    path(
        P + "canvases/<int:canvas>/steps/<int:step>/experiment/",
        canvas.step_experiment,
        name="step_experiment",
    ),
    path(
        P + "canvases/<int:canvas>/steps/<int:step>/agenda/", canvas.step_agenda, name="step_agenda"
    ),
    path(P + "canvases/<int:canvas>/steps/<int:step>/poll/", canvas.step_poll, name="step_poll"),
]
