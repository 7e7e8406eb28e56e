"""Error pages. While the database is unreachable (a restart, a failover) a request fails with
503 and Retry-After, saying to try again, instead of a bare 500; the next request reconnects by
itself (CONN_HEALTH_CHECKS). Nothing is half-saved: every write is one transaction, rolled back
with the lost connection."""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("orders.errors")


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: called inside the exception handler, so the exception is at hand."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("database unavailable for %s %s: %s", request.method, request.path[:500], error)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "5"
        return response
    return HttpResponseServerError(render_to_string("500.html"))
