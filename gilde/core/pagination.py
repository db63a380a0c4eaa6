"""Lists that grow with use are shown a page at a time, with the total said out loud."""

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def paginate(request, items, *, per_page: int = PER_PAGE) -> Page:
    """The page of `items` that `?page=` asks for; a missing or odd number gives the first or
    last page instead of an error. Render it with `components/pagination.html`."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
