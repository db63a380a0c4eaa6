"""Meetings views: attendance."""

urlpatterns = []
