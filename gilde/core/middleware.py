from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

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


def language_middleware(get_response):
    """Speak the account's language, else the visitor's chosen one, else Dutch.

    The browser's Accept-Language is deliberately ignored: Gilde is Dutch first, and English is a
    choice a person makes with the switch in the header.
    """

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.language
        else:
            language = chosen_language(request)
        language = language if language in AVAILABLE else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response

    return middleware
