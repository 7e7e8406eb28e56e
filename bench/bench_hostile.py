"""Hostile uploads against gunicorn, and the cost of reading archives in the sandbox.

A script, not a test. Part 1 starts gunicorn (one gthread worker, so its memory is the worker's)
on a free loopback port against a temporary SQLite database with the demo data, logs in as the
demo clerk and sends the adversarial review's hostile files (made here, ``_hostile_files.py``):
PDF bombs, a docket nesting 100,000 elements, a 20,000-entry docket, a DOCX zip bomb and a
deeply nested one, a 2.3 MB live preview, 50 past orders of 9.9 MB in one POST. For each it
prints the answer's status, whether the expected message is in it, the time, and the peak RSS
of the worker alone and of the worker with its sandbox children, above the idle worker's.

Part 2 imports an archive of generated past-order PDFs (``--files``, default 1,000) with
``manage.py import_orders`` in this process, twice on the same fresh database: once with the
readers in-process (``orders.sandbox.set_enabled(False)``) and once in the sandbox's child
processes, and prints files per second of each, and of text extraction alone.

Goals: each hostile file refused with its message in <= 2 s, peak RSS <= 300 MB above idle;
the sandboxed import at least half as fast as the unsandboxed one.

Usage:  .venv/bin/python bench/bench_hostile.py [--files 1000] [--skip-server] [--skip-archive]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _hostile_files as hostile
from bench._data import ROOT, seed_paths
from bench._forms import form_data

PYTHON = sys.executable
PASSWORD = "chambers-demo"  # noqa: S105 - the demo login
MB = 1024 * 1024
GOAL_SECONDS = 2.0
GOAL_RSS_MB = 300


# -- memory of the worker and its children ----------------------------------------------------


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def pss_kb(pid: int) -> int:
    """Proportional set size: a forked child's pages shared with the worker count half each."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                found.extend(int(child) for child in listing.read().split())
    except OSError:
        pass
    return found


