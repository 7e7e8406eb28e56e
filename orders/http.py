"""Small request helpers shared by the views and the wizard."""

from __future__ import annotations

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
    """The address the request came from, as the server saw it (the proxy's, behind one; a
    forwarded-for header is not trusted since anyone can send it)."""
    return request.META.get("REMOTE_ADDR") or None
