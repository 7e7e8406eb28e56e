"""Small request helpers shared by the views and the wizard."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedRequest(HttpRequest):
    """The request a view receives: ``LoginRequiredMiddleware`` lets no anonymous one through,
    so ``user`` is a signed-in ``User`` (for the type checker; nothing makes one of these).

    ``refusal_logged`` is set by a view whose service already wrote the refusal's audit row, so
    that ``RefusalAuditMiddleware`` does not log the 403 twice."""

    user: User  # narrower than HttpRequest's User | AnonymousUser
    refusal_logged: bool


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from. Behind ``TRUSTED_PROXY_COUNT`` proxies (the documented
    deployment: a TLS proxy in front of gunicorn) it is the address the outermost trusted proxy
    saw, the ``TRUSTED_PROXY_COUNT``-th entry of ``X-Forwarded-For`` from the right (each proxy
    appends the address it received the request from; entries further left were sent by the
    client and are not trusted). With no proxy configured (0), the connection's own address: a
    forwarded-for header is then ignored, since anyone can send one. django-axes asks this too
    (``AXES_CLIENT_IP_CALLABLE``), so a lockout is per client, not for everyone behind the proxy."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR") or None
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote  # not through the proxies (a health check on the host itself)
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
