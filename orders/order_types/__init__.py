"""The library of order types: one module per type plus one template in
``templates/order_types/<key>.txt``; see ``base.OrderType`` and ``registry``."""

from . import registry
from .base import OrderType

__all__ = ["OrderType", "registry"]
