"""Benchmark of the pleading-paper renderer (a script, not a test).

    .venv/bin/python bench/bench_pdf.py [--iterations 20]

Renders the three seed orders and a five-page order many times in one warm process and
prints, per order: the cold first render, the median and p95 of warm renders (wall clock and
CPU time of this process), pages per second, and the ratio against a plain
``weasyprint.HTML(string=html).write_pdf()`` of the same HTML (stylesheet inlined) with
default options, measured in the same run, interleaved with ours. Warm renders bypass the
renderer's content cache (that is what it costs to render a changed order); the cached
lookup is timed separately. The machine's load average is printed: other processes on a
shared machine inflate wall-clock figures, not CPU time.

Needs no database: the orders are built as ``OrderDocument``s; the seed bodies are read from
tests/data/seeds by the app's past-order reader (``bench/_data.py``).
"""

from __future__ import annotations

import argparse
import datetime
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

import weasyprint  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.utils.html import escape  # noqa: E402

from bench._data import seed_body  # noqa: E402
from orders.models import Caption, CaptionSide  # noqa: E402
from orders.pdf import OrderDocument, page_count, render_pdf  # noqa: E402
from orders.pdf import render as renderer  # noqa: E402
from orders.pdf.geometry import PLEADING  # noqa: E402

HEADING = ["UNITED STATES DISTRICT COURT", "NORTHERN DISTRICT OF CALIFORNIA"]


def side(names: str, label: str) -> CaptionSide:
    return CaptionSide(names=names, label=label)


def orders() -> dict[str, OrderDocument]:
    crawford = OrderDocument(
        heading_lines=HEADING,
        caption=Caption(
            first=side("JAMES DARREN CRAWFORD,", "Plaintiff,"),
            second=side("JEFFREY BEARD, et al.,", "Defendants."),
        ),
        case_number="14-cv-05578-MEJ",
        case_number_label="Case No.",
        title="ORDER DENYING REQUEST FOR EXTENSION OF TIME",
        re_line="Re: Dkt. No. 53",
        body=seed_body("000_c1ee9db6c1f96a53.txt"),
        date=datetime.date(2016, 11, 9),
        judge_name="MARIA-ELENA JAMES",
        judge_title="United States Magistrate Judge",
    )
    luckert = OrderDocument(
        heading_lines=HEADING,
        caption=Caption(
            first=side("MICHAEL LANDON LUCKERT,", "Plaintiff,"), second=side("J. BRANNON,", "Defendant.")
        ),
        case_number="C 13-4426 EDL (PR)",
        case_number_label="No.",
        title="ORDER DENYING MOTION FOR DISCOVERY",
        re_line="Re: Dkt. No. 19",
        body=seed_body("001_9c96773eac860348.txt"),
        date=datetime.date(2014, 2, 10),
        judge_name="ELIZABETH D. LAPORTE",
        judge_title="United States Chief Magistrate Judge",
    )
    harrison = OrderDocument(
        heading_lines=HEADING,
        caption=Caption(
            first=side("MARCUS L. HARRISON,", "Plaintiff,"),
            second=side("Officer J. SAMPLE, et al.,", "Defendants."),
        ),
        case_number="C 07-959 SI (pr)",
        case_number_label="No.",
        title="ORDER DENYING DISCOVERY MOTION",
        re_line="Re: Dkt. No. 7",
        body=seed_body("002_07d43436c61bb95b.txt"),
        date=datetime.date(2007, 5, 18),
        judge_name="SUSAN ILLSTON",
        judge_title="United States District Judge",
    )
    long_body = "\n\n".join(
        [
            seed_body("000_c1ee9db6c1f96a53.txt"),
            "# BACKGROUND",
            seed_body("001_9c96773eac860348.txt"),
            "> " + seed_body("002_07d43436c61bb95b.txt").split("\n\n")[0],
            seed_body("002_07d43436c61bb95b.txt"),
            "# DISCUSSION",
            seed_body("000_c1ee9db6c1f96a53.txt"),
            seed_body("002_07d43436c61bb95b.txt"),
        ]
    )
    five = OrderDocument(**{**crawford.__dict__, "body": long_body, "title": "ORDER ON DISCOVERY MOTIONS"})
    return {
        "Crawford (seed 000)": crawford,
        "Luckert (seed 001)": luckert,
        "Harrison (seed 002)": harrison,
        "five-page order": five,
    }


