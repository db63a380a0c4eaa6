from django.apps import AppConfig


class QuestionConfig(AppConfig):
    name = "gilde.question"
    label = "question"

    def ready(self):
        from . import audit, readiness, workspace  # noqa: F401  (register step 1's signals and page)
