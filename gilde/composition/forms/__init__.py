"""Forms for step 2, one module per part: pipeline, members, dashboard."""
