"""The only way WeasyPrint may read anything: the app's own static files and ``data:`` URLs.

Case text is escaped, so no URL from a party's name ever reaches WeasyPrint; this fetcher is
the second wall: ``file:``, ``http(s):`` and every other scheme are refused.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote
from urllib.request import DataHandler, Request

from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

#: Scheme of the URLs that name a static file: ``chambers-static:pdf/pleading.css``.
STATIC_SCHEME = "chambers-static"
STATIC_BASE_URL = f"{STATIC_SCHEME}:/"

ERROR_SCHEME = "The PDF renderer fetches only the app's static files and data: URLs, not {url!r}."
ERROR_PATH = "Not a static file of the app: {url!r}."


class FetchRefused(ValueError):
    """A URL the PDF renderer will not fetch."""


def static_url(path: str) -> str:
    """The URL of a static file (``pdf/pleading.css``) as the fetcher serves it."""
    return f"{STATIC_SCHEME}:/{path.lstrip('/')}"


def static_path(url: str) -> Path:
    """The file behind a ``chambers-static:`` URL, or ``FetchRefused``."""
    relative = unquote(url[len(STATIC_SCHEME) + 1 :].split("?", 1)[0].split("#", 1)[0]).lstrip("/")
    parts = PurePosixPath(relative).parts
    if not relative or "\\" in relative or "\x00" in relative or any(p in ("..", ".") for p in parts):
        raise FetchRefused(ERROR_PATH.format(url=url))
    found = finders.find(relative)
    if not found:
        raise FetchRefused(ERROR_PATH.format(url=url))
    return Path(found)


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves static files and ``data:`` URLs, nothing else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=[STATIC_SCHEME, "data"], fail_on_errors=False)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            response = DataHandler().data_open(Request(url))  # noqa: S310 - data: only, checked above
            content_type = response.headers["Content-Type"]
            return URLFetcherResponse(url, response.read(), {"Content-Type": content_type})
        if scheme == STATIC_SCHEME:
            path = static_path(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        raise FetchRefused(ERROR_SCHEME.format(url=url))
