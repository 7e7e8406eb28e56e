"""Import of past orders: reading the seeds, linking to cases and judges, idempotence, PDFs,
the command and the upload page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from orders import services
from orders.importing import (
    ERROR_NO_TEXT_LAYER,
    ImportFileError,
    parse_order_text,
    read_order_file,
)
from orders.models import Case, Court, Judge, Order, Party

from .factories import MembershipFactory, UserFactory
from .paths import SEEDS_DIR

pytestmark = pytest.mark.django_db

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
CRAWFORD, LUCKERT, HARRISON = (path.read_text() for path in SEEDS)
IMPORT = reverse("orders:import_orders")


def imported():
    """Imported orders (the demo data may also hold orders drafted in the application)."""
    return Order.objects.filter(source=Order.Source.IMPORTED)


def run_import(*paths, user="clerk", **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_orders", *map(str, paths), user=user, no_progress=True, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def pdf_of(text: str) -> bytes:
    import weasyprint
    from django.utils.html import escape

    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return weasyprint.HTML(string=f"<html><body>{paragraphs}</body></html>").write_pdf()


# --- Reading the text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "caption", "title", "date", "judge"),
    [
        (
            CRAWFORD,
            "14-cv-05578-MEJ",
            "Crawford v. Beard",
            "ORDER DENYING REQUEST FOR EXTENSION OF TIME",
            "2016-11-09",
            "MARIA-ELENA JAMES",
        ),
        (
            LUCKERT,
            "C 13-4426 EDL (PR)",
            "Luckert v. Brannon",
            "ORDER DENYING MOTION FOR DISCOVERY",
            "2014-02-10",
            "ELIZABETH D. LAPORTE",
        ),
        (
            HARRISON,
            "C 07-959 SI (pr)",
            "Harrison v. Sample",
            "ORDER DENYING DISCOVERY MOTION",
            "2007-05-18",
            "SUSAN ILLSTON",
        ),
    ],
)
def test_the_seeds_are_read(text, number, caption, title, date, judge):
    parsed = parse_order_text(text)
    assert parsed.court_heading == "NORTHERN DISTRICT OF CALIFORNIA"
    assert parsed.case_number == number
    assert parsed.short_caption == caption
    assert parsed.title == title
    assert parsed.date.isoformat() == date
    assert parsed.judge_name == judge
    assert "IT IS SO ORDERED" not in parsed.body
    assert "meet and confer" in parsed.body
    assert "Dated" not in parsed.body


def test_pleading_line_numbers_and_markup_are_dropped_from_the_body():
    body = parse_order_text(CRAWFORD).body
    assert "\n1 becoming" not in body and " 2 resolve" not in body
    assert "becoming an overseer of all discovery), the Court requires" in body
    assert "**" not in body and "*See*" not in body and "](#)" not in body
    luckert = parse_order_text(LUCKERT).body
    assert "# CONCLUSION" in luckert  # a heading in the stored body format
    assert "allows the prisoner and defense counsel" in luckert  # paragraph rejoined across the page


# --- Linking and creating -----------------------------------------------------------------------


def test_seeds_link_to_the_demo_cases_and_judges(demo):
    out, err = run_import(SEEDS_DIR)
    assert "Imported 3 order(s)" in out and err == ""
    for case in demo.values():
        order = imported().get(case=case)
        assert order.source == Order.Source.IMPORTED
        assert order.status == Order.Status.FILED
        assert order.judge == case.assigned_judge
        assert not order.needs_review
    assert Case.objects.count() == 3 and Judge.objects.count() == 3
    crawford = imported().get(case=demo["Crawford v. Beard"])
    assert crawford.re_line == "Re: Dkt. No. 53"
    assert crawford.imported_from == SEEDS[0].name


def test_seeds_on_an_empty_database_create_court_cases_judges_flagged_for_review(db):
    UserFactory(username="importer")
    out, _ = run_import(*SEEDS, user="importer")
    assert "Imported 3 order(s)" in out
    assert Court.objects.get().code == "cand"
    assert set(Case.objects.values_list("short_caption", flat=True)) == {
        "Crawford v. Beard",
        "Luckert v. Brannon",
        "Harrison v. Sample",
    }
    assert all(Case.objects.values_list("needs_review", flat=True))
    assert sorted(Judge.objects.values_list("full_name", "initials", "needs_review")) == [
        ("Elizabeth D. Laporte", "EDL", True),
        ("Maria-Elena James", "MEJ", True),
        ("Susan Illston", "SI", True),
    ]
    assert all(Order.objects.values_list("needs_review", flat=True))
    crawford = Case.objects.get(short_caption="Crawford v. Beard")
    assert crawford.prisoner and crawford.pro_se
    plaintiff = crawford.parties.get(role=Party.Role.PLAINTIFF)
    assert (plaintiff.name, plaintiff.institution) == ("James Darren Crawford", "Calipatria State Prison")
    sample = Case.objects.get(short_caption="Harrison v. Sample").parties.get(role="defendant")
    assert sample.caption_name == "Officer J. SAMPLE"


def test_importing_the_same_files_again_changes_nothing(demo):
    run_import(SEEDS_DIR)
    before = list(Order.objects.values_list("pk", "updated_at"))
    out, _ = run_import(SEEDS_DIR)
    assert "Imported 0 order(s); 3 already imported (unchanged)" in out
    assert list(Order.objects.values_list("pk", "updated_at")) == before


def test_a_case_number_written_another_way_links_to_the_same_case(demo):
    text = CRAWFORD.replace("Case No. [14-cv-05578-MEJ](#)", "Case No. 3:14-cv-5578-MEJ")
    outcome = services.order_import(text=text, filename="x.txt", imported_by=UserFactory())
    assert outcome.order.case == demo["Crawford v. Beard"]


def test_a_file_without_a_case_number_is_reported_and_leaves_nothing(demo, tmp_path):
    bad = tmp_path / "memo.txt"
    bad.write_text("MEMORANDUM\n\nNothing here is an order.\n")
    good = tmp_path / "luckert.txt"
    good.write_text(LUCKERT)
    out, err = run_import(bad, good, tmp_path / "missing.pdf")
    assert "Imported 1 order(s)" in out and "2 could not be imported" in out
    assert "memo.txt: no case number found" in err
    assert "missing.pdf: no such file or directory" in err
    assert imported().count() == 1


def test_a_failure_inside_an_import_leaves_nothing_half_made(db, monkeypatch):
    """One transaction per file: the court, judge, case and parties created for an order that then
    fails to save are rolled back with it."""
    from django.core.exceptions import ValidationError

    UserFactory(username="importer")

    def refuse(self, *args, **kwargs):
        raise ValidationError("the order could not be saved")

    monkeypatch.setattr(Order, "full_clean", refuse)
    out, err = run_import(SEEDS[0], user="importer")
    assert "1 could not be imported" in out
    assert "the order could not be saved" in err
    assert (Court.objects.count(), Judge.objects.count(), Case.objects.count(), Party.objects.count()) == (
        0,
        0,
        0,
        0,
    )


# --- PDF ----------------------------------------------------------------------------------------


def test_a_pdf_with_a_text_layer_imports(demo, tmp_path):
    path = tmp_path / "luckert.pdf"
    path.write_bytes(pdf_of(LUCKERT))
    out, err = run_import(path)
    assert "Imported 1 order(s)" in out, err
    order = imported().get()
    assert order.case == demo["Luckert v. Brannon"]
    assert order.title == "ORDER DENYING MOTION FOR DISCOVERY"
    assert "VACATED" in order.body


def test_a_scanned_pdf_without_text_is_reported_not_imported_empty(demo, tmp_path):
    import weasyprint

    blank = weasyprint.HTML(string="<html><body><div style='height:5cm'></div></body></html>").write_pdf()
    with pytest.raises(ImportFileError, match=r"no text layer \(scanned\?\)"):
        read_order_file("scan.pdf", blank)
    path = tmp_path / "scan.pdf"
    path.write_bytes(blank)
    _, err = run_import(path)
    assert f"scan.pdf: {ERROR_NO_TEXT_LAYER}" in err
    assert imported().count() == 0


def test_a_damaged_pdf_is_reported(demo, tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage")
    _, err = run_import(path)
    assert "broken.pdf: not a readable PDF" in err


# --- The upload page ----------------------------------------------------------------------------


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_upload_page_imports_orders_of_the_users_chambers(demo_client, demo):
    response = demo_client.post(
        IMPORT,
        {"files": [upload("crawford.txt", CRAWFORD.encode()), upload("luckert.pdf", pdf_of(LUCKERT))]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Imported") >= 2
    assert imported().count() == 2
    again = demo_client.post(IMPORT, {"files": [upload("crawford.txt", CRAWFORD.encode())]})
    assert "Already imported" in again.content.decode()
    assert imported().count() == 2


def test_upload_page_refuses_an_order_of_another_chambers(demo, client):
    membership = MembershipFactory(judge=Judge.objects.get(initials="SI"))
    client.force_login(membership.user)
    response = client.post(IMPORT, {"files": [upload("crawford.txt", CRAWFORD.encode())]})
    assert "whose chambers you do not work in" in response.content.decode()
    assert imported().count() == 0
    client.post(IMPORT, {"files": [upload("harrison.txt", HARRISON.encode())]})
    assert imported().get().case == demo["Harrison v. Sample"]


def test_upload_page_never_creates_a_judge(demo_client):
    text = CRAWFORD.replace("MARIA-ELENA JAMES", "NEW PERSON").replace("14-cv-05578-MEJ", "16-cv-00001-NP")
    response = demo_client.post(IMPORT, {"files": [upload("new.txt", text.encode())]})
    assert "Not imported" in response.content.decode()
    assert not Judge.objects.filter(full_name__icontains="person").exists()
    assert not Case.objects.filter(number_key="16-cv-00001").exists()


def test_upload_page_refuses_read_only_members_and_outsiders(demo, client, outsider):
    client.force_login(outsider)
    assert "cannot import" in client.get(IMPORT).content.decode()
    response = client.post(IMPORT, {"files": [upload("crawford.txt", CRAWFORD.encode())]})
    assert response.status_code == 403
    reader = MembershipFactory(judge=Judge.objects.get(initials="MEJ"), role="read_only")
    client.force_login(reader.user)
    assert client.post(IMPORT, {"files": [upload("c.txt", CRAWFORD.encode())]}).status_code == 403
    assert imported().count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.docx", b"PK\x03\x04", "is not a PDF or a text file"),
        ("scan.pdf", None, "no text layer (scanned?)"),
        ("binary.txt", b"\x00\x01\x02" * 10, "not a PDF or a text file"),
        ("empty.txt", b"   \n", "the file has no text"),
    ],
)
def test_upload_page_reports_unreadable_files(demo_client, name, content, message):
    if content is None:
        import weasyprint

        content = weasyprint.HTML(string="<p></p>").write_pdf()
    response = demo_client.post(IMPORT, {"files": [upload(name, content)]})
    assert response.status_code in (200, 400)
    assert message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert imported().count() == 0


def test_imported_seeds_appear_in_search(seeded, demo_client):
    response = demo_client.get(reverse("orders:search"), {"q": "Calipatria"})
    assert [hit.order.imported_from for hit in response.context["results"].hits] == [SEEDS[0].name]
