from django.apps import AppConfig


class QuestionConfig(AppConfig):
    name = "gilde.question"
    label = "question"

    def ready(self):
        from . import audit, instruments, notices, now, readiness, starters, workspace  # noqa: F401
