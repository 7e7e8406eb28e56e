"""Django's private API, as the app uses it. Tested with 5.2.19.

- ``Model._get_field_expression_map(meta=, exclude=)``: the instance's field values as
  expressions, as ``Model.validate_constraints()`` builds them (:func:`conditions_hold`);
- ``django.db.models.sql.Query`` built by hand, ``Query.add_annotation`` and
  ``SQLCompiler.execute_sql(SINGLE)``: one ``SELECT`` of several conditions, as ``Q.check()``
  builds one (:func:`conditions_hold`);
- ``Model._prefetched_objects_cache``: what ``prefetch_related`` stored on an instance
  (:func:`prefetched`).
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from django.core.exceptions import FieldError
from django.db import DatabaseError, connections, models, transaction
from django.db.models import BooleanField, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

from . import require_version

TESTED_VERSION = "5.2.19"
VERSION = require_version("django", TESTED_VERSION, module=__name__)


def conditions_hold(
    instance: models.Model, conditions: list[Q], *, exclude: Any, using: str
) -> list[bool] | None:
    """Whether each of ``conditions`` (a check constraint's condition: NULL passes) holds for
    ``instance``'s current values, from one query. None when the database cannot compare boolean
    expressions, a condition names an excluded field, or the query fails: the caller then asks
    Django constraint by constraint."""
    connection = connections[using]
    if not connection.features.supports_comparing_boolean_expr:
        return None
    query = Query(None)
    values = instance._get_field_expression_map(meta=instance._meta, exclude=exclude)  # type: ignore[attr-defined]
    for name, value in values.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    try:
        for index, condition in enumerate(conditions):
            query.add_annotation(Coalesce(condition, True, output_field=BooleanField()), f"_check_{index}")
    except FieldError:  # a condition on an excluded field: Django skips that constraint
        return None
    context_manager = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
    try:
        with context_manager:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError:
        return None
    return [bool(row[index]) for index in range(len(conditions))]


def prefetched(instance: models.Model, name: str) -> list[Any] | None:
    """The related objects ``prefetch_related(name)`` loaded with ``instance``; None when it did
    not."""
    cache = getattr(instance, "_prefetched_objects_cache", None) or {}
    objects = cache.get(name)
    return None if objects is None else list(objects)
