"""Meetings views: notifications."""

urlpatterns = []
