"""Load test: 20 simulated chambers staff drafting orders through the wizard at once.

A script, not a test. It starts gunicorn on 127.0.0.1 with ``chambers.settings_production``
against a fresh PostgreSQL database (``chambers_load``), collects the static files, loads the demo
data and creates the staff accounts; then each simulated clerk (one thread, one HTTP session)
logs in and, until the time is up, drafts an order in a random case through every wizard step,
asks for the live preview, opens the order page and a page image, downloads the PDF and searches
(if the search page exists). Loopback only, bounded loops.

It prints requests per second, p50/p95 per page and the errors, then checks in the database that
every order it created is there, complete (title, text, docket entries when its type needs
them), with its history version and its audit event; and that no order of the staff accounts is
half-saved.

``--restart-postgres`` restarts the PostgreSQL cluster in the middle of the run: requests in
flight may fail cleanly, the app must recover by itself (CONN_HEALTH_CHECKS) and no order may
be half-saved. NOTE: this restarts the machine's shared cluster.

Usage:  .venv/bin/python bench/load_wizard.py [--users 20] [--duration 60] [--restart-postgres]
Goals:  p95 <= 300 ms for wizard steps and <= 1 s for a PDF download on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._forms import form_data  # noqa: E402

PYTHON = sys.executable
PASSWORD = "load-test-password-1"  # noqa: S105 - throwaway accounts in a throwaway database
WIZARD_PAGES = (
    "wizard:start",
    "wizard:order_type",
    "wizard:entries",
    "wizard:details",
    "wizard:autosave",
    "wizard:finish",
)
RENDER_PAGES = ("pdf download", "wizard:preview")  # a PDF rendered: the 1 s goal
MAX_ROUNDS = 500  # per user: the loop is bounded even if the clock misbehaves


# -- One simulated clerk ------------------------------------------------------------------------


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    orders: list[int] = field(default_factory=list)
    requests: int = 0
    retries: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def retry(self, page: str) -> None:
        with self.lock:
            self.retries[page] += 1

    def add(self, page: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.requests += 1
            self.timings[page].append(seconds)
            if error:
                self.errors[page].append(error)


class Clerk(threading.Thread):
    def __init__(
        self, base: str, username: str, case_ids: list[int], deadline: float, results: Results, search: bool
    ) -> None:
        super().__init__(daemon=True)
        self.base, self.username, self.case_ids = base, username, case_ids
        self.deadline, self.results, self.search = deadline, results, search
        self.http = httpx.Client(
            base_url=base, timeout=60, follow_redirects=False, limits=httpx.Limits(keepalive_expiry=3.0)
        )  # a kept-alive connection is dropped before gunicorn's --keep-alive 5 closes it
        self.random = random.Random(username)
        self.think = 0.0
        self.logged_in = threading.Event()
        self.go = threading.Event()

    def pause(self) -> None:
        """A person reads the page before the next click (0.5 to 1.5 times ``--think``)."""
        if self.think:
            time.sleep(self.think * self.random.uniform(0.5, 1.5))

    def request(self, page: str, method: str, url: str, *, expect: tuple[int, ...] = (200,), **kwargs):
        started = time.perf_counter()
        try:
            try:
                response = self.http.request(method, url, **kwargs)
            except (httpx.ReadError, httpx.RemoteProtocolError):
                if method != "GET":
                    raise
                # The server closed a kept-alive connection as the request went out: a browser
                # sends a GET again on a new connection, and so does the clerk (counted apart).
                self.results.retry(page)
                response = self.http.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            self.results.add(page, time.perf_counter() - started, f"{type(error).__name__}: {error}")
            return None
        elapsed = time.perf_counter() - started
        error = None if response.status_code in expect else f"HTTP {response.status_code} {method} {url}"
        self.results.add(page, elapsed, error)
        return response if error is None else None

    def csrf(self) -> str:
        return self.http.cookies.get("csrftoken", "")

    def post(self, page: str, url: str, data: dict, *, expect=(200,), **kwargs):
        return self.request(
            page,
            "POST",
            url,
            data={**data, "csrfmiddlewaretoken": self.csrf()},
            headers={"Referer": self.base + url},
            expect=expect,
            **kwargs,
        )

    def login(self) -> bool:
        page = self.request("login", "GET", "/accounts/login/")
        if page is None:
            return False
        response = self.post(
            "login", "/accounts/login/", {"username": self.username, "password": PASSWORD}, expect=(302,)
        )
        return response is not None

    def run(self) -> None:
        ok = self.login()
        self.logged_in.set()
        if not ok:
            return
        self.go.wait()
        for _ in range(MAX_ROUNDS):
            if time.monotonic() >= self.deadline:
                break
            try:
                self.one_order()
            except Exception as error:  # a broken page must not end the run silently
                self.results.add("unexpected", 0.0, f"{type(error).__name__}: {error}")
        self.http.close()

    def one_order(self) -> None:
        self.request("home", "GET", "/")
        case_id = self.random.choice(self.case_ids)
        self.pause()
        # The start URL makes the wizard draft and redirects to its own URL: one click, timed
        # with the redirect followed (as every step below: its POST answers 303, then the GET).
        response = self.request("wizard:start", "GET", f"/cases/{case_id}/draft/", follow_redirects=True)
        if response is None:
            return
        url = response.url.path
        data, choices = form_data(response.text)
        if not choices:
            self.results.add("wizard:order_type", 0.0, f"no order types offered in case {case_id}")
            return
        data["order_type-order_type"] = [choices[0]]  # the first fits the case's pending entries
        for _ in range(4):  # order_type → (entries) → details → review
            step = (data.get("order_wizard-current_step") or ["?"])[0]
            self.pause()
            response = self.post(f"wizard:{step}", url, data, follow_redirects=True)
            if response is None:
                return
            data, _ = form_data(response.text)
            if (data.get("order_wizard-current_step") or [""])[0] == "review":
                break
        else:
            self.results.add("wizard:review", 0.0, "never reached the review step")
            return
        self.post("wizard:preview", url, {**data, "preview": "1"})
        typed = {**data, "autosave": "1"}
        typed["review-paragraph_0"] = [(data.get("review-paragraph_0") or [""])[0] + " Typed."]
        saved = self.post("wizard:autosave", url, typed)
        if saved is not None:  # the page keeps the draft's new revision, as the page's script does
            data["draft_revision"] = [str(saved.json().get("revision", ""))]
            data["review-paragraph_0"] = typed["review-paragraph_0"]
        self.pause()
        response = self.post("wizard:finish", url, data, expect=(302,))
        if response is None:
            return
        match = re.search(r"/orders/(\d+)/$", response.headers.get("location", ""))
        if not match:
            self.results.add("wizard:finish", 0.0, f"unexpected redirect {response.headers.get('location')}")
            return
        order_id = int(match.group(1))
        with self.results.lock:
            self.results.orders.append(order_id)
        self.request("order page", "GET", f"/orders/{order_id}/")
        self.request("page preview png", "GET", f"/orders/{order_id}/pages/1.png")
        self.pause()
        self.request("pdf download", "GET", f"/orders/{order_id}/pdf/")
        if self.search:
            self.pause()
            self.request(
                "search", "GET", "/search/", params={"q": self.random.choice(["Beard", "13-4426", "Sample"])}
            )


# -- Set-up, run, report, check -----------------------------------------------------------------


def run(cmd: list[str], env: dict, **kwargs) -> str:
    result = subprocess.run(  # noqa: S603 - our own fixed commands
        cmd,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )
    if result.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


SETUP_USERS = """
from django.contrib.auth import get_user_model
from orders.models import ChambersMembership, Judge, Case
User = get_user_model()
judges = list(Judge.objects.all())
for n in range(1, {users} + 1):
    user, _ = User.objects.get_or_create(username=f"staff{{n:02d}}", defaults={{"first_name": "Staff"}})
    user.set_password({password!r}); user.save()
    for judge in judges:
        ChambersMembership.objects.get_or_create(user=user, judge=judge, defaults={{"role": "clerk"}})
