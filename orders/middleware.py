"""Every refused request is logged: a 403 or 404 (another chambers' order is a 404), a failed
CSRF check, an anonymous visitor sent to the login page. One place, so views added later are
covered too. The event names the URL's order id but nothing about the order itself."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import resolve_url

from .http import client_ip

logger = logging.getLogger("orders.security")


class RefusalAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        reason = self.refusal(request, response)
        if reason and not getattr(request, "refusal_logged", False):
            if response.status_code == 404 and getattr(request, "resolver_match", None) is None:
                # No such page at all (a browser's /favicon.ico, a typo): not worth an audit row.
                logger.info("not found: %s %s", request.method, request.path[:500])
            else:
                self.record(request, response, reason)
        return response

    @staticmethod
    def process_exception(request: HttpRequest, exception: Exception) -> None:
        """The policy's refusal of another chambers' record is a 404 (its existence is neither
        shown nor confirmed); any other refusal stays a 403 (``orders.permissions``)."""
        from .permissions import NotPermitted

        if isinstance(exception, NotPermitted) and exception.hidden:
            raise Http404(exception.args[0] if exception.args else "")

    @staticmethod
    def refusal(request: HttpRequest, response: HttpResponse) -> str:
        if request.path.startswith(
            settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"
        ):
            return ""
        if response.status_code in (400, 403, 404, 405):
            return {400: "bad request", 403: "forbidden", 404: "not found", 405: "method not allowed"}[
                response.status_code
            ]
        user = getattr(request, "user", None)
        login_url = resolve_url(settings.LOGIN_URL)
        if (
            response.status_code == 302
            and (user is None or not user.is_authenticated)
            and response.get("Location", "").startswith(login_url)
            and request.path != login_url
        ):
            return "login required"
        return ""

    @staticmethod
    def record(request: HttpRequest, response: HttpResponse, reason: str) -> None:
        from . import services

        match = getattr(request, "resolver_match", None)
        order_id = match.kwargs.get("order_id") if match else None
        user = getattr(request, "user", None)
        detail = f"{request.method} {request.path[:500]} → {response.status_code} ({reason})"
        if user is None or not user.is_authenticated:
            # Nobody to hold to account: the server log (rate-limited), not an order's trail.
            _log_anonymous(detail, client_ip(request))
            return
        logger.warning("refused: %s by %s from %s", detail, user, client_ip(request))
        try:
            services.audit_record(
                user=user,
                action="refused",
                order_id=int(order_id) if order_id is not None else None,
                ip=client_ip(request),
                detail=detail,
            )
        except Exception:  # the refusal stands even if the log cannot be written
            logger.exception("could not write the audit event for a refused request")


ANONYMOUS_LOG_PER_MINUTE = 20  # refusals of anonymous requests logged per address and minute


def _log_anonymous(detail: str, ip: str | None) -> None:
    """Log an anonymous visitor's refused request, at most ``ANONYMOUS_LOG_PER_MINUTE`` a minute
    per address (then one line saying the rest are not logged), so a flood cannot fill the log."""
    key = f"anonymous-refusals:{ip}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        count = 1
    if count <= ANONYMOUS_LOG_PER_MINUTE:
        logger.warning("refused: %s by anonymous from %s", detail, ip)
    elif count == ANONYMOUS_LOG_PER_MINUTE + 1:
        logger.warning("refused: more anonymous requests from %s this minute; not logged", ip)
