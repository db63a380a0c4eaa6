"""Meetings views: calendar."""

urlpatterns = []
