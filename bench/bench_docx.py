"""Benchmark of the Word export and read-back (a script, not a test).

    .venv/bin/python bench/bench_docx.py [--iterations 30]

Exports the three seed orders and a five-page order (the same documents as ``bench_pdf.py``)
as DOCX many times in one warm process and prints the first export, the median and p95 (wall
clock) and the file size; then reads each exported file back (as an upload edited in Word is
read: the archive checks and the body) and prints the same figures. Goals: export ≤ 50 ms for
a two-page order, read-back ≤ 100 ms. The machine's load average is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chambers.settings")

import django  # noqa: E402

django.setup()

from bench.bench_pdf import orders  # noqa: E402
from orders.docx import build_docx, read_uploaded_docx  # noqa: E402
from orders.pdf import page_count, render_pdf  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(function, iterations: int) -> tuple[float, list[float]]:
    start = time.perf_counter()
    function()
    first = time.perf_counter() - start
    runs = []
    for _ in range(iterations):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return first, runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=30)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'order':20} {'pages':>5} {'':8} {'first':>10} {'median':>10} {'p95':>10} {'size':>9}")
    for name, document in orders().items():
        pages = page_count(render_pdf(document))
        data = build_docx(document, draft=True)
        first, runs = timed(lambda d=document: build_docx(d, draft=True), args.iterations)
        print(
            f"{name:20} {pages:5d} {'export':8} {ms(first):>10} {ms(statistics.median(runs)):>10} "
            f"{ms(p95(runs)):>10} {len(data) / 1024:7.1f} KB"
        )
        first, runs = timed(lambda d=data: read_uploaded_docx(d), args.iterations)
        print(
            f"{'':20} {'':5} {'read':8} {ms(first):>10} {ms(statistics.median(runs)):>10} {ms(p95(runs)):>10}"
        )
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("export: build_docx(draft=True); read: read_uploaded_docx (archive checks + body).")


if __name__ == "__main__":
    main()
