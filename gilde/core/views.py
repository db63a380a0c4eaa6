from django.conf import settings
from django.shortcuts import render


def _installation() -> dict:
    return {
        "operator": settings.GILDE_OPERATOR,
        "contact_email": settings.GILDE_CONTACT_EMAIL,
        "licence": settings.GILDE_LICENCE,
        "licence_url": settings.GILDE_LICENCE_URL,
        "source_url": settings.GILDE_SOURCE_URL,
    }


def home(request):
    return render(request, "core/home.html")


def about(request):
    return render(request, "core/about.html", {"installation": _installation()})


def privacy(request):
    return render(request, "core/privacy.html", {"installation": _installation()})


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "errors/csrf.html", status=403)
