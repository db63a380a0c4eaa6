"""Gilde's settings: everything comes from the environment, with defaults that run out of the box.

Each variable is documented in the README. The small helpers below keep parsing in one place.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DATA_DIR = Path(env_str("GILDE_DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY when given; otherwise generate one once and keep it in the data folder."""
    if key := env_str("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("GILDE_DEBUG")
ALLOWED_HOSTS = env_list("GILDE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
HTTPS = env_bool("GILDE_HTTPS")
CSRF_TRUSTED_ORIGINS = [
    f"{'https' if HTTPS else 'http'}://{host}" for host in ALLOWED_HOSTS if host != "*"
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "template_partials",
    "django_htmx",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "gilde.core",
    "gilde.accounts",
    "gilde.notifications",
    "gilde.communities",
    "gilde.guide",
    "gilde.question",
    "gilde.composition",
    "gilde.meetings",
    "gilde.impact",
    "gilde.learning",
    "gilde.monitoring",
    "gilde.decisions",
    "gilde.communicate",
    "gilde.programmes",
    "gilde.api",
    "gilde.demo",
]

MIDDLEWARE = [
    "gilde.core.health.health_middleware",  # /healthz and /readyz, before everything else
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gilde.core.middleware.language_middleware",
    "gilde.core.middleware.security_headers_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gilde.urls"
WSGI_APPLICATION = "gilde.wsgi.application"

# Forms render with Gilde's field template (no colon after a checkbox label).
FORM_RENDERER = "gilde.core.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "gilde.notifications.context_processors.bell",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'gilde.sqlite3'}"),
        conn_max_age=int(env_str("GILDE_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work beside one writer; IMMEDIATE plus a busy timeout makes a second
    # writer wait for the lock instead of failing with "database is locked". Connections stay
    # open like PostgreSQL's (GILDE_DB_CONN_MAX_AGE): when the last connection to a WAL database
    # closes, SQLite checkpoints and removes the WAL, which made every request pay for it
    # (benchmarks/RESULTS.md: a logged-in minimal page went from 195 to 675 requests/s).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too, not shared memory, so they meet the same locking as production.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Inactive (unconfirmed) accounts reach the login form's check, which explains what to do.
    "gilde.accounts.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "communities:mine"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling: five failures for one account lock it for fifteen minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field, which holds the e-mail address
# Failures count per account, whatever the case of the address typed.
AXES_USERNAME_CALLABLE = "gilde.accounts.backends.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gilde.accounts.views.locked_out"
AXES_VERBOSE = False

# Language and time: Dutch first, English second; times in Amsterdam.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "gilde_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

# E-mail: the console by default; GILDE_EMAIL_URL (smtp://user:pass@host:587/?tls=True) or the
# usual EMAIL_* variables for a real server.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Gilde <gilde@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if email_url := env_str("GILDE_EMAIL_URL"):
    _email = dj_email_url.parse(email_url)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    # file:///path/to/folder writes each message to a file there (for trials and the drills).
    EMAIL_FILE_PATH = "/" + _email["EMAIL_FILE_PATH"] if _email["EMAIL_FILE_PATH"] else None
elif env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds to wait for the mail server before a send fails (the worker sends, never a request).
EMAIL_TIMEOUT = int(env_str("GILDE_EMAIL_TIMEOUT", "10"))

# Security headers. A nonce-based policy: no inline script, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "gilde.core.views.csrf_failure"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GILDE_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Background tasks (e-mail): a queue in the database, worked off by `gilde worker`.
# GILDE_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs them in the request.
TASKS = {
    "default": {
        "BACKEND": env_str("GILDE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# A task still running after this long lost its worker (killed, crashed): it runs again.
GILDE_TASK_STALE_SECONDS = int(env_str("GILDE_TASK_STALE_SECONDS", "900"))

# How long an invitation link stays valid.
GILDE_INVITATION_DAYS = 14

# How long an account may wait for its e-mail address to be confirmed before it is deleted.
GILDE_UNCONFIRMED_DAYS = 7

# How many reverse proxies in front of Gilde append to X-Forwarded-For (0: clients connect
# directly). E-mail limits per client count the address the outermost proxy saw.
GILDE_PROXIES = int(env_str("GILDE_PROXIES", "0"))

# The address people reach Gilde at, used for links in e-mails.
GILDE_BASE_URL = env_str("GILDE_BASE_URL", f"http://127.0.0.1:{env_str('PORT', '8000')}")

# Axes warns that locking by account alone lets an attacker rotate addresses; that is the point:
# the lock protects one account (five failures, fifteen minutes) without locking out a whole office
# behind one address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# The installation's public face: who runs it, how to reach them, and under which licence the
# software is offered (the "about" and privacy pages show these; empty values are said plainly).
GILDE_OPERATOR = env_str("GILDE_OPERATOR")
GILDE_CONTACT_EMAIL = env_str("GILDE_CONTACT_EMAIL")
GILDE_LICENCE = env_str("GILDE_LICENCE")
GILDE_LICENCE_URL = env_str("GILDE_LICENCE_URL")
GILDE_SOURCE_URL = env_str("GILDE_SOURCE_URL")