class PeakSampler(threading.Thread):
    """Samples the worker's RSS, and the worker's plus its children's proportional set size (what
    they use together, shared pages counted once), every 2 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop, self.worker, self.total = pid, threading.Event(), 0, 0

    def run(self) -> None:
        while not self.stop.is_set():
            self.worker = max(self.worker, rss_kb(self.pid))
            together = pss_kb(self.pid) + sum(pss_kb(child) for child in children(self.pid))
            self.total = max(self.total, together)
            time.sleep(0.002)


# -- part 1: hostile files against gunicorn ---------------------------------------------------


Send = Callable[[httpx.Client], httpx.Response]


@dataclass
class Case:
    name: str
    send: Send | None
    expect: str  # what the answer must say
    prepare: Callable[[httpx.Client], Send] | None = None  # untimed set-up returning ``send``


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post(
    client: httpx.Client, url: str, data: dict | None = None, files=None, *, follow: bool = False
) -> httpx.Response:
    fields = {**(data or {}), "csrfmiddlewaretoken": client.cookies.get("csrftoken", "")}
    referer = {"Referer": str(client.base_url) + url}
    return client.post(url, data=fields, files=files, headers=referer, follow_redirects=follow)


def upload(url: str, field: str, name: str, data: bytes) -> Callable[[httpx.Client], httpx.Response]:
    return lambda client: post(client, url, files=[(field, (name, data, "application/octet-stream"))])


def many(url: str, count: int, size: int) -> Callable[[httpx.Client], httpx.Response]:
    body = b"The motion is denied. " * (size // 22)  # one object sent ``count`` times
    return lambda client: post(
        client, url, files=[("files", (f"o{n}.txt", body, "text/plain")) for n in range(count)]
    )


def preview(case_id: int, body_chars: int) -> Callable[[httpx.Client], Send]:
    """Walks a new draft to the review step (untimed), then the timed request: the live preview
    with the first paragraph ``body_chars`` long."""

    def prepare(client: httpx.Client) -> Send:
        page = client.get(f"/cases/{case_id}/draft/", follow_redirects=True)  # to the wizard's own URL
        url = page.url.path
        data, choices = form_data(page.text)
        if not choices:
            sys.exit(f"no order type offered at {url} (HTTP {page.status_code})")
        data["order_type-order_type"] = [choices[0]]
        for _ in range(4):
            answer = post(client, url, data, follow=True)  # each step redirects to the draft
            data, _ = form_data(answer.text)
            offered = re.findall(
                r'<input[^>]*name="entries-entries"[^>]*value="(\d+)"|<input[^>]*value="(\d+)"[^>]*name="entries-entries"',
                answer.text,
            )
            offered = [a or b for a, b in offered]
            if offered and not data.get("entries-entries"):
                data["entries-entries"] = offered[:1]  # none ticked for this order type: tick one
            if "entries-second_order" in answer.text:
                data["entries-second_order"] = ["on"]  # the demo's draft rules on it already
            if (data.get("order_wizard-current_step") or [""])[0] == "review":
                break
        sentence = "The Court has considered the motion, the opposition and the reply. "
        data["review-paragraph_0"] = [(sentence * (body_chars // len(sentence) + 1))[:body_chars]]
        return lambda client: post(client, url, {**data, "preview": "1"})

    return prepare


def hostile_cases(order_id: int, case_id: int) -> list[Case]:
    """The files sent (``BENCH_ONLY=word`` keeps those whose name has the word)."""
    only = os.environ.get("BENCH_ONLY")
    return [case for case in _cases(order_id, case_id) if not only or only in case.name]


def _cases(order_id: int, case_id: int) -> list[Case]:
    imports, dockets, word = "/orders/import/", "/dockets/import/", f"/orders/{order_id}/docx/upload/"
    ordinary = archive_pdf(0)
    return [
        Case("(for comparison) an ordinary past order",
             upload(imports, "files", "ordinary.pdf", ordinary), "Imported"),
        Case("PDF bomb, 12 MB of text operators",
             upload(imports, "files", "b.pdf", hostile.pdf_bomb(12)), "too complex"),
        Case("PDF bomb, 48 MB of text operators",
             upload(imports, "files", "b.pdf", hostile.pdf_bomb(48)), "too complex"),
        Case("docket nesting 100,000 elements",
             upload(dockets, "file", "d.html", hostile.nested_html_docket()), "nests its HTML"),
        Case("docket with 20,000 entries",
             upload(dockets, "file", "d.html", hostile.docket_with_entries()), "rows"),
        Case("DOCX zip bomb (60 MB inflated)",
             upload(word, "file", "w.docx", hostile.docx_bomb()), "refused as unsafe"),
        Case("DOCX nesting 100,000 tables",
             upload(word, "file", "w.docx", hostile.docx_deep_nesting()), "refused as unsafe"),
        Case("live preview of a 2.3 MB text", None, "longer than 100,000", preview(case_id, 2_300_000)),
        Case("live preview near the limit (95,000 chars)", None, '"more": true', preview(case_id, 95_000)),
        Case("5 past orders of 9.9 MB in one POST", many(imports, 5, int(9.9 * MB)), "too much text"),
        Case("10 past orders of 9.9 MB in one POST", many(imports, 10, int(9.9 * MB)), "The files add up to"),
        Case("50 past orders of 9.9 MB in one POST", many(imports, 50, int(9.9 * MB)), "The files add up to"),
    ]  # fmt: skip


def run(cmd: list[str], env: dict) -> str:
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)  # noqa: S603
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def warm_up(client: httpx.Client, order_id: int) -> None:
    """What a worker has done before the first hostile file: pages, a real PDF, docket and DOCX."""
    client.get("/")
    pdf = hostile.simple_pdf([["UNITED STATES DISTRICT COURT", "IT IS SO ORDERED."]])
    upload("/orders/import/", "files", "ok.pdf", pdf)(client)
    docket = (ROOT / "tests" / "data" / "dockets" / "cand.html").read_bytes()
    upload("/dockets/import/", "file", "cand.html", docket)(client)
    upload(f"/orders/{order_id}/docx/upload/", "file", "w.docx", hostile.docx_with_paragraphs(["x"]))(client)


def server_part(tmp: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chambers.settings",
        "DATABASE_URL": f"sqlite:///{tmp / 'server.sqlite3'}",
        "RENDER_CACHE_URL": f"filecache://{tmp / 'renders'}",
        "DEBUG": "False",
        "ALLOWED_HOSTS": "127.0.0.1",
        "ORDERS_LOG_LEVEL": "ERROR",
        "TMPDIR": str(tmp),
    }
    print("Setting up a temporary SQLite database with the demo data…", flush=True)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run([PYTHON, "manage.py", "load_demo"], env)
    with sqlite3.connect(tmp / "server.sqlite3") as db:
        order_id = db.execute(
            "SELECT id FROM orders_order WHERE status = 'draft' ORDER BY id LIMIT 1"
        ).fetchone()[0]
        case_id = db.execute("SELECT case_id FROM orders_order WHERE id = ?", (order_id,)).fetchone()[0]
    port = free_port()
    gunicorn = subprocess.Popen(  # noqa: S603 - our own fixed command
        [str(Path(PYTHON).parent / "gunicorn"), "chambers.wsgi", "-b", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "2", "--worker-class", "gthread", "--timeout", "300", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300)
        for _ in range(150):
            try:
                if client.get("/accounts/login/").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start")
        post(client, "/accounts/login/", {"username": "clerk", "password": PASSWORD})
        worker = children(gunicorn.pid)[0]
        warm_up(client, order_id)
        idle = rss_kb(worker), pss_kb(worker)
        print(f"\ngunicorn on 127.0.0.1:{port}, 1 worker (pid {worker}), idle RSS {idle[0] / 1024:.0f} MB; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")  # fmt: skip
        report_cases(client, worker, idle, hostile_cases(order_id, case_id))
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


def report_cases(client: httpx.Client, worker: int, idle: tuple[int, int], cases: list[Case]) -> None:
    header = (
        f"{'file':44} {'status':>6} {'message':>8} {'time s':>7} {'worker +MB':>10} {'+children +MB':>13}"
    )
    print(header)
    print("-" * len(header))
    met = True
    for case in cases:
        send = case.prepare(client) if case.prepare else case.send
        assert send is not None
        sampler = PeakSampler(worker)
        sampler.start()
        started = time.perf_counter()
        response = send(client)
        elapsed = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        said = case.expect in response.text
        if not said and os.environ.get("BENCH_DEBUG"):
            print(response.text[:300])
        worker_mb, total_mb = (sampler.worker - idle[0]) / 1024, (sampler.total - idle[1]) / 1024
        ok = said and elapsed <= GOAL_SECONDS and total_mb <= GOAL_RSS_MB
        met &= ok
        print(f"{case.name:44} {response.status_code:>6} {'yes' if said else 'NO':>8} {elapsed:>7.2f} "
              f"{worker_mb:>10.0f} {total_mb:>13.0f}{'' if ok else '  <- goal missed'}")  # fmt: skip
    goals = f"message, <= {GOAL_SECONDS:.0f} s, <= {GOAL_RSS_MB} MB above idle"
    print(f"\nGoals ({goals}): {'met' if met else 'NOT met'}")


# -- part 2: an archive of past orders, sandboxed and not --------------------------------------

_NUMBERS = {
    "000": ("14-cv-05578", "14-cv-{n:05d}"),
    "001": ("13-4426", "13-{m}"),
    "002": ("07-959", "07-{m}"),
}


def archive_pdf(n: int) -> bytes:
    """Past order ``n`` as a PDF: one of the three seed orders' texts with a case number of its own."""
    path = seed_paths()[n % 3]
    old, new = _NUMBERS[path.name[:3]]
    text = path.read_text(encoding="utf-8").replace(old, new.format(n=n + 10_000, m=n + 10_000))
    lines = text.splitlines()
    return hostile.simple_pdf([lines[i : i + 46] for i in range(0, len(lines), 46)])


