"""PDF downloads, made by WeasyPrint from the same kind of HTML template as a page.

A printable document is a template that extends `print/base.html` (its stylesheet is
`static/css/print.css`). `printable_response` renders it as a page to print from the browser, or,
with `as_pdf`, as a PDF download. WeasyPrint fetches nothing over the network: the stylesheet and
images are read from the static files, and any other address is refused. Every PDF is personal
(`Cache-Control: no-store`, an attachment).
"""

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import formats, timezone

BASE_URL = "https://gilde.invalid/"  # never fetched: static paths resolve to files below


class RefusedFetch(ValueError):
    pass


def _static_file(url: str) -> Path | None:
    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        return None
    name = path.removeprefix(settings.STATIC_URL)
    # A hashed name from the manifest storage ("gilde.1a2b3c.css") also finds the source file.
    found = finders.find(name)
    if found is None and "." in name:
        stem, _hash, suffix = name.rsplit(".", 2) if name.count(".") >= 2 else (name, "", "")
        found = finders.find(f"{stem}.{suffix}") if suffix else None
    return Path(found) if found else None


def _static_fetcher():
    """A WeasyPrint fetcher that serves static files from disk and refuses everything else, so
    no request leaves the server while a PDF is made."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = _static_file(url)
            if path is None:
                raise RefusedFetch(f"Not fetched while making a PDF: {url}")
            mime_type, _encoding = mimetypes.guess_type(path.name)
            return URLFetcherResponse(
                url, path.read_bytes(), {"Content-Type": mime_type or "application/octet-stream"}
            )

    return StaticOnly(allowed_protocols=("https",))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only PDFs need

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_static_fetcher()).write_pdf()


def printable_response(
    request, template: str, context: dict, *, filename: str, as_pdf: bool
) -> HttpResponse:
    """The printable page, or with `as_pdf` the same document as a PDF attachment."""
    today = formats.date_format(timezone.localdate(), "j F Y")
    context = {**context, "as_pdf": as_pdf, "pdf_filename": filename, "now_date": today}
    if not as_pdf:
        response = render(request, template, context)
        response["Cache-Control"] = "no-store"
        return response
    html = render_to_string(template, context, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
