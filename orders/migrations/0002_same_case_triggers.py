"""Database-level rule: an order and the docket entries it addresses are in one case, and so
are a docket entry and its filing party. A CHECK constraint cannot look at another table,
so these are triggers, written for each database the app runs on."""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION orders_same_case_orderentry() RETURNS trigger AS $$
BEGIN
    IF (SELECT case_id FROM orders_order WHERE id = NEW.order_id)
       IS DISTINCT FROM (SELECT case_id FROM orders_docketentry WHERE id = NEW.docket_entry_id) THEN
        RAISE EXCEPTION 'docket entry % belongs to another case than order %',
            NEW.docket_entry_id, NEW.order_id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER orders_same_case_orderentry BEFORE INSERT OR UPDATE ON orders_orderdocketentry
    FOR EACH ROW EXECUTE FUNCTION orders_same_case_orderentry();

CREATE OR REPLACE FUNCTION orders_same_case_docketentry() RETURNS trigger AS $$
BEGIN
    IF NEW.filing_party_id IS NOT NULL AND
       (SELECT case_id FROM orders_party WHERE id = NEW.filing_party_id) IS DISTINCT FROM NEW.case_id THEN
        RAISE EXCEPTION 'filing party % is a party of another case', NEW.filing_party_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.terminated_by_id IS NOT NULL AND
       (SELECT case_id FROM orders_order WHERE id = NEW.terminated_by_id) IS DISTINCT FROM NEW.case_id THEN
        RAISE EXCEPTION 'terminating order % is in another case', NEW.terminated_by_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER orders_same_case_docketentry BEFORE INSERT OR UPDATE ON orders_docketentry
    FOR EACH ROW EXECUTE FUNCTION orders_same_case_docketentry();
"""

POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS orders_same_case_orderentry ON orders_orderdocketentry;
DROP FUNCTION IF EXISTS orders_same_case_orderentry();
DROP TRIGGER IF EXISTS orders_same_case_docketentry ON orders_docketentry;
DROP FUNCTION IF EXISTS orders_same_case_docketentry();
"""

_SQLITE_ORDERENTRY_CHECK = (
    "(SELECT case_id FROM orders_order WHERE id = NEW.order_id) IS NOT "
    "(SELECT case_id FROM orders_docketentry WHERE id = NEW.docket_entry_id)"
)
_SQLITE_ENTRY_CHECK = (
    "(NEW.filing_party_id IS NOT NULL AND "
    "(SELECT case_id FROM orders_party WHERE id = NEW.filing_party_id) IS NOT NEW.case_id) OR "
    "(NEW.terminated_by_id IS NOT NULL AND "
    "(SELECT case_id FROM orders_order WHERE id = NEW.terminated_by_id) IS NOT NEW.case_id)"
)
SQLITE_FORWARD = [
    f"""CREATE TRIGGER orders_same_case_orderentry_{event.lower()} BEFORE {event} ON orders_orderdocketentry
    WHEN {_SQLITE_ORDERENTRY_CHECK}
    BEGIN SELECT RAISE(ABORT, 'docket entry belongs to another case than the order'); END;"""
    for event in ("INSERT", "UPDATE")
] + [
    f"""CREATE TRIGGER orders_same_case_docketentry_{event.lower()} BEFORE {event} ON orders_docketentry
    WHEN {_SQLITE_ENTRY_CHECK}
    BEGIN SELECT RAISE(ABORT, 'filing party or terminating order is in another case'); END;"""
    for event in ("INSERT", "UPDATE")
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS orders_same_case_{table}_{event}"
    for table in ("orderentry", "docketentry")
    for event in ("insert", "update")
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [migrations.RunPython(forward, reverse)]