print(",".join(str(pk) for pk in Case.objects.values_list("pk", flat=True)))
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes (2 × cores + 1)")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="seconds a person spends on a page before the next click (0.5x to 1.5x; 0 = none)",
    )
    parser.add_argument("--database", default="chambers_load")
    parser.add_argument("--pg-port", type=int, default=5432, help="PostgreSQL port on 127.0.0.1")
    parser.add_argument(
        "--pg-cluster",
        default="15/main",
        help="the cluster --restart-postgres restarts (version/name, e.g. a private one: "
        "pg_createcluster 15 bench -p 5439 -- --auth-host=trust)",
    )
    parser.add_argument(
        "--restart-postgres",
        action="store_true",
        help="restart the PostgreSQL cluster halfway (pg_ctlcluster 15 main restart)",
    )
    args = parser.parse_args()
    args.users = max(1, min(args.users, 100))
    args.duration = max(5.0, min(args.duration, 600.0))

    database_url = f"postgres://postgres@127.0.0.1:{args.pg_port}/{args.database}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chambers.settings_production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "SESSION_COOKIE_SECURE": "False",  # plain HTTP on loopback: the client must get its cookies back
        "CSRF_COOKIE_SECURE": "False",
        "DEBUG": "False",
        "DATABASE_URL": database_url,
        "AXES_FAILURE_LIMIT": "50",
        "ORDERS_LOG_LEVEL": "ERROR",
    }
    print(
        f"Setting up {args.database} (fresh database, migrate, collectstatic, demo data, {args.users} users)…"
    )
    fresh = (f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)", f"CREATE DATABASE {args.database}")
    for statement in fresh:
        psql = ["psql", "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres", "-q", "-c", statement]
        run(psql, env)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    run([PYTHON, "manage.py", "load_demo"], env)
    out = run(
        [PYTHON, "manage.py", "shell", "-c", SETUP_USERS.format(users=args.users, password=PASSWORD)], env
    )
    case_ids = [int(pk) for pk in out.strip().splitlines()[-1].split(",")]

    gunicorn = subprocess.Popen(  # noqa: S603 - our own fixed command
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "chambers.wsgi",
            "-b",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(base + "/accounts/login/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start")
        search = httpx.get(base + "/search/", timeout=5).status_code != 404  # anonymous: 302 if it exists

        results = Results()
        restart_note = ""
        clerks = [
            Clerk(base, f"staff{n:02d}", case_ids, 0.0, results, search) for n in range(1, args.users + 1)
        ]
        for clerk in clerks:
            clerk.think = args.think
            clerk.start()
        for clerk in clerks:  # everybody logs in first (one slow password hash each), then the clock runs
            clerk.logged_in.wait(timeout=300)
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        for clerk in clerks:
            clerk.deadline = started + args.duration
            clerk.go.set()
        print(
            f"{args.users} staff logged in; drafting for {args.duration:.0f} s (think time {args.think} s) "
            f"against gunicorn ({args.workers} workers × {args.threads} threads) on {base}; "
            f"search page: {'yes' if search else 'no'}"
        )
        if args.restart_postgres:
            time.sleep(args.duration / 2)
            t0 = time.monotonic()
            version, name = args.pg_cluster.split("/")
            restart = ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"]
            subprocess.run(restart, check=False)  # noqa: S603 - a fixed command
            restart_note = (
                f"PostgreSQL restarted at t={t0 - started:.1f} s (took {time.monotonic() - t0:.1f} s)"
            )
            print(restart_note)
        for clerk in clerks:
            clerk.join(timeout=args.duration + 120)
        elapsed = time.monotonic() - started
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)

    restart_note += (
        f"\nMachine load average (1 min): {load_before:.1f} when the run started, "
        f"{os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} cores (other processes included)."
    )
    report(results, elapsed, restart_note)
    check_database(results, database_url, [f"staff{n:02d}" for n in range(1, args.users + 1)])


