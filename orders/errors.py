"""Error pages: the app's own 400, 403, 404 and 500 pages, with the navigation, in production
(``DEBUG=False``) as in development (``chambers/urls.py`` names them as ``handler400`` …).

While the database is unreachable (a restart, a failover) a request fails with 503 and
Retry-After, saying to try again, instead of a bare 500; the next request reconnects by itself
(CONN_HEALTH_CHECKS). Nothing is half-saved: every write is one transaction, rolled back with the
lost connection.

The 500 and 503 pages are rendered without the request: no context processor runs, so neither
the session nor the logged-in user is read, and the page needs no database. They show the
navigation links but not who is logged in."""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("orders.errors")

# The links of the navigation bar, shown on a page rendered without knowing the user.
WITHOUT_USER = {"navigation_without_user": True}


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler400`` (a SuspiciousOperation, an unreadable request): ``400.html``."""
    return defaults.bad_request(request, exception, template_name="400.html")


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler403``: ``403.html``, saying what was refused (the PermissionDenied's message)."""
    return defaults.permission_denied(request, exception, template_name="403.html")


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: ``404.html``. The page does not repeat the exception's message: another
    chambers' order is a 404 too, and the page must not say more about it than "not found"."""
    return defaults.page_not_found(request, exception, template_name="404.html")


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: called inside the exception handler, so the exception is at hand."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("database unavailable for %s %s: %s", request.method, request.path[:500], error)
        response = HttpResponse(render_to_string("503.html", WITHOUT_USER), status=503)
        response["Retry-After"] = "5"
        return response
    return HttpResponseServerError(render_to_string("500.html", WITHOUT_USER))
