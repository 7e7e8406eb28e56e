"""The registry of order types.

Every module of the ``orders.order_types`` package is imported once, on first use; the
``@register`` decorator on an ``OrderType`` subclass adds it here. Adding an order type is one
module plus one template: no view, URL or form changes.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from ..compat.django import prefetched
from ..models import Case, DocketEntry

if TYPE_CHECKING:
    from .base import OrderType

_registry: dict[str, OrderType] = {}
_discovered = False
_lock = threading.Lock()

ERROR_UNKNOWN = "There is no order type “{key}”."


class UnknownOrderType(KeyError):
    """No order type has this key."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key

    def __str__(self) -> str:
        return ERROR_UNKNOWN.format(key=self.key)


def register(cls: type[OrderType]) -> type[OrderType]:
    """Class decorator: add an order type to the registry (its key must be unique)."""
    for attribute in ("key", "title", "description"):
        if not getattr(cls, attribute, ""):
            raise ImproperlyConfigured(f"{cls.__name__} has no {attribute}.")
    existing = _registry.get(cls.key)
    if existing is not None and type(existing).__qualname__ != cls.__qualname__:
        raise ImproperlyConfigured(f"Two order types use the key {cls.key!r}.")
    _registry[cls.key] = cls()
    return cls


def autodiscover() -> None:
    """Import every module of the package, so their ``@register`` decorators run."""
    global _discovered
    if _discovered:
        return
    with _lock:
        if _discovered:
            return
        package = importlib.import_module(__package__)
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{__package__}.{module.name}")
        _discovered = True


def get(key: str) -> OrderType:
    """The order type with this key; ``UnknownOrderType`` (a ``KeyError``) if there is none."""
    autodiscover()
    try:
        return _registry[key]
    except (KeyError, TypeError):
        raise UnknownOrderType(str(key)) from None


def all() -> list[OrderType]:
    """Every order type, by title."""
    autodiscover()
    return sorted(_registry.values(), key=lambda order_type: order_type.title)


def fitting_entries(order_type: OrderType | str, case: Case) -> QuerySet[DocketEntry]:
    """The case's pending entries of the kinds the type resolves, by docket number."""
    if isinstance(order_type, str):
        order_type = get(order_type)
    if not order_type.resolves_kinds:
        return DocketEntry.objects.none()
    return case.docket_entries.filter(pending=True, kind__in=order_type.resolves_kinds).order_by("number")


def _prefetched_entries(case: Case) -> list[DocketEntry] | None:
    """The case's docket entries when they were prefetched with it (``selectors.case_get_for_user``
    does), so the wizard's per-request questions about them need no query; else None."""
    return prefetched(case, "docket_entries")


def _prefetched_fitting(order_type: OrderType, case: Case) -> list[DocketEntry] | None:
    """``fitting_entries`` from the prefetched entries, by docket number; None when not prefetched."""
    prefetched = _prefetched_entries(case)
    if prefetched is None:
        return None
    kinds = set(order_type.resolves_kinds)
    return sorted((e for e in prefetched if e.pending and e.kind in kinds), key=lambda e: e.number)


def fitting_entries_list(order_type: OrderType | str, case: Case) -> list[DocketEntry]:
    """``fitting_entries`` as a list, read from the prefetched entries when the case has them."""
    order_type = get(order_type) if isinstance(order_type, str) else order_type
    fitting = _prefetched_fitting(order_type, case)
    if fitting is None:
        return list(fitting_entries(order_type, case).select_related("filing_party"))
    return fitting


def has_fitting_entries(order_type: OrderType | str, case: Case) -> bool:
    """Whether the case has a pending entry of a kind the type resolves."""
    order_type = get(order_type) if isinstance(order_type, str) else order_type
    if not order_type.resolves_kinds:
        return False
    fitting = _prefetched_fitting(order_type, case)
    return fitting_entries(order_type, case).exists() if fitting is None else bool(fitting)


def _pending(case: Case, entry: DocketEntry | None) -> list[DocketEntry]:
    if entry is not None:
        return [entry]
    prefetched = _prefetched_entries(case)
    if prefetched is not None:
        return [e for e in prefetched if e.pending]
    return list(case.docket_entries.filter(pending=True).order_by("number"))


def for_case(case: Case, *, entry: DocketEntry | None = None) -> tuple[list[OrderType], list[OrderType]]:
    """(types that resolve what a pending entry asks, the rest); with ``entry``, what that entry
    (the motion the clerk chose to rule on) asks.

    An entry's ask is ``orders.motions.classify_entry``'s; a type fits when it resolves that ask
    for an entry of that kind (``OrderType.resolves``). The fitting come best first (the specific
    types before the general ORDER, then by ``orders.motions.matching``'s ranking); the rest by title.
    """
    from ..motions.asks import classify_entry
    from ..motions.matching import rank

    asked = [(e.kind, classify_entry(e), e.description) for e in _pending(case, entry)]
    ranks = {}
    for order_type in all():
        scores = [
            rank(order_type, ask, text) for kind, ask, text in asked if order_type.resolves(ask, kind=kind)
        ]
        if scores:
            ranks[order_type.key] = min(scores)
    fitting = sorted((get(key) for key in ranks), key=lambda order_type: ranks[order_type.key])
    rest = [order_type for order_type in all() if order_type.key not in ranks]
    return fitting, rest


def why_not(order_type: OrderType, case: Case, *, entry: DocketEntry | None = None) -> str:
    """Why a type does not fit the pending entries (or ``entry``): what it rules on, and what
    they ask. Empty for a type that fits or that rules on no entry."""
    from ..motions.asks import Ask, classify_entry

    if not order_type.resolves_kinds:
        return ""
    pending = [e for e in _pending(case, entry) if e.kind in order_type.resolves_kinds] or _pending(
        case, entry
    )
    if any(order_type.resolves(classify_entry(e), kind=e.kind) for e in pending):
        return ""
    rules_on = ", ".join(Ask(a).label.lower() for a in order_type.resolves_asks if a != Ask.OTHER)
    what = f"It rules on a motion for {rules_on}" if rules_on else "It rules on a complaint to screen"
    if not pending:
        return f"{what}; nothing is pending."
    asks = "; ".join(f"Dkt. No. {e.number} asks for {classify_entry(e).label.lower()}" for e in pending[:3])
    return f"{what}; {asks}."
