from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

AVAILABLE = {code for code, _name in settings.LANGUAGES}


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
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in AVAILABLE:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response

    return middleware
