"""The pleading-paper PDF, read back with pdfplumber and pypdf and measured."""

from __future__ import annotations

import datetime
import io
import itertools
from dataclasses import replace

import pytest
from pypdf import PdfReader

from orders.models import Caption, CaptionSide
from orders.pdf import (
    FontMissingError,
    fonts,
    page_count,
    render,
    render_page_png,
    render_pdf,
)
from orders.pdf import fetcher as fetcher_module

from .pdf_helpers import (
    FOOTER_TOP,
    GRID,
    PAGE_HEIGHT,
    RULE_LEFT,
    TEXT_LEFT,
    TOLERANCE,
    body_of,
    body_text,
    crawford,
    distance_to_grid,
    footer_chars,
    lines_of,
    normalise,
    number_lines,
    open_pdf,
    text_chars,
    watermark_shapes,
)
from .pdf_seed_texts import seed_body, seed_names, seed_sentences

# Bodies that give a one-, two- and five-page order (checked by test_page_counts).
LENGTHS = {1: 2, 2: 5, 5: 22}


@pytest.fixture(scope="module")
def orders_by_pages() -> dict[int, bytes]:
    return {pages: render_pdf(crawford(body=body_of(paragraphs))) for pages, paragraphs in LENGTHS.items()}


def test_page_counts(orders_by_pages):
    assert {pages: page_count(pdf) for pages, pdf in orders_by_pages.items()} == {1: 1, 2: 2, 5: 5}


def test_us_letter(orders_by_pages):
    with open_pdf(orders_by_pages[2]) as document:
        assert {(page.width, page.height) for page in document.pages} == {(612, 792)}


@pytest.mark.parametrize("pages", sorted(LENGTHS))
def test_every_page_numbers_lines_1_to_28_at_a_24pt_pitch_right_aligned(orders_by_pages, pages):
    with open_pdf(orders_by_pages[pages]) as document:
        for page in document.pages:
            numbers = number_lines(page)
            assert [line.text for line in numbers] == [str(n) for n in range(1, 29)]
            baselines = [line.baseline for line in numbers]
            assert baselines[0] == pytest.approx(PAGE_HEIGHT - 72 - 16.05, abs=0.1)
            assert all(a - b == pytest.approx(GRID, abs=0.01) for a, b in itertools.pairwise(baselines))
            right_edges = {round(line.x1, 2) for line in numbers}
            assert len(right_edges) == 1 and right_edges.pop() < RULE_LEFT
            assert {round(c["size"], 2) for line in numbers for c in line.chars} == {12}


@pytest.mark.parametrize("pages", sorted(LENGTHS))
def test_every_double_spaced_line_sits_on_a_numbers_baseline(orders_by_pages, pages):
    with open_pdf(orders_by_pages[pages]) as document:
        for index, page in enumerate(document.pages):
            grid = [line.baseline for line in number_lines(page)]
            lines = lines_of(text_chars(page))
            body_lines = [
                line for line in lines if "plain sentence" in line.text or "sentence number" in line.text
            ]
            assert body_lines, f"page {index + 1} has no body text"
            for line in body_lines:
                assert distance_to_grid(line.baseline, grid) <= TOLERANCE, (index, line.text)
            # Everything else (caption, ending) is on the numbers or half-way between them.
            half_grid = grid + [b - GRID / 2 for b in grid]
            for line in lines:
                assert distance_to_grid(line.baseline, half_grid) <= TOLERANCE, (index, line.text)


def test_single_spaced_quotes_keep_the_text_after_them_on_the_numbers():
    quotes = ["quoted " * n for n in (10, 25, 40, 55)]  # one, two, three and four lines
    body = "\n\n".join(f"{body_of(1, 2, start=i * 2)}\n\n> {q.strip()}" for i, q in enumerate(quotes))
    body += "\n\n" + body_of(3, start=50)
    pdf = render_pdf(crawford(body=body))
    quote_lines = 0
    with open_pdf(pdf) as document:
        for page in document.pages:
            grid = [line.baseline for line in number_lines(page)]
            half_grid = [b - GRID / 2 for b in grid]
            for line in lines_of(text_chars(page)):
                if line.text.startswith("quoted"):
                    quote_lines += 1
                    assert distance_to_grid(line.baseline, grid + half_grid) <= TOLERANCE
                    assert line.x0 > TEXT_LEFT + 40  # indented
                elif "plain sentence" in line.text or "sentence number" in line.text:
                    assert distance_to_grid(line.baseline, grid) <= TOLERANCE, line.text
    assert quote_lines >= 10
    # Single-spaced: two quote lines per numbered line.
    with open_pdf(pdf) as document:
        quoted = [line for line in lines_of(text_chars(document.pages[0])) if line.text.startswith("quoted")]
    pitches = {round(a.baseline - b.baseline, 2) for a, b in itertools.pairwise(quoted)}
    assert 12.0 in pitches


