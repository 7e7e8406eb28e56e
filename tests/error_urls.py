"""The app's URLs plus views that fail, for the tests of the error pages (tests/test_error_pages.py,
tests/test_accessibility.py): a bug (500), the database gone (503), a tampered request (400)."""

from django.core.exceptions import SuspiciousOperation
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from chambers.urls import handler400, handler403, handler404, handler500
from chambers.urls import urlpatterns as app_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


def loses_the_database(request: HttpRequest) -> HttpResponse:
    raise OperationalError("server closed the connection unexpectedly")


def is_suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a tampered request")


urlpatterns = [
    path("fails/", fails, name="fails"),
    path("fails/database/", loses_the_database, name="loses_the_database"),
    path("fails/suspicious/", is_suspicious, name="is_suspicious"),
    *app_urlpatterns,
]
