"""The case's party names on each order, for the search's party filter (PostgreSQL).

The filter used to be "the order's case has a party whose name contains …": PostgreSQL then read
every order of every such case, and each order's search document, to keep those with the words
(0.3 s for a common surname at a million orders). With the names on the order:

- ``party_names``: every party's name and caption name, one per line, kept by the triggers of
  0004 (an order inserted or moved to another case; a party added, renamed, moved or removed);
- ``order_party_words_gin``: a GIN index of its words (``to_tsvector('simple', party_names)``),
  which PostgreSQL intersects with the search document's index before reading any order.

On SQLite the column stays NULL and the filter keeps its subquery on parties. On a large
database the backfill below rewrites every order once.
"""

import importlib

from django.db import migrations, models

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION orders_case_party_names(p_case_id bigint) RETURNS text AS $$
    SELECT string_agg(p.name || E'\\n' || p.caption_name, E'\\n' ORDER BY p.id)
    FROM orders_party p WHERE p.case_id = p_case_id
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION orders_order_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := orders_order_search_document(NEW.title, NEW.body, NEW.case_id, NEW.judge_id);
    NEW.party_names := orders_case_party_names(NEW.case_id);
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION orders_party_search_refresh() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE orders_order
           SET search_vector = orders_order_search_document(title, body, case_id, judge_id),
               party_names = orders_case_party_names(case_id)
         WHERE case_id = OLD.case_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
        UPDATE orders_order
           SET search_vector = orders_order_search_document(title, body, case_id, judge_id),
               party_names = orders_case_party_names(case_id)
         WHERE case_id = NEW.case_id;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

UPDATE orders_order SET party_names = orders_case_party_names(case_id);

CREATE INDEX order_party_words_gin ON orders_order
    USING gin (to_tsvector('simple'::regconfig, party_names));
"""

POSTGRES_REVERSE = """
DROP INDEX IF EXISTS order_party_words_gin;

CREATE OR REPLACE FUNCTION orders_order_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := orders_order_search_document(NEW.title, NEW.body, NEW.case_id, NEW.judge_id);
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION orders_party_search_refresh() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE orders_order
           SET search_vector = orders_order_search_document(title, body, case_id, judge_id)
         WHERE case_id = OLD.case_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
        UPDATE orders_order
           SET search_vector = orders_order_search_document(title, body, case_id, judge_id)
         WHERE case_id = NEW.case_id;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

DROP FUNCTION IF EXISTS orders_case_party_names(bigint);
"""


_on_postgres = importlib.import_module("orders.migrations.0004_order_search_and_import")._on_postgres


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0008_order_judge_newest_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="party_names",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="The names and caption names of the case's parties, one per line (PostgreSQL "
                "only), maintained by database triggers: the search's party filter reads them here.",
                null=True,
            ),
        ),
        migrations.RunPython(_on_postgres(POSTGRES_FORWARD), _on_postgres(POSTGRES_REVERSE)),
    ]