def test_double_rule_left_of_the_numbers_and_single_rule_at_the_right(orders_by_pages):
    with open_pdf(orders_by_pages[5]) as document:
        for page in document.pages:
            vertical = [r for r in page.rects if r["height"] >= 700 and r["width"] > 0]
            left = sorted(r["x0"] for r in vertical if r["x0"] < TEXT_LEFT)
            right = [r["x0"] for r in vertical if r["x0"] > 560]
            assert len(left) == 2 and left[1] - left[0] == pytest.approx(3, abs=0.5)
            assert max(line.x1 for line in number_lines(page)) <= left[0]
            assert len(right) == 1
            assert max(c["x1"] for c in text_chars(page)) < right[0]


def test_caption_on_page_one():
    pdf = render_pdf(crawford())
    with open_pdf(pdf) as document:
        page = document.pages[0]
        chars = text_chars(page)
        centre = (TEXT_LEFT + 2 + 558) / 2
        middle = 334  # the parties' column ends at the box rule
        left = lines_of([c for c in chars if c["x1"] <= middle and 130 < c["top"] < 250])
        right = lines_of([c for c in chars if c["x0"] > middle and 130 < c["top"] < 250])
        heading = lines_of([c for c in chars if c["top"] < 130])
        rules = page.lines + page.rects

    assert [line.text for line in heading] == [
        "UNITED STATES DISTRICT COURT",
        "NORTHERN DISTRICT OF CALIFORNIA",
    ]
    for line in heading:
        assert (line.x0 + line.x1) / 2 == pytest.approx(centre, abs=2)
    parties = [line.text.strip() for line in left]
    assert parties == ["JAMES DARREN CRAWFORD,", "Plaintiff,", "v.", "JEFFREY BEARD, et al.,", "Defendants."]
    info = [line.text.strip() for line in right]
    assert info == [
        "Case No. 14-cv-05578-MEJ",
        "ORDER DENYING REQUEST FOR",
        "EXTENSION OF TIME",
        "Re: Dkt. No. 53",
    ]
    title_chars = [c for line in right[1:3] for c in line.chars if c["text"].strip()]
    assert all("Bold" in c["fontname"] for c in title_chars)
    # The box rule closes the parties: a rule at their right and under them (a border drawn as
    # an outer box minus an inner one, same left and top, 0.75pt wider and taller).
    boxes = sorted(
        (r for r in rules if 60 < r["height"] < 300 and r["x0"] == pytest.approx(TEXT_LEFT + 2)),
        key=lambda r: r["width"],
    )
    inner, outer = boxes[0], boxes[-1]
    assert outer["x1"] - inner["x1"] == pytest.approx(0.75) and outer["bottom"] - inner[
        "bottom"
    ] == pytest.approx(0.75)
    assert outer["top"] == inner["top"]
    assert all(line.x1 < inner["x1"] for line in left)
    assert inner["bottom"] > max(c["bottom"] for line in left for c in line.chars)


@pytest.mark.parametrize(
    "changes",
    [
        {
            "title": "ORDER GRANTING IN PART AND DENYING IN PART PLAINTIFF'S MOTION TO COMPEL FURTHER "
            "RESPONSES "
            "TO INTERROGATORIES AND REQUESTS FOR PRODUCTION OF DOCUMENTS"
        },
        {
            "caption": Caption(
                first=CaptionSide(
                    names="THE PEOPLE OF THE STATE OF CALIFORNIA,",
                    label="Plaintiffs,",
                ),
                second=CaptionSide(names="JEFFREY BEARD, et al.,", label="Defendants."),
            )
        },
    ],
)
def test_a_caption_that_wraps_keeps_the_body_on_the_numbers(changes):
    pdf = render_pdf(crawford(body=body_of(3), **changes))
    with open_pdf(pdf) as document:
        for page in document.pages:
            grid = [line.baseline for line in number_lines(page)]
            for line in lines_of(text_chars(page)):
                if "plain sentence" in line.text or "sentence number" in line.text:
                    assert distance_to_grid(line.baseline, grid) <= TOLERANCE, line.text


