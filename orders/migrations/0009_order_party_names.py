"""The case's party names on each order, for the search's party filter (PostgreSQL).

The filter used to be "the order's case has a party whose name contains …": PostgreSQL then read
every order of every such case, and each order's search document, to keep those with the words
(0.3 s for a common surname at a million orders). Now:

- ``party_names`` holds every party's name and caption name, one per line, on the order itself;
  the filter is ``party_names`` containing the letters, a condition on the order's own row;
- the search document also holds each word of those names as a lexeme ``party <word>`` (no
  position, weight D). A query never produces such a lexeme (the parser splits at spaces), so
  only the filter finds them: in the same GIN index as the words searched for, so PostgreSQL
  reads only orders that have both (``orders.search.party_filter``).

Both are kept by the triggers of 0004 (an order inserted or moved to another case; a party added,
renamed, moved or removed). On SQLite the column stays NULL and the filter keeps its subquery on
parties. On a large database the backfill below rewrites every order once.
"""

import importlib

from django.db import migrations, models

# The functions of 0004 that change: with ``{party_words}`` and the ``party_names`` parts filled
# in going forward, empty going back (the definitions of 0004).
_FUNCTIONS = """
CREATE OR REPLACE FUNCTION orders_order_search_document(
    p_title text, p_body text, p_case_id bigint, p_judge_id bigint
) RETURNS tsvector AS $$
    SELECT
        setweight(to_tsvector('english'::regconfig, coalesce(p_title, '') || ' '
            || coalesce(c.short_caption, '') || ' ' || coalesce(c.number, '')), 'A')
        || setweight(to_tsvector('english'::regconfig,
            coalesce((SELECT string_agg(p.name || ' ' || p.caption_name, ' ')
                      FROM orders_party p WHERE p.case_id = p_case_id), '')
            || ' ' || coalesce(j.full_name, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(p_body, '')), 'C'){party_words}
    FROM (SELECT 1) AS one
    LEFT JOIN orders_case c ON c.id = p_case_id
    LEFT JOIN orders_judge j ON j.id = p_judge_id
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION orders_order_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := orders_order_search_document(NEW.title, NEW.body, NEW.case_id, NEW.judge_id);{new_party_names}
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION orders_party_search_refresh() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE orders_order
           SET search_vector = orders_order_search_document(title, body, case_id, judge_id){party_names}
         WHERE case_id = OLD.case_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
        UPDATE orders_order
           SET search_vector = orders_order_search_document(title, body, case_id, judge_id){party_names}
         WHERE case_id = NEW.case_id;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""

_PARTY_NAMES = """
CREATE OR REPLACE FUNCTION orders_case_party_names(p_case_id bigint) RETURNS text AS $$
    SELECT string_agg(p.name || E'\\n' || p.caption_name, E'\\n' ORDER BY p.id)
    FROM orders_party p WHERE p.case_id = p_case_id
$$ LANGUAGE sql STABLE;
"""
_PARTY_WORDS = """
        || array_to_tsvector(ARRAY(
            SELECT 'party ' || word FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig,
                coalesce(orders_case_party_names(p_case_id), '')))) AS word))"""
_BACKFILL = """
UPDATE orders_order
   SET party_names = orders_case_party_names(case_id),
       search_vector = orders_order_search_document(title, body, case_id, judge_id);
"""
POSTGRES_FORWARD = (
    _PARTY_NAMES
    + _FUNCTIONS.format(
        party_words=_PARTY_WORDS,
        new_party_names="\n    NEW.party_names := orders_case_party_names(NEW.case_id);",
        party_names=",\n               party_names = orders_case_party_names(case_id)",
    )
    + _BACKFILL
)

POSTGRES_REVERSE = (
    _FUNCTIONS.format(party_words="", new_party_names="", party_names="")
    + """
UPDATE orders_order SET search_vector = orders_order_search_document(title, body, case_id, judge_id);

DROP FUNCTION IF EXISTS orders_case_party_names(bigint);
"""
)


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
