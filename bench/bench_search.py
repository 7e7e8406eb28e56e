# ruff: noqa: E501, SIM905 - data tables laid out for reading
"""Benchmark of the search of past orders on PostgreSQL (a script, not a test).

Fills a PostgreSQL database with synthetic orders (100,000 by default; ``--orders 1000000`` when
asked) over varied synthetic cases, judges and parties, in batches through COPY with a progress
bar, then runs a fixed set of searches through the real selector (``orders.search.search_orders``:
count, ranked page of 20 with highlights, and the facets) and prints p50/p95/max per search,
with the GIN index and again without it (dropped and recreated in the same run).

    .venv/bin/python bench/bench_search.py                       # 100,000 orders
    .venv/bin/python bench/bench_search.py --orders 1000000      # 1,000,000 orders
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chambers_bench .venv/bin/python bench/bench_search.py

The database (default ``chambers_bench``) is created and migrated when missing; orders already
there are kept and topped up to the requested count, so a second run only measures.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._data import seed_body, seed_paths  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/chambers_bench"

ORDER_TYPES = [
    ("deny_discovery_motion", "ORDER DENYING DISCOVERY MOTION"),
    ("deny_extension", "ORDER DENYING REQUEST FOR EXTENSION OF TIME"),
    ("grant_extension", "ORDER GRANTING EXTENSION OF TIME"),
    ("vacate_motion", "ORDER VACATING MOTION FOR DISCOVERY"),
    ("service", "ORDER OF SERVICE"),
    ("dismiss_leave_to_amend", "ORDER OF DISMISSAL WITH LEAVE TO AMEND"),
    ("grant_ifp", "ORDER GRANTING LEAVE TO PROCEED IN FORMA PAUPERIS"),
    ("deny_counsel", "ORDER DENYING MOTION FOR APPOINTMENT OF COUNSEL"),
    ("grant_summary_judgment", "ORDER GRANTING MOTION FOR SUMMARY JUDGMENT"),
    ("deny_reconsideration", "ORDER DENYING MOTION FOR RECONSIDERATION"),
    ("deny_moot", "ORDER DENYING MOTION AS MOOT"),
    ("scheduling", "SCHEDULING ORDER"),
]

FIRST = (
    "James Maria Michael Elizabeth Marcus Susan Robert Linda David Patricia John Jennifer William Barbara "
    "Richard Jessica Joseph Sarah Thomas Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Sandra Donald "
    "Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa "
    "George Deborah Timothy Stephanie Ronald Rebecca Jason Sharon Edward Laura Jeffrey Cynthia Ryan Kathleen"
).split()
LAST = (
    "Crawford Beard Luckert Brannon Harrison Sample Jones Smith Johnson Williams Brown Garcia Miller Davis "
    "Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Perez "
    "Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres "
    "Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips "
    "Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez "
    "Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez "
    "Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster"
).split()
PRISONS = [
    "Calipatria State Prison",
    "Pelican Bay State Prison",
    "San Quentin State Prison",
    "Salinas Valley State Prison",
    "Folsom State Prison",
    "California State Prison, Corcoran",
    "High Desert State Prison",
    "Kern Valley State Prison",
]
SUBJECTS = [
    "the motion",
    "Plaintiff's request",
    "the petition",
    "Defendants' opposition",
    "the stipulation",
    "the complaint",
    "the amended complaint",
    "the application",
    "Respondent's answer",
    "the reply",
]
VERBS = [
    "is denied without prejudice",
    "is granted in part",
    "is vacated",
    "is denied as moot",
    "is granted",
    "is stricken",
    "is taken under submission",
    "is referred to the magistrate judge",
    "is continued",
    "is dismissed with leave to amend",
]
TAILS = [
    "because the record does not show good cause",
    "for the reasons stated on the record",
    "in light of the parties' stipulation",
    "because the deadline has passed",
    "pending the resolution of the exhaustion question",
    "because the requests are premature",
    "because the court does not conduct discovery on behalf of litigants",
    "subject to the conditions set out below",
    "in the interest of justice",
    "without further briefing",
]
RARE_SENTENCE = "The request to transfer Plaintiff to Lompoc is denied without prejudice."
SYLLABLES = "ka ro mi tel vak san dor lin pe qua bri zan tor mel fin gra sol ven dru pal cor".split()


def _rare_words(rng: random.Random, count: int) -> list[str]:
    """Made-up words (e.g. names of places and exhibits) that make the vocabulary long-tailed."""
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _seed_paragraphs() -> list[str]:
    from orders.body import parse_body

    return [b.text for path in seed_paths() for b in parse_body(seed_body(path.name))]


def _body(rng: random.Random, seed_paragraphs: list[str], rare: list[str], docket: int, prison: str) -> str:
    paragraphs = []
    for _ in range(rng.randint(1, 3)):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            sentence = f"{rng.choice(SUBJECTS).capitalize()} (Docket No. {rng.randint(1, 300)}) "
            sentence += f"{rng.choice(VERBS)} {rng.choice(TAILS)}"
            if rng.random() < 0.5:
                thing = rng.choice(["exhibit", "report", "claim", "log"])
                sentence += f", as to the {rng.choice(rare)} {thing}"
            sentences.append(sentence + ".")
        paragraphs.append(" ".join(sentences))
    paragraphs[0] = (
        f"Plaintiff, a state prisoner at {prison}, proceeds pro se. Now pending is Docket No. {docket}. "
        + paragraphs[0]
    )
    paragraphs += rng.sample(seed_paragraphs, k=min(len(seed_paragraphs), rng.randint(1, 3)))
    rng.shuffle(paragraphs[1:])
    paragraphs.append(f"This order terminates Docket No. {docket}.")
    return "\n\n".join(paragraphs)


def _copy(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(v) for v in row) + "\n")
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def ensure_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")
    admin.close()


def load(total: int, batch: int, seed: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone
    from tqdm import tqdm

    from orders import services
    from orders.models import ChambersMembership, Court, Judge, Order

    rng = random.Random(seed)
    existing = Order.objects.count()
    if existing >= total:
        print(f"{existing:,} orders already in the database.")
        return
    court = Court.objects.filter(code="cand").first() or services.court_create(
        code="cand", name="Northern District of California", heading_line_2="NORTHERN DISTRICT OF CALIFORNIA"
    )
    judges = list(Judge.objects.filter(court=court))
    for n in range(len(judges), 40):
        initials = "".join(chr(65 + (n // 26**k) % 26) for k in range(3))
        judges.append(
            services.judge_create(
                court=court,
                full_name=f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}",
                signature_title="United States District Judge" if n % 3 else "United States Magistrate Judge",
                initials=initials,
            )
        )
    User = get_user_model()
    user = User.objects.filter(username="bench").first() or User.objects.create_user("bench", password=None)
    for judge in judges:
        ChambersMembership.objects.get_or_create(user=user, judge=judge)

    seed_paragraphs = _seed_paragraphs()
    rare = _rare_words(rng, 5000)
    now = timezone.now()
    todo = total - existing
    bar = tqdm(total=todo, unit="order", desc="Loading orders", file=sys.stderr)
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        cursor.execute("SELECT count(*) FROM orders_case")
        next_sequence = cursor.fetchone()[0] + 26
        done = 0
        while done < todo:
            size = min(batch, todo - done)
            with transaction.atomic():
                cases, party_rows = [], []
                count = max(size // 4, 1)
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence('orders_case', 'id')) FROM generate_series(1, %s)",
                    [count],
                )
                for (case_id,) in cursor.fetchall():
                    judge = rng.choice(judges)
                    # (year, sequence) unique for up to 2.6 million cases
                    year, sequence = next_sequence % 26, next_sequence // 26 + 1
                    next_sequence += 1
                    key = f"{year:02d}-cv-{sequence:05d}"
                    first, second = f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(LAST)
                    prisoner = rng.random() < 0.6
                    cases.append(
                        (case_id, now, now, court.pk, f"{key}-{judge.initials}", key, "3", year, "cv", sequence,
                         judge.initials, "", f"{first.split()[-1]} v. {second}", judge.pk, None,
                         "42 U.S.C. § 1983" if prisoner else "28 U.S.C. § 1331",
                         "550 Prisoner: Civil Rights" if prisoner else "440 Other Civil Rights",
                         None, prisoner, prisoner, False, False)
                    )  # fmt: skip
                    institution = rng.choice(PRISONS) if prisoner else ""
                    party_rows.append(
                        (now, now, case_id, first, "", "plaintiff", 1, prisoner, "", institution, "he", False)
                    )
                    party_rows.append(
                        (now, now, case_id, second, "", "defendant", 2, False, "", "", "they", False)
                    )
                    if rng.random() < 0.5:
                        third = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                        party_rows.append(
                            (now, now, case_id, third, "", "defendant", 3, False, "", "", "they", False)
                        )
                case_info = [(row[0], row[13], row[19]) for row in cases]
                case_rows = cases
                case_columns = [
                    "id", "created_at", "updated_at", "court_id", "number", "number_key", "office", "year",
                    "case_type", "sequence", "judge_initials", "suffix", "short_caption", "assigned_judge_id",
                    "referred_judge_id", "cause", "nature_of_suit", "date_filed", "pro_se", "prisoner", "sealed",
                    "needs_review",
                ]  # fmt: skip
                _copy(cursor, "orders_case", case_columns, case_rows)
                party_columns = [
                    "created_at", "updated_at", "case_id", "name", "caption_name", "role", "caption_position",
                    "pro_se", "prisoner_number", "institution", "pronoun", "terminated",
                ]  # fmt: skip
                _copy(cursor, "orders_party", party_columns, party_rows)
                order_rows = []
                for k in range(size):
                    case_id, judge_id, prisoner = case_info[k % len(case_info)]
                    key, title = rng.choice(ORDER_TYPES)
                    date = f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    body = _body(rng, seed_paragraphs, rare, rng.randint(1, 200), rng.choice(PRISONS))
                    if (existing + done + k) % 5000 == 17:  # the needle of the very rare word search
                        body += "\n\n" + RARE_SENTENCE
                    status = rng.choice(["filed", "filed", "filed", "signed", "draft", "ready"])
                    order_rows.append(
                        (now, now, case_id, key, judge_id, title, body, "{}", date, status, user.pk,
                         "drafted", False, "", "", "", 1)
                    )  # fmt: skip
                order_columns = [
                    "created_at", "updated_at", "case_id", "order_type", "judge_id", "title", "body", "details",
                    "date", "status", "created_by_id", "source", "needs_review", "content_sha256",
                    "imported_from", "source_text", "version",
                ]  # fmt: skip
                _copy(cursor, "orders_order", order_columns, order_rows)
            done += size
            bar.update(size)
    bar.close()
    print("VACUUM ANALYZE …")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE orders_order")
        cursor.execute("VACUUM ANALYZE orders_case")
        cursor.execute("VACUUM ANALYZE orders_party")


def queries():
    from orders.models import Judge

    judge = Judge.objects.order_by("pk").first()
    import datetime

    return [
        ("word (common)", {"q": "discovery"}),
        ("word (30% of orders)", {"q": "Calipatria"}),
        ("word (very rare)", {"q": "Lompoc"}),
        ("phrase", {"q": '"meet and confer"'}),
        ("or", {"q": "vacated or stricken"}),
        ("exclusion", {"q": "discovery -extension"}),
        ("word + judge", {"q": "reconsideration", "judge": judge}),
        ("phrase + prisoner + dates", {"q": '"good faith effort"', "prisoner": True,
                                       "date_from": datetime.date(2010, 1, 1), "date_to": datetime.date(2014, 12, 31)}),
        ("word + party", {"q": "moot", "party": "Crawford"}),
        ("case number", {"q": "3:05-cv-00100"}),
        ("newest first", {"q": "summary judgment", "sort": "date"}),
    ]  # fmt: skip


def measure(user, runs: int) -> dict[str, list[float]]:
    from django.db import reset_queries

    from orders.search import SearchParams, search_orders

    timings: dict[str, list[float]] = {}
    for label, spec in queries():
        params = SearchParams(**spec)
        search_orders(user, params)  # warm-up
        values = []
        for _ in range(runs):
            start = time.perf_counter()
            results = search_orders(user, params)
            [str(hit.snippet) for hit in results.hits]
            values.append((time.perf_counter() - start) * 1000)
            reset_queries()
        timings[label] = values
        total = results.total
        print(f"  {label:28} {total:>9,} hits  p50 {_p(values, 50):8.1f} ms", file=sys.stderr)
    return timings


def _p(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orders", type=int, default=100_000, help="How many orders (default 100,000).")
    parser.add_argument("--batch", type=int, default=5_000, help="Orders per COPY batch.")
    parser.add_argument("--runs", type=int, default=30, help="Runs per search with the GIN index.")
    parser.add_argument("--runs-without-index", type=int, default=5, help="Runs per search without it.")
    parser.add_argument("--seed", type=int, default=20161109)
    parser.add_argument("--skip-no-index", action="store_true", help="Do not measure without the index.")
    args = parser.parse_args()

    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        parser.error("the benchmark needs PostgreSQL (DATABASE_URL=postgres://…)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chambers.settings")
    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    load(args.orders, args.batch, args.seed)
    users = _users()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), pg_size_pretty(pg_total_relation_size('orders_order')) FROM orders_order"
        )
        count, size = cursor.fetchone()
        cursor.execute("SELECT pg_size_pretty(pg_relation_size('order_search_vector_gin'))")
        index_size = cursor.fetchone()[0]
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    load_average = os.getloadavg()
    print(
        f"\n{count:,} orders ({size} with TOAST and indexes; GIN index {index_size}); "
        f"{os.cpu_count()} CPUs, load average {load_average[0]:.2f} at the start (other work on the "
        f"machine counts); PostgreSQL jit={jit}"
    )

    with_index = {}
    for label, user in users.items():
        print(f"\nWith the GIN index, {label}:", file=sys.stderr)
        with_index[label] = measure(user, args.runs)
    without_index: dict[str, dict[str, list[float]]] = {}
    if not args.skip_no_index:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS order_search_vector_gin")
        try:
            for label, user in users.items():
                print(f"\nWithout the GIN index, {label}:", file=sys.stderr)
                without_index[label] = measure(user, args.runs_without_index)
        finally:
            print("Recreating the GIN index …", file=sys.stderr)
            with connection.cursor() as cursor:
                cursor.execute(
                    "CREATE INDEX order_search_vector_gin ON orders_order USING gin (search_vector)"
                )

    for label, timings in with_index.items():
        print(
            f"\n{label}: search latency in ms (the whole selector: candidates with count, rank and "
            f"facets, then the page of 20 with highlights), {args.runs} runs each"
        )
        print(f"{'search':28} {'p50':>8} {'p95':>8} {'max':>8} {'no-index p50':>13} {'ratio':>7}")
        slow_all = without_index.get(label, {})
        for query, values in timings.items():
            line = f"{query:28} {_p(values, 50):8.1f} {_p(values, 95):8.1f} {max(values):8.1f}"
            if query in slow_all:
                slow = statistics.median(slow_all[query])
                line += f" {slow:13.1f} {slow / max(statistics.median(values), 0.001):6.1f}x"
            print(line)
        all_values = [v for values in timings.values() for v in values]
        print(
            f"{'all searches':28} {_p(all_values, 50):8.1f} {_p(all_values, 95):8.1f} {max(all_values):8.1f}"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


def _users() -> dict:
    """Two users: one who sees every order (a member of all 40 chambers, the worst case) and a
    clerk of one chambers (the usual case)."""
    from django.contrib.auth import get_user_model

    from orders.models import ChambersMembership, Judge

    User = get_user_model()
    everyone = User.objects.get(username="bench")
    clerk = User.objects.filter(username="bench1").first() or User.objects.create_user(
        "bench1", password=None
    )
    ChambersMembership.objects.get_or_create(user=clerk, judge=Judge.objects.order_by("pk").first())
    seen = everyone.orders_created.count()
    return {
        f"user in all 40 chambers ({seen:,} orders visible)": everyone,
        f"clerk of one chambers ({Judge.objects.order_by('pk').first().orders.count():,} orders visible)": clerk,
    }


if __name__ == "__main__":
    main()