def test_legacy_case_number_label():
    pdf = render_pdf(crawford(case_number="C 13-4426 EDL (PR)", case_number_label="No.", re_line=""))
    text = body_text(pdf)
    assert "No. C 13-4426 EDL (PR)" in text and "Case No." not in text and "Re: Dkt." not in text


def test_body_is_justified_with_a_first_line_indent_and_centred_bold_headings():
    body = body_of(1) + "\n\n# CONCLUSION\n\n" + body_of(1, start=10)
    with open_pdf(render_pdf(crawford(body=body))) as document:
        lines = lines_of(text_chars(document.pages[0]))
    body_lines = [line for line in lines if "sentence" in line.text or "CONCLUSION" in line.text]
    first, second = body_lines[0], body_lines[1]
    assert first.x0 == pytest.approx(TEXT_LEFT + 2 + 36, abs=0.5)  # first-line indent
    assert second.x0 == pytest.approx(TEXT_LEFT + 2, abs=0.5)
    assert second.x1 == pytest.approx(558, abs=0.5)  # justified to the right margin
    heading = next(line for line in body_lines if line.text.strip() == "CONCLUSION")
    assert (heading.x0 + heading.x1) / 2 == pytest.approx((TEXT_LEFT + 2 + 558) / 2, abs=2)
    assert all("Bold" in c["fontname"] for c in heading.chars)


def test_section_sign_and_curly_quotes_are_set():
    body = "Under 42 U.S.C. § 1983, the “Plaintiff’s” motion is DENIED."
    assert body in body_text(render_pdf(crawford(body=body)))


def test_ending_date_signature_line_judge_name_and_title():
    pdf = render_pdf(crawford(body=body_of(1) + "\n\nThis order terminates Docket No. 53."))
    text = body_text(pdf)
    assert "This order terminates Docket No. 53. IT IS SO ORDERED. Dated: November 9, 2016" in text
    assert text.endswith("MARIA-ELENA JAMES United States Magistrate Judge")
    with open_pdf(pdf) as document:
        page = document.pages[-1]
        name = next(line for line in lines_of(text_chars(page)) if line.text == "MARIA-ELENA JAMES")
        rule = signature_rule(page)
    assert rule["x0"] <= name.x0 and name.x1 <= rule["x1"]
    assert name.baseline < PAGE_HEIGHT - rule["bottom"]  # the name is under the line


def test_an_empty_body_still_prints_the_ending():
    text = body_text(render_pdf(crawford(body="")))
    assert "Re: Dkt. No. 53 IT IS SO ORDERED." in text.replace("Defendants. ", "")


def test_undated_order_prints_a_blank_date():
    assert "Dated: ____" in body_text(render_pdf(crawford(date=None)))


def signature_rule(page) -> dict:
    return next(
        r
        for r in page.lines + page.rects
        if r["height"] < 1 and r["x0"] > 300 and r["width"] > 150 and r["top"] < FOOTER_TOP - 10
    )


@pytest.mark.parametrize("paragraphs", range(14, 27))
def test_signature_block_never_alone_on_a_page(paragraphs):
    """One-line paragraphs move the ending across the first page's end, one line at a time."""
    body = "\n\n".join(f"The plain sentence number {n} stays short." for n in range(paragraphs))
    pdf = render_pdf(crawford(body=body))
    with open_pdf(pdf) as document:
        for page in document.pages:
            lines = [line.text for line in lines_of(text_chars(page))]
            if "IT IS SO ORDERED." in lines:
                before = lines[: lines.index("IT IS SO ORDERED.")]
                assert len([t for t in before if t.startswith("The plain sentence")]) >= 2
                assert "MARIA-ELENA JAMES" in lines and any(t.startswith("Dated:") for t in lines)
                break
        else:
            pytest.fail("no ending")


def test_signature_block_keeps_two_lines_of_a_long_last_paragraph():
    for paragraphs in (3, 4):
        body = body_of(paragraphs, per=6)
        pdf = render_pdf(crawford(body=body))
        with open_pdf(pdf) as document:
            lines = [line.text for line in lines_of(text_chars(document.pages[-1]))]
        before = lines[: lines.index("IT IS SO ORDERED.")]
        assert len(before) >= 2