def report(results: Results, elapsed: float, restart_note: str) -> None:
    errors = sum(len(v) for v in results.errors.values())
    timed = results.requests - len(results.timings.get("login", []))  # logins happen before the clock
    print(
        f"\n{timed} requests in {elapsed:.1f} s = {timed / elapsed:.1f} requests/s; "
        f"{len(results.orders)} orders drafted; {errors} errors"
    )
    if restart_note:
        print(restart_note.strip())
    print(f"\n{'page':<20} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7}  goal")
    for page in sorted(results.timings):
        times = [t for t in results.timings[page] if t > 0] or [0.0]
        p50, p95 = statistics.median(times) * 1000, percentile(times, 0.95) * 1000
        goal = 300 if page in WIZARD_PAGES else 1000 if page in RENDER_PAGES else None
        verdict = "" if goal is None else (f"≤{goal} ok" if p95 <= goal else f"≤{goal} MISSED")
        print(
            f"{page:<20} {len(results.timings[page]):>6} {p50:>8.0f} {p95:>8.0f} {max(times) * 1000:>8.0f} "
            f"{len(results.errors.get(page, [])):>7}  {verdict}"
        )
    if results.retries:
        retried = ", ".join(f"{page} {n}" for page, n in sorted(results.retries.items()))
        print(f"GETs sent again after the server closed a kept-alive connection (as browsers do): {retried}")
    for page, messages in results.errors.items():
        print(f"  {page}: {messages[0]}" + (f" (and {len(messages) - 1} more)" if len(messages) > 1 else ""))


def check_database(results: Results, database_url: str, usernames: list[str]) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "chambers.settings"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from orders.models import AuditEvent, Order
    from orders.order_types import registry

    problems = []
    orders = {
        o.pk: o
        for o in Order.objects.filter(created_by__username__in=usernames).prefetch_related("docket_entries")
    }
    missing = sorted(set(results.orders) - set(orders))
    if missing:
        problems.append(f"{len(missing)} orders the app confirmed are missing: {missing[:10]}")
    history = set(Order.history.filter(id__in=list(orders)).values_list("id", flat=True))
    audited = set(
        AuditEvent.objects.filter(action="created", order_ref__in=list(orders)).values_list(
            "order_ref", flat=True
        )
    )
    for order in orders.values():
        needs_entries = getattr(registry.get(order.order_type), "needs_entries", False)
        if not order.title.strip() or not order.body.strip():
            problems.append(f"order {order.pk} has no title or text")
        if needs_entries and not order.docket_entries.all():
            problems.append(f"order {order.pk} ({order.order_type}) has no docket entry")
        if order.pk not in history:
            problems.append(f"order {order.pk} has no history version")
        if order.pk not in audited:
            problems.append(f"order {order.pk} has no 'created' audit event")
    unconfirmed = len(set(orders) - set(results.orders))
    print(
        f"\nDatabase check: {len(orders)} orders by the staff accounts ({unconfirmed} saved but not "
        f"confirmed to the client, e.g. cut off at the end or by the restart); "
        + ("all complete, each with its history version and audit event." if not problems else "PROBLEMS:")
    )
    for problem in problems[:20]:
        print("  " + problem)
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
