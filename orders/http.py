"""Small request helpers shared by the views and the wizard."""

from __future__ import annotations

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, as the server saw it (the proxy's, behind one; a
    forwarded-for header is not trusted since anyone can send it)."""
    return request.META.get("REMOTE_ADDR") or None
