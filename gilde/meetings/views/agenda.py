"""Meetings views: agenda."""

urlpatterns = []
