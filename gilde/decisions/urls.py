from .views import agreements, feedback, log, polls, roles

app_name = "decisions"

urlpatterns = (
    polls.urlpatterns
    + log.urlpatterns
    + agreements.urlpatterns
    + roles.urlpatterns
    + feedback.urlpatterns
)
