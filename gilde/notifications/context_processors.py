"""The bell in the header: how many notifications the person has not read.

The count comes with the session's user row (`selectors.UNREAD_ANNOTATION`, registered with the
accounts backend), so the bell costs no query of its own; a user loaded another way (a test's
`force_login` then a fresh request still goes through the backend) falls back to one query.
"""

from functools import cache

from .selectors import UNREAD_ANNOTATION, unread_count


def bell(request) -> dict:
    user = getattr(request, "user", None)

    @cache
    def count() -> int:
        if user is None or not user.is_authenticated:
            return 0
        annotated = getattr(user, UNREAD_ANNOTATION, None)
        return annotated if annotated is not None else unread_count(user)

    # A template calls a callable when it reads it; `cache` keeps that to one look per page.
    return {"unread_notifications": count}