def test_footer_on_every_page_with_rule_title_and_page_number(orders_by_pages):
    with open_pdf(orders_by_pages[5]) as document:
        for number, page in enumerate(document.pages, start=1):
            footer = lines_of(footer_chars(page))
            text = " ".join(line.text for line in footer)
            assert "ORDER DENYING REQUEST FOR EXTENSION OF TIME" in text
            assert footer[0].text.strip().endswith(str(number)) or str(number) in text.split()
            assert min(c["size"] for line in footer for c in line.chars) >= 9.99
            assert any(
                r["height"] < 1 and r["width"] > 400 and r["top"] >= FOOTER_TOP
                for r in page.lines + page.rects
            )


def test_drafts_carry_a_watermark_on_every_page_and_the_final_does_not(orders_by_pages):
    with open_pdf(orders_by_pages[2]) as document:
        for page in document.pages:
            shapes = watermark_shapes(page)
            assert len(shapes) >= 5  # D, R, A, F, T
            assert min(s["x0"] for s in shapes) > TEXT_LEFT and max(s["x1"] for s in shapes) < 558
            assert not [c for c in page.chars if c["size"] > 50]  # no text: drawn as outlines
    final = render_pdf(crawford(body=body_of(LENGTHS[2])), final=True)
    with open_pdf(final) as document:
        assert all(not watermark_shapes(page) for page in document.pages)
        assert "DRAFT" not in "".join(page.extract_text() for page in document.pages)


def signature_fields(pdf: bytes) -> list:
    reader = PdfReader(io.BytesIO(pdf))
    acroform = reader.trailer["/Root"].get("/AcroForm")
    if acroform is None:
        return []
    return [field.get_object() for field in acroform.get_object()["/Fields"]]


@pytest.mark.parametrize("paragraphs", [2, 5])
def test_final_pdf_has_an_empty_signature_field_over_the_judges_line(paragraphs):
    pdf = render_pdf(crawford(body=body_of(paragraphs)), final=True)
    fields = signature_fields(pdf)
    assert len(fields) == 1
    field = fields[0]
    assert field["/FT"] == "/Sig" and "/V" not in field
    x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
    reader = PdfReader(io.BytesIO(pdf))
    page_index = next(i for i, page in enumerate(reader.pages) if page.get("/Annots"))
    assert page_index == len(reader.pages) - 1
    with open_pdf(pdf) as document:
        rule = signature_rule(document.pages[page_index])
    rule_y = PAGE_HEIGHT - rule["top"]
    assert y1 < rule_y < y2 and y2 - y1 >= 30
    assert x1 == pytest.approx(rule["x0"], abs=1) and x2 == pytest.approx(rule["x1"], abs=1)


def test_conformed_signature_prints_s_name_on_the_line_and_has_no_field():
    pdf = render_pdf(crawford(), final=True, signature="conformed")
    assert signature_fields(pdf) == []
    with open_pdf(pdf) as document:
        page = document.pages[-1]
        line = next(line for line in lines_of(text_chars(page)) if line.text.startswith("/s/"))
        rule = signature_rule(page)
    assert line.text == "/s/ Maria-Elena James"
    assert 0 < line.baseline - (PAGE_HEIGHT - rule["top"]) < 4  # just above the line
    assert rule["x0"] <= line.x0 and line.x1 <= rule["x1"]


def test_drafts_have_no_signature_field():
    assert signature_fields(render_pdf(crawford())) == []


def test_unknown_signature_option_is_refused():
    with pytest.raises(ValueError, match="field"):
        render_pdf(crawford(), signature="wet-ink")


def test_metadata_and_embedded_fonts(orders_by_pages):
    reader = PdfReader(io.BytesIO(orders_by_pages[2]))
    assert reader.metadata.title == "ORDER DENYING REQUEST FOR EXTENSION OF TIME"
    assert reader.metadata.author == "MARIA-ELENA JAMES"
    assert reader.metadata.subject == "14-cv-05578-MEJ"
    fonts_seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:  # a composite font (the text)
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            fonts_seen.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts_seen == {"Liberation-Serif", "Liberation-Serif-Bold"}


def test_pdfa_variant():
    pdf = render_pdf(crawford(), final=True, pdfa=True)
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"3" in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert len(signature_fields(pdf)) == 1


def test_pages_render_to_png(orders_by_pages):
    pdf = orders_by_pages[2]
    png = render_page_png(pdf, 1, scale=1.0)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (612, 792)
    big = render_page_png(pdf, 0, scale=2.0)
    assert int.from_bytes(big[16:20], "big") == 1224
    with pytest.raises(IndexError):
        render_page_png(pdf, 2)


