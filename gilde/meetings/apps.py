from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gilde.meetings"
    label = "meetings"
