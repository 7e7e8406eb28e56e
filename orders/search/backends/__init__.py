"""The search engine, chosen once from ``settings.SEARCH_BACKEND``.

``"postgres"`` (full text; the default on PostgreSQL), ``"simple"`` (substring matching; the
default on SQLite), or the dotted path of a ``SearchBackend`` subclass. One instance serves the
process, made on first use; changing the setting (``override_settings`` in tests) makes the next
search build a new one.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from .base import SearchBackend

BACKENDS = {
    "postgres": "orders.search.backends.postgres.PostgresBackend",
    "simple": "orders.search.backends.simple.SimpleBackend",
}
ERROR_UNKNOWN_BACKEND = (
    "SEARCH_BACKEND {name!r} is neither 'postgres', 'simple' nor the dotted path of a SearchBackend."
)


@functools.cache
def get_backend() -> SearchBackend:
    name = settings.SEARCH_BACKEND
    try:
        backend = import_string(BACKENDS.get(name, name))
    except ImportError:
        raise ImproperlyConfigured(ERROR_UNKNOWN_BACKEND.format(name=name)) from None
    if not (isinstance(backend, type) and issubclass(backend, SearchBackend)):
        raise ImproperlyConfigured(ERROR_UNKNOWN_BACKEND.format(name=name))
    return backend()


@receiver(setting_changed)
def _forget_backend(*, setting: str, **kwargs) -> None:
    if setting in ("SEARCH_BACKEND", "DATABASES"):
        get_backend.cache_clear()