def archive(directory: Path, count: int) -> list[Path]:
    """``count`` past orders as PDFs (``archive_pdf``)."""
    paths = []
    for n in range(count):
        path = directory / f"order-{n:04d}.pdf"
        path.write_bytes(archive_pdf(n))
        paths.append(path)
    return paths


def archive_part(tmp: Path, count: int) -> None:
    database = tmp / "archive.sqlite3"
    os.environ.update(DJANGO_SETTINGS_MODULE="chambers.settings", DATABASE_URL=f"sqlite:///{database}")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connections

    from orders import sandbox
    from orders.importing import read_order_file
    from orders.models import Order

    folder = tmp / "archive"
    folder.mkdir()
    print(f"\nGenerating {count} past-order PDFs and a fresh database…", flush=True)
    paths = archive(folder, count)
    call_command("migrate", verbosity=0)
    User.objects.create_superuser("bench", "bench@example.invalid", "x")
    connections.close_all()
    shutil.copy(database, tmp / "pristine.sqlite3")
    print(f"load average {os.getloadavg()[0]:.1f}\n")
    print(f"{'':22} {'extraction files/s':>19} {'import files/s':>15} {'imported':>9}")
    rates = {}
    for label, enabled in (("in-process", False), ("sandboxed", True)):
        sandbox.set_enabled(enabled)
        started = time.perf_counter()
        for path in paths:
            read_order_file(path.name, path.read_bytes())
        extraction = count / (time.perf_counter() - started)
        connections.close_all()
        shutil.copy(tmp / "pristine.sqlite3", database)
        started = time.perf_counter()
        with open(os.devnull, "w") as devnull:
            call_command(
                "import_orders", str(folder), user="bench", no_progress=True, stdout=devnull, stderr=devnull
            )
        rates[label] = count / (time.perf_counter() - started)
        imported = Order.objects.filter(source=Order.Source.IMPORTED).count()
        print(f"{label:22} {extraction:>19.1f} {rates[label]:>15.1f} {imported:>9}")
    sandbox.set_enabled(True)
    ratio = rates["sandboxed"] / rates["in-process"]
    print(f"\nThe sandboxed import runs at {ratio:.0%} of the in-process speed "
          f"(goal: at least 50%): {'met' if ratio >= 0.5 else 'NOT met'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--files", type=int, default=1000, help="past-order PDFs in the archive (default 1,000)"
    )
    parser.add_argument("--skip-server", action="store_true", help="only the archive import")
    parser.add_argument("--skip-archive", action="store_true", help="only the hostile files")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    try:
        if not args.skip_server:
            server_part(tmp)
        if not args.skip_archive:
            archive_part(tmp, max(1, min(args.files, 20_000)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
