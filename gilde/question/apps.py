from django.apps import AppConfig


class QuestionConfig(AppConfig):
    name = "gilde.question"
    label = "question"

    def ready(self):
        from . import audit, instruments, notices, now, readiness, workspace  # noqa: F401  (step 1)
