from django.apps import AppConfig


class QuestionConfig(AppConfig):
    name = "gilde.question"
    label = "question"

    def ready(self):
        from . import audit, instruments, readiness, workspace  # noqa: F401  (step 1's registrations)
        from . import evidence  # noqa: F401  (the yields beside a monitoring cycle's evidence)
