"""Rendered PDFs and page images, kept by content so nothing is rendered twice.

Two levels: a small LRU in each process (no copy, no lock held while rendering), and Django's
``renders`` cache shared by every worker process (a file cache under ``var/cache/renders`` by
default, Redis or Memcached through ``RENDER_CACHE_URL``). Keys are SHA-256 digests of what is
printed plus the options, so an entry can never be stale: a changed order has a different key.

A shared cache that fails (a full disk, Redis down) is logged and skipped: the page is rendered
instead, never refused.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.core.cache import caches

logger = logging.getLogger(__name__)

LOCAL_SIZE = 64  # entries per process (a PDF is 15–60 KB, a page image 60–120 KB)
SHARED_SECONDS = 60 * 60 * 24 * 7
SHARED_ALIAS = "renders"


class ContentCache:
    """bytes by content key: the process's LRU first, then the shared cache, then ``make()``."""

    def __init__(self, prefix: str, size: int = LOCAL_SIZE) -> None:
        self.prefix, self.size = prefix, size
        self._local: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        with self._lock:
            if key in self._local:
                self._local.move_to_end(key)
                return self._local[key]
        value = self._shared_get(key)
        if value is None:
            value = make()
            self._shared_set(key, value)
        self._remember(key, value)
        return value

    def clear(self) -> None:
        """Forget this process's entries (the shared cache is left to expire)."""
        with self._lock:
            self._local.clear()

    def _remember(self, key: str, value: bytes) -> None:
        with self._lock:
            self._local[key] = value
            self._local.move_to_end(key)
            while len(self._local) > self.size:
                self._local.popitem(last=False)

    def _shared_get(self, key: str) -> bytes | None:
        try:
            value = caches[SHARED_ALIAS].get(f"{self.prefix}:{key}")
        except Exception:  # the cache is an optimisation: a broken one must not break the page
            logger.warning("Shared render cache unreadable; rendering instead", exc_info=True)
            return None
        return value if isinstance(value, bytes) else None

    def _shared_set(self, key: str, value: bytes) -> None:
        try:
            caches[SHARED_ALIAS].set(f"{self.prefix}:{key}", value, SHARED_SECONDS)
        except Exception:
            logger.warning("Shared render cache unwritable; render kept in this process", exc_info=True)
