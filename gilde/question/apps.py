from django.apps import AppConfig


class QuestionConfig(AppConfig):
    name = "gilde.question"
    label = "question"

    def ready(self):
        from . import audit, instruments, personal_data, portability, readiness, workspace  # noqa: F401  (step 1's registrations)  # noqa: F401  (personal data, CoP export)
