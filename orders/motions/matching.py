"""Which order types fit what a motion asks, best first, and why the others do not.

Every order type declares the asks it resolves (``OrderType.resolves_asks``). For an ask, the
types that resolve it come first: the specific ones before the general ORDER (which resolves every
ask), then by how early the ask stands in the type's list (a type's first ask is what it is for),
then by how many of the type's keywords the docket text has (“extension … discovery … respond”
makes the discovery-extension order the likelier of the two extension orders), then by title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..order_types import registry
from .asks import Ask

if TYPE_CHECKING:
    from ..order_types.base import OrderType


def rank(order_type: OrderType, ask: Ask, text: str) -> tuple[bool, int, int, str]:
    """The sort key of a type resolving ``ask`` for a docket text (smaller is better)."""
    lowered = text.lower()
    score = sum(1 for word in order_type.keywords if word in lowered)
    return (order_type.general, order_type.resolves_asks.index(ask), -score, order_type.title)


def ranked_types(ask: Ask, *, kind: str = "", text: str = "") -> list[OrderType]:
    """The order types that resolve ``ask`` (for an entry of ``kind``), best first."""
    fitting = [t for t in registry.all() if t.resolves(ask, kind=kind)]
    return sorted(fitting, key=lambda order_type: rank(order_type, ask, text))


def specific_asks() -> set[Ask]:
    """The asks some order type other than the general one resolves."""
    return {ask for t in registry.all() if not t.general for ask in t.resolves_asks}
