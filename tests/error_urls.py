"""The app's URLs plus one view that fails, for the tests of the 500 page (tests/test_error_pages.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from chambers.urls import handler400, handler403, handler404, handler500
from chambers.urls import urlpatterns as app_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


urlpatterns = [path("fails/", fails, name="fails"), *app_urlpatterns]