# What the renderer draws outside WeasyPrint (orders/pdf/paper.py), written as HTML and CSS, so
# the plain call renders the same page: numbers 1-28 and the rules as fixed elements.
NAIVE_SHEET_CSS = """
.sheet { position: fixed; top: -72pt; left: -90pt; width: 612pt; height: 792pt; }
.sheet .numbers { position: absolute; top: 72pt; left: 0; width: 60pt; text-align: right; line-height: 24pt; }
.sheet .rule { position: absolute; top: 0; width: 0; height: 792pt; border-left: 0.75pt solid #000; }
.sheet .footer-rule { position: absolute; top: 750pt; left: 90pt; width: 468pt;
  border-top: 0.75pt solid #000; }
"""
NAIVE_SHEET_HTML = (
    '<div class="sheet"><div class="numbers">'
    + "".join(f"<div>{n}</div>" for n in range(1, 29))
    + '</div><div class="rule" style="left: 66pt"></div><div class="rule" style="left: 69pt"></div>'
    '<div class="rule" style="left: 566pt"></div><div class="footer-rule"></div></div>'
)


NAIVE_FOOTER_CSS = """
.footer-title { position: fixed; top: 680pt; left: 0; width: 438pt; font-size: 10pt; line-height: 12pt; }
"""


def plain_html(document: OrderDocument) -> str:
    """The same page as one HTML string with the stylesheet inlined: what a naive caller renders."""
    css = (
        PLEADING.stylesheet()
        + Path(finders.find(renderer.STYLESHEET)).read_text(encoding="utf-8")
        + NAIVE_SHEET_CSS
        + NAIVE_FOOTER_CSS
    )
    html = renderer.build_html(document, draft=True, conformed=False)
    html = html.replace("</head>", f"<style>{css}</style>\n</head>", 1)
    footer = f'<div class="footer-title">{escape(document.title)}</div>'
    return html.replace('<header class="court">', NAIVE_SHEET_HTML + footer + '\n<header class="court">', 1)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=20, help="warm renders per order (default 20)")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")

    documents = orders()
    start = time.perf_counter()
    cpu = time.process_time()
    first = renderer.render_pdf(next(iter(documents.values())))
    print(
        f"cold first render of the process (font check, stylesheet parse, fonts): "
        f"{ms(time.perf_counter() - start)} wall, {ms(time.process_time() - cpu)} CPU"
    )
    del first

    header = (
        f"{'order':20} {'pages':>5} {'first':>10} {'median':>10} {'p95':>10} {'CPU med':>10} "
        f"{'pages/s':>8} {'plain med':>10} {'plain CPU':>10} {'ratio':>6} {'CPU ratio':>9} {'cached':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, document in documents.items():
        render_options = {"final": False, "signature": "field", "pdfa": False}
        t = time.perf_counter()
        pdf = renderer._render_uncached(document, **render_options)
        first_render = time.perf_counter() - t
        pages = page_count(pdf)
        html = plain_html(document)
        ours, ours_cpu, plain, plain_cpu = [], [], [], []
        for _ in range(args.iterations):
            t, c = time.perf_counter(), time.process_time()
            renderer._render_uncached(document, **render_options)
            ours.append(time.perf_counter() - t)
            ours_cpu.append(time.process_time() - c)
            t, c = time.perf_counter(), time.process_time()
            weasyprint.HTML(string=html).write_pdf()
            plain.append(time.perf_counter() - t)
            plain_cpu.append(time.process_time() - c)
        render_pdf(document)  # fill the cache
        t = time.perf_counter()
        render_pdf(document)
        cached = time.perf_counter() - t
        median, cpu_median = statistics.median(ours), statistics.median(ours_cpu)
        print(
            f"{name:20} {pages:5d} {ms(first_render):>10} {ms(median):>10} {ms(p95(ours)):>10} "
            f"{ms(cpu_median):>10} {pages / median:8.1f} {ms(statistics.median(plain)):>10} "
            f"{ms(statistics.median(plain_cpu)):>10} {statistics.median(plain) / median:5.2f}x "
            f"{statistics.median(plain_cpu) / cpu_median:8.2f}x {cached * 1e6:6.0f} µs"
        )
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("median/p95: warm renders bypassing the cache (wall clock); CPU med: CPU time of this process;")
    print("plain: weasyprint.HTML(string=same page).write_pdf(), default options; ratio: plain / ours")
    print("(wall clock and CPU); cached: a second render_pdf of the same document.")


if __name__ == "__main__":
    main()
