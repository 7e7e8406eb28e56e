"""Settings for the chambers order-drafting app.

Every deployment-specific value comes from the environment through django-environ:

- ``DATABASE_URL``: unset means the embedded SQLite file ``var/db.sqlite3``;
  ``postgres://user@host:5432/name`` means PostgreSQL through psycopg2.
- ``SECRET_KEY``, ``DEBUG`` (off unless set: ``scripts/start``'s development server sets it),
  ``ALLOWED_HOSTS``.
- ``SEARCH_BACKEND``: ``postgres`` or ``simple``; unset means the one the database supports.

``chambers.settings_production`` builds on this module and refuses to start without a
real secret key.
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]", "testserver"]),
    SECRET_KEY=(str, "django-insecure-development-key-not-for-production"),
)

SECRET_KEY = env("SECRET_KEY")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "formtools",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "orders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Logs every refused request (403/404, CSRF failure, login required) to the audit log.
    "orders.middleware.RefusalAuditMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt for a username + IP that is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "chambers.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "chambers.wsgi.application"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The search engine (orders/search/backends/): "postgres" (full-text) or "simple" (substring
# matching), by default the one the database supports.
SEARCH_BACKEND = env.str(
    "SEARCH_BACKEND",
    default="postgres" if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" else "simple",
)

# ``renders``: rendered PDFs and page images, keyed by content and shared by every worker process
# (orders/pdf/cache.py). A file cache by default; ``RENDER_CACHE_URL=redis://…`` when the app
# runs on more than one host.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://"),
    "renders": env.cache_url("RENDER_CACHE_URL", default=f"filecache://{VAR_DIR / 'cache' / 'renders'}"),
}
CACHES["renders"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 2000)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
# A form refused by the CSRF check (all cookies gone) shows the text it carried, never a debug page.
CSRF_FAILURE_VIEW = "orders.drafting.views.csrf_failure"
LOGIN_REDIRECT_URL = "orders:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"

# Uploads: a docket report is at most 10 MB (orders.dockets.reading.MAX_DOCKET_BYTES; the import page
# stops receiving a larger file). A file past 256 KB streams to a temporary file on disk instead of
# the worker's memory (50 past orders of 9.9 MB in one POST held 2 GB); a request carries at most
# 60 files (the past-order form takes 50 and says so); other form data keeps Django's 2.5 MB limit.
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 60

# Signing (orders/services/signing.py, orders/pdf/preflight.py). The filing copy and a signed
# upload must be under the court's CM/ECF file size limit: set FILING_PDF_MAX_BYTES to it.
FILING_PDF_MAX_BYTES = env.int("FILING_PDF_MAX_BYTES", default=10 * 1024 * 1024)
# PEM files of the certificate authorities whose judges' signatures are trusted; with
# SIGNATURE_REQUIRE_TRUST a signature by any other certificate is refused (without it, it is
# accepted when cryptographically intact, and shown as not trusted).
SIGNATURE_TRUST_ROOTS = env.list("SIGNATURE_TRUST_ROOTS", default=[])
SIGNATURE_REQUIRE_TRUST = env.bool("SIGNATURE_REQUIRE_TRUST", default=False)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Django's form renderer, with the commonest widgets drawn without the template engine.
FORM_RENDERER = "orders.form_renderer.FastWidgetRenderer"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10  # one working day
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one IP address, that pair is locked out for the cool-off time.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind a proxy every client shares its address: the client's is read from X-Forwarded-For, as
# appended by this many trusted proxies (0: no proxy, the header is ignored). orders.http.client_ip.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "orders.http.client_ip"

# Content-Security-Policy (django-csp): everything from our own origin, no inline scripts or
# styles, page previews may be data: images; nothing may frame the app.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "orders": {"handlers": ["console"], "level": env("ORDERS_LOG_LEVEL", default="INFO")},
    },
}
