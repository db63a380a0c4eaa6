from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    """Lets the login form see unconfirmed accounts, so it can explain and resend the link,
    while a session of an account that is not (or no longer) active logs nobody in."""

    def user_can_authenticate(self, user) -> bool:
        return True

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


LOGIN_BACKEND = f"{AccountBackend.__module__}.{AccountBackend.__qualname__}"
