"""Views for step 5, one module per part."""
