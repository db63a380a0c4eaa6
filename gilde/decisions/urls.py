from .views import agreements, feedback, log, outcomes, polls, roles

app_name = "decisions"

urlpatterns = (
    polls.urlpatterns
    + outcomes.urlpatterns
    + log.urlpatterns
    + agreements.urlpatterns
    + roles.urlpatterns
    + feedback.urlpatterns
)
