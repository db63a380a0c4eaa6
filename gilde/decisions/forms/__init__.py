"""Forms for step 5: they validate; the services write."""