@pytest.mark.parametrize("name", seed_names())
def test_rendered_seed_order_contains_every_sentence_of_its_seed(name):
    pdf = render_pdf(crawford(body=seed_body(name)))
    text = body_text(pdf)
    missing = [s for s in seed_sentences(name) if normalise(s) not in text]
    assert not missing


# Safety ---------------------------------------------------------------------------------------

HOSTILE = ['<img src="file:///etc/passwd">', '<img src="http://127.0.0.1:9/x">']


class SpyFetcher(fetcher_module.StaticOnlyFetcher):
    def __init__(self, calls):
        super().__init__()
        self.calls = calls

    def fetch(self, url, headers=None):
        self.calls.append(url)
        return super().fetch(url, headers)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markup_in_case_text_prints_literally_and_fetches_nothing(monkeypatch, hostile):
    calls: list[str] = []
    monkeypatch.setattr(render, "new_fetcher", lambda: SpyFetcher(calls))
    document = crawford(
        caption=Caption(
            first=CaptionSide(names=hostile, label="Plaintiff,"),
            second=CaptionSide(names="JEFFREY BEARD,", label="Defendant."),
        ),
        title=f"ORDER {hostile}",
        body=f"The party {hostile} asks for it.\n\n# {hostile}\n\n> {hostile}",
    )
    pdf = render_pdf(document, final=True)
    text = body_text(pdf)
    assert text.count(hostile) >= 3 or text.count(hostile.upper()) >= 1
    assert f"The party {hostile} asks for it." in text
    assert not [url for url in calls if not url.startswith(fetcher_module.STATIC_SCHEME)]
    assert PdfReader(io.BytesIO(pdf)).metadata.title == f"ORDER {hostile}"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x",
        "https://example.com/a.css",
        "ftp://example.com/x",
        "chambers-static:/../../chambers/settings.py",
        "chambers-static:/pdf/../../chambers/settings.py",
        "chambers-static:/%2e%2e/chambers/settings.py",
        "chambers-static:/no/such/file.css",
        "/etc/passwd",
    ],
)
def test_fetcher_refuses_everything_but_static_files_and_data(url):
    with pytest.raises(ValueError):
        fetcher_module.StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_static_files_and_data_urls():
    fetcher = fetcher_module.StaticOnlyFetcher()
    css = fetcher.fetch(fetcher_module.static_url("pdf/pleading.css"))
    assert b"@page" in css.read() and css.content_type == "text/css"
    data = fetcher.fetch("data:text/plain;base64,aGVsbG8=")
    assert data.read() == b"hello"


# Fonts and speed ------------------------------------------------------------------------------


def test_missing_font_fails_loudly():
    with pytest.raises(FontMissingError, match="No Such Serif"):
        fonts.require_font("No Such Serif")


def test_render_refuses_to_fall_back_when_the_font_is_missing(monkeypatch):
    monkeypatch.setattr(render, "FONT_FAMILY", "No Such Serif")
    render._resources.cache_clear()
    try:
        with pytest.raises(FontMissingError):
            render_pdf(crawford(body="A body never rendered before."))
    finally:
        render._resources.cache_clear()


def test_render_refuses_text_set_in_another_font(monkeypatch):
    """fontconfig lists the font, but the text comes out in another one: refused too."""
    monkeypatch.setattr(render, "FONT_FAMILY", "Liberation Sans")  # installed, but not what the CSS asks
    render._resources.cache_clear()
    try:
        with pytest.raises(FontMissingError, match="another font"):
            render_pdf(crawford(body="Another body never rendered before."))
    finally:
        render._resources.cache_clear()


def test_same_document_is_not_rendered_twice(monkeypatch):
    calls = []
    real_html = render.OrderHTML

    def counting_html(*args, **kwargs):
        calls.append(1)
        return real_html(*args, **kwargs)

    monkeypatch.setattr(render, "OrderHTML", counting_html)
    document = crawford(body="A body rendered for the cache test only.")
    first = render_pdf(document)
    assert calls
    count = len(calls)
    assert render_pdf(replace(document)) == first
    assert len(calls) == count
    render_pdf(replace(document, date=datetime.date(2016, 11, 10)))
    assert len(calls) > count
    render_pdf(document, final=True)  # other options are another PDF
    assert len(calls) > count + 1
