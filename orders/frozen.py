"""Database triggers that keep court records frozen whatever writes to the database.

- a signed PDF (``orders_signedpdf``) is never updated or deleted, on PostgreSQL and SQLite;
- the audit log (``orders_auditevent``) is append-only: PostgreSQL refuses UPDATE and DELETE
  (migration 0005); on SQLite 0005 refused UPDATE, and DELETE is refused here too.

SQLite drops a table's triggers when a migration rebuilds the table (as it does to change a
constraint), so ``install`` runs again after every ``migrate`` (``OrdersConfig.ready``) and
creates whichever is missing. On SQLite the triggers stand down while the one-row table
``orders_frozen_unlock`` holds a row: only the test suite's flush of a live-server test writes it
(``tests/conftest.py``), because Django's flush of SQLite deletes rows where PostgreSQL truncates.
"""

from __future__ import annotations

from typing import Any

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION orders_signed_pdf_frozen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'signed PDF % is frozen: it cannot be changed or deleted', OLD.id
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS orders_signed_pdf_frozen ON orders_signedpdf;
CREATE TRIGGER orders_signed_pdf_frozen BEFORE UPDATE OR DELETE ON orders_signedpdf
    FOR EACH ROW EXECUTE FUNCTION orders_signed_pdf_frozen();
"""
POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS orders_signed_pdf_frozen ON orders_signedpdf;
DROP FUNCTION IF EXISTS orders_signed_pdf_frozen();
"""

UNLOCK_TABLE = "orders_frozen_unlock"
_LOCKED = "WHEN NOT EXISTS (SELECT 1 FROM orders_frozen_unlock)"  # UNLOCK_TABLE
SQLITE_TRIGGERS = {
    "orders_signed_pdf_frozen_update": (
        f"BEFORE UPDATE ON orders_signedpdf {_LOCKED} "
        "BEGIN SELECT RAISE(ABORT, 'a signed PDF is frozen: it cannot be changed'); END"
    ),
    "orders_signed_pdf_frozen_delete": (
        f"BEFORE DELETE ON orders_signedpdf {_LOCKED} "
        "BEGIN SELECT RAISE(ABORT, 'a signed PDF is frozen: it cannot be deleted'); END"
    ),
    "orders_audit_append_only": (  # migration 0005's, again after a rebuild of the table
        "BEFORE UPDATE ON orders_auditevent BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    ),
    "orders_audit_no_delete": (
        f"BEFORE DELETE ON orders_auditevent {_LOCKED} "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    ),
}


def install(connection: Any) -> None:
    """Create the triggers that are missing (both databases; harmless when all exist)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FORWARD)
        elif connection.vendor == "sqlite":
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {UNLOCK_TABLE} (id INTEGER PRIMARY KEY)")
            for name, body in SQLITE_TRIGGERS.items():
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def uninstall(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_REVERSE)
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                if name != "orders_audit_append_only":  # 0005's stays
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {UNLOCK_TABLE}")


def reinstall_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """``post_migrate``: SQLite loses a table's triggers when a migration rebuilds it."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    if {"orders_signedpdf", "orders_auditevent"} <= tables:
        install(connection)
