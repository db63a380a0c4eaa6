from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

AVAILABLE = {code for code, _name in settings.LANGUAGES}


def remember_language(response, language: str) -> None:
    """Keep a visitor's language choice in a cookie (it also applies when they log in)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.HTTPS,
        httponly=True,
        samesite="Lax",
    )


def chosen_language(request) -> str | None:
    """The language a visitor picked with the switch, if any."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in AVAILABLE else None


def browser_language(request) -> str | None:
    """The first language in the browser's Accept-Language that Gilde speaks, if any: a browser
    that asks for English first gets English, one that asks for Dutch (or anything else first
    and Dutch later) gets Dutch."""
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header[:500]):
        base = code.split("-")[0].lower()
        if base in AVAILABLE:
            return base
    return None


def language_middleware(get_response):
    """Speak the account's language; else the language the visitor chose with the switch; else,
    for an anonymous visitor, the first language their browser asks for that Gilde speaks; else
    Dutch. A chosen language always wins over the browser's."""

    def middleware(request):
        user = getattr(request, "user", None)
        from_browser = False
        if user is not None and user.is_authenticated:
            language = user.language
        else:
            language = chosen_language(request)
            if language is None:
                language = browser_language(request)
                from_browser = True
        language = language if language in AVAILABLE else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = get_response(request)
        patch_vary_headers(response, ["Cookie", "Accept-Language"] if from_browser else ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response

    return middleware


# Features no page of Gilde uses; a page (or anything injected into one) may not ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def is_download(response) -> bool:
    return response.get("Content-Disposition", "").lower().startswith("attachment")


def security_headers_middleware(get_response):
    """Headers Django does not set itself.

    Permissions-Policy on every response. `Cache-Control: no-store` on what is personal, so no
    browser cache or proxy keeps it: every response to a logged-in person and every download,
    unless the view said how to cache it.
    """

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        personal = (user is not None and user.is_authenticated) or is_download(response)
        if personal and "Cache-Control" not in response.headers:
            response["Cache-Control"] = "no-store"
        return response

    return middleware
