from django.apps import AppConfig


class QuestionConfig(AppConfig):
    name = "gilde.question"
    label = "question"

    def ready(self):
        from . import (  # noqa: F401  (step 1's registrations)
            audit,
            evidence,
            instruments,
            notices,
            now,
            personal_data,
            portability,
            printing,
            readiness,
            report,
            starters,
            workspace,
        )
