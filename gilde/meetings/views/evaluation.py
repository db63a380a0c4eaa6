"""Meetings views: evaluation."""

urlpatterns = []
