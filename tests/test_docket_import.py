"""Importing a case from a CM/ECF docket report: the services, the pages, chambers isolation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from orders import selectors, services
from orders.dockets import MAX_DOCKET_BYTES, parse_docket
from orders.dockets.parsed import ERROR_EMPTY_DOCKET, ERROR_NOT_DOCKET, ERROR_NOT_UTF8, ERROR_TOO_LARGE
from orders.dockets.plan import ERROR_NOT_YOUR_CHAMBERS, ERROR_UNKNOWN_COURT, ERROR_UNKNOWN_JUDGE
from orders.models import Case, ChambersMembership, Court, DocketEntry, DocketUpload, EntryKind, Judge, Party

from .dockets import IMPORTABLE, add_missing_court_and_judges, docket_bytes, docket_json, import_docket
from .factories import CourtFactory, JudgeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLE_OF_TYPE = {"Plaintiff": "plaintiff", "Petitioner": "petitioner", "Defendant": "defendant"}


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Case, Party, DocketEntry, Court, Judge, DocketUpload)
    }


def entry_row(date: str, number: int, text: str) -> str:
    return (
        f'<tr><td width="94" valign="top" nowrap="nowrap">{date}</td>'
        f'<td style="white-space:nowrap" valign="top" align="right">{number}&nbsp;</td>'
        f'<td valign="top">{text}</td></tr>'
    )


def add_entry(html: str, row: str) -> str:
    """The docket with one more row at the end of its entries table."""
    header = html.index("Date Filed</td>")  # the entries table's header (the case's is “Date Filed:”)
    end = html.index("</table>", header)
    if html[end - 8 : end].lower() == "</tbody>":
        end -= 8
    return html[:end] + row + html[end:]


def add_party(html: str, role: str, name: str, info: str) -> str:
    """The docket with one more party at the end of its parties table."""
    end = html.rindex("</tbody></table>", 0, html.index("Date Filed</td>"))
    block = (
        f"<tr><td><b><u>{role}</u></b></td></tr>"
        f'<tr><td width="40%" valign="top"><b>{name}</b> <br><i>{info}</i></td></tr><tr><td></td></tr>'
    )
    return html[:end] + block + html[end:]


def newer_cand_docket() -> bytes:
    """cand.html as CM/ECF would show it later: one more entry (a motion) and one more party."""
    html = docket_bytes("cand").decode()
    html = add_entry(
        html,
        entry_row(
            "02/14/2008",
            4,
            "MOTION for Appointment of Counsel filed by John Michael Balbo. (Filed on 2/14/2008)",
        ),
    )
    return add_party(html, "Defendant", "Matthew Cate", "Secretary CDCR").encode()


@pytest.mark.parametrize("name", IMPORTABLE)
def test_every_shared_docket_imports_and_matches_its_json(name):
    result = import_docket(name)
    expected = docket_json(name)
    case = result.case
    assert result.created
    assert case.court.code == expected["court_id"]
    assert case.number.startswith(expected["docket_number"])
    assert case.number_key == expected["docket_number"].split(":")[-1].lower()
    assert case.short_caption.lower() in expected["case_name"].lower()
    assert case.cause == expected["cause"]
    assert case.nature_of_suit == expected["nature_of_suit"]
    assert case.date_filed == datetime.date.fromisoformat(expected["date_filed"])
    assert case.assigned_judge.full_name == expected["assigned_to_str"]
    assert case.assigned_judge.initials == expected["federal_dn_judge_initials_assigned"]
    assert (case.referred_judge.full_name if case.referred_judge else "") == expected["referred_to_str"]
    assert [(p.name, p.role, p.terminated) for p in case.parties.order_by("caption_position")] == [
        (" ".join(p["name"].split()).lstrip("- "), ROLE_OF_TYPE[p["type"]], bool(p["date_terminated"]))
        for p in expected["parties"]
    ]
    assert sorted(
        (e.number, e.date_filed.isoformat(), e.description) for e in case.docket_entries.all()
    ) == sorted(
        (int(e["document_number"]), e["date_filed"], " ".join(e["description"].split()))
        for e in expected["docket_entries"]
    )


def test_imported_prisoner_case_has_the_prisoner_and_the_caption():
    case = import_docket("cand").case
    balbo = case.parties.get(name="John Michael Balbo")
    assert (balbo.role, balbo.pro_se, balbo.prisoner_number) == ("petitioner", True, "P-65407")
    assert balbo.institution == "California Substance Abuse & Treatment Facility State Prison"
    assert case.pro_se and case.prisoner
    caption = case.caption()
    assert caption.first.names == "JOHN MICHAEL BALBO,"
    assert caption.second.names == "JAMES E. TILTON, et al.,"
    assert case.number == "3:08-cv-00159-WHA"
    assert case.docket_entries.get(number=1).filing_party == balbo


def test_importing_the_same_docket_again_changes_nothing():
    first = import_docket("nysd")
    before = counts()
    stamps = {
        "case": Case.objects.get().updated_at,
        "parties": sorted(Party.objects.values_list("updated_at", flat=True)),
        "entries": sorted(DocketEntry.objects.values_list("updated_at", flat=True)),
    }
    docket = parse_docket(docket_bytes("nysd"))
    plan = services.docket_import_preview(docket=docket)
    assert not plan.has_changes
    again = services.docket_import_apply(docket=docket)
    assert again.case == first.case and not again.created and not again.changed
    assert counts() == before
    assert Case.objects.get().updated_at == stamps["case"]
    assert sorted(Party.objects.values_list("updated_at", flat=True)) == stamps["parties"]
    assert sorted(DocketEntry.objects.values_list("updated_at", flat=True)) == stamps["entries"]


def test_a_newer_docket_adds_only_what_is_new_and_keeps_what_chambers_entered():
    case = import_docket("cand").case
    # What chambers did by hand in the meantime.
    balbo = case.parties.get(name="John Michael Balbo")
    balbo.caption_name = "JOHN M. BALBO"
    balbo.pronoun = Party.Pronoun.HE
    balbo.save()
    services.party_create(case=case, name="Jane Clerk-Added", role=Party.Role.INTERESTED_PARTY)
    services.docket_entry_create(
        case=case, number=99, date_filed=datetime.date(2008, 3, 1), description="Entered by chambers"
    )
    parties_before, entries_before = case.parties.count(), case.docket_entries.count()

    docket = parse_docket(newer_cand_docket())
    plan = services.docket_import_preview(docket=docket)
    assert [p.parsed.name for p in plan.new_parties] == ["Matthew Cate"]
    assert [e.parsed.number for e in plan.new_entries] == [4]
    assert not plan.changed_parties and not plan.changed_entries
    result = services.docket_import_apply(docket=docket)

    assert result.case == case and not result.created
    assert (result.parties_created, result.entries_created) == (1, 1)
    assert case.parties.count() == parties_before + 1
    assert case.docket_entries.count() == entries_before + 1
    balbo.refresh_from_db()
    assert (balbo.caption_name, balbo.pronoun) == ("JOHN M. BALBO", Party.Pronoun.HE)
    assert case.parties.filter(name="Jane Clerk-Added").exists()
    assert case.docket_entries.get(number=99).description == "Entered by chambers"
    motion = case.docket_entries.get(number=4)
    assert motion.kind == EntryKind.MOTION
    # The case is closed (Date Terminated), so a motion on it is not pending.
    assert not motion.pending
    cate = case.parties.get(name="Matthew Cate")
    assert (
        cate.role == "defendant"
        and cate.caption_position > case.parties.get(name="Jane Clerk-Added").caption_position
    )
    # And once more: nothing.
    assert not services.docket_import_apply(docket=parse_docket(newer_cand_docket())).changed


def test_a_newer_docket_updates_what_changed_and_resolves_motions():
    import_docket("nysd")
    case = Case.objects.get()
    assert list(selectors.pending_entries_for_case(case).values_list("number", flat=True)) == [18]
    text = "ORDER granting 18 Motion to serve by publication. (Signed by Judge George B. Daniels on 1/5/04)"
    html = add_entry(docket_bytes("nysd").decode(), entry_row("01/05/2004", 21, text))
    html = html.replace("28:1391 Personal Injury", "28:1331 Federal Question")
    html = html.replace(
        "<B>Osama Bin Laden</B>", "<B>Osama Bin Laden</B><BR><I>TERMINATED: 02/02/2012</I>", 1
    )
    docket = parse_docket(html.encode())
    plan = services.docket_import_preview(docket=docket)
    assert [(c.field, c.new) for c in plan.case_changes] == [("cause", "28:1331 Federal Question")]
    assert [(p.parsed.name, [c.field for c in p.changes]) for p in plan.changed_parties] == [
        ("Osama Bin Laden", ["terminated"])
    ]
    assert [(e.parsed.number, [c.field for c in e.changes]) for e in plan.changed_entries] == [
        (18, ["pending"])
    ]
    services.docket_import_apply(docket=docket)
    case.refresh_from_db()
    assert case.cause == "28:1331 Federal Question"
    assert case.parties.get(name="Osama Bin Laden").terminated
    assert not selectors.pending_entries_for_case(case).exists()
    assert case.docket_entries.get(number=21).kind == EntryKind.ORDER


def test_a_court_removed_from_the_table_and_unknown_judges_block_the_import_until_added():
    Court.objects.filter(code="nysd").delete()  # an administrator removed it
    docket = parse_docket(docket_bytes("nysd"))
    plan = services.docket_import_preview(docket=docket)
    assert plan.unknown_court
    assert plan.problems == [ERROR_UNKNOWN_COURT % {"name": "Southern District of New York", "code": "nysd"}]
    with pytest.raises(ValidationError):
        services.docket_import_apply(docket=docket)
    court = services.court_create_for_docket(code="nysd", name="whatever the docket says")
    assert (court.name, court.citation, court.paper, court.closing) == (
        "Southern District of New York",
        "S.D.N.Y.",
        "plain",
        "SO ORDERED.",
    )
    assert court.heading_lines == ["UNITED STATES DISTRICT COURT", "SOUTHERN DISTRICT OF NEW YORK"]
    plan = services.docket_import_preview(docket=docket)
    assert [m.parsed.initials for m in plan.unknown_judges] == ["GBD", "SN"]
    assert plan.problems[0] == ERROR_UNKNOWN_JUDGE % {
        "slot": "assigned",
        "name": "George B. Daniels",
        "initials": "GBD",
        "court": "Southern District of New York",
    }
    before = counts()
    with pytest.raises(ValidationError):
        services.docket_import_apply(docket=docket)
    assert counts() == before


def test_judges_match_by_name_or_initials():
    court = CourtFactory()
    by_initials = JudgeFactory(court=court, full_name="W. H. Alsup", initials="WHA")
    docket = parse_docket(docket_bytes("cand"))
    plan = services.docket_import_preview(docket=docket)
    assert (plan.assigned.judge, plan.assigned.matched_by) == (by_initials, "initials")
    ryu = JudgeFactory(court=court, full_name="Donna Ryu", initials="DMR")
    rogers = JudgeFactory(court=court, full_name="Yvonne Gonzalez Rogers", initials="YGR")
    plan = services.docket_import_preview(docket=parse_docket(docket_bytes("cand_263146")))
    assert (plan.assigned.judge, plan.assigned.matched_by) == (rogers, "name")
    assert (plan.referred.judge, plan.referred.matched_by) == (ryu, "name")


def test_a_changed_database_since_the_preview_is_refused():
    docket = parse_docket(docket_bytes("cand_2"))
    add_missing_court_and_judges(docket)
    fingerprint = services.docket_import_preview(docket=docket).fingerprint()
    services.docket_import_apply(docket=docket)  # someone else imports it first
    case = Case.objects.get()
    case.docket_entries.filter(number=3).update(description="changed")
    with pytest.raises(ValidationError) as error:
        services.docket_import_apply(docket=docket, expected_fingerprint=fingerprint)
    assert services.ERROR_IMPORT_CHANGED in error.value.messages
    assert case.docket_entries.get(number=3).description == "changed"


def test_imported_pending_motions_are_offered_to_the_right_chambers(client):
    import_docket("nysd")
    case = Case.objects.get()
    netburn = Judge.objects.get(initials="SN")
    referred_clerk = services.membership_create(user=UserFactory(), judge=netburn).user
    assert [e.number for e in selectors.pending_entries_for_case(case, kinds=selectors.MOTION_KINDS)] == [18]
    client.force_login(referred_clerk)
    html = client.get(reverse("orders:home")).content.decode()
    assert "Tremsky v. Laden</a>, Dkt. No. 18" in html
    other = MembershipFactory()
    client.force_login(other.user)
    assert "Dkt. No. 18" not in client.get(reverse("orders:home")).content.decode()
    assert client.get(reverse("orders:case_detail", args=[case.pk])).status_code == 404


# --- Pages -----------------------------------------------------------------------------------


def upload(client, data: bytes, name: str = "docket.html"):
    return client.post(reverse("orders:docket_import"), {"file": SimpleUploadedFile(name, data, "text/html")})


@pytest.fixture
def alsup_clerk(db):
    """A clerk in Judge Alsup's chambers (N.D. Cal.), who imports cand.html."""
    court = Court.objects.get(code="cand")  # the court table's
    alsup = services.judge_create(
        court=court, full_name="William Alsup", initials="WHA", signature_title="United States District Judge"
    )
    return services.membership_create(user=UserFactory(username="alsup-clerk"), judge=alsup).user


def test_upload_preview_confirm_creates_the_case_and_opens_it(client, alsup_clerk):
    client.force_login(alsup_clerk)
    assert client.get(reverse("orders:docket_import")).status_code == 200
    response = upload(client, docket_bytes("cand"), "cand.html")
    assert response.status_code == 302
    preview_url = response["Location"]
    assert Case.objects.count() == 0
    preview = client.get(preview_url)
    html = preview.content.decode()
    assert preview.status_code == 200
    for text in (
        "Balbo v. Tilton",
        "3:08-cv-00159-WHA",
        "matched by name",
        "John Michael Balbo",
        "#P-65407",
        "California Substance Abuse &amp; Treatment Facility State Prison",
        "530 Habeas Corpus (General)",
        "PETITION for Writ of Habeas Corpus",
        "Create the case",
    ):
        assert text in html
    upload_row = DocketUpload.objects.get()
    confirm = client.post(
        reverse("orders:docket_confirm", args=[upload_row.pk]),
        {"fingerprint": preview.context["plan"].fingerprint()},
    )
    case = Case.objects.get()
    assert confirm.status_code == 302
    assert confirm["Location"] == reverse("orders:case_detail", args=[case.pk])
    page = client.get(confirm["Location"]).content.decode()
    assert "Imported case 3:08-cv-00159-WHA" in page
    assert "California Substance Abuse" in page
    upload_row.refresh_from_db()
    assert upload_row.case == case and upload_row.imported_at is not None
    # Confirming the same upload again changes nothing.
    again = client.post(
        reverse("orders:docket_confirm", args=[upload_row.pk]),
        {"fingerprint": client.get(preview_url).context["plan"].fingerprint()},
        follow=True,
    )
    assert "already had everything" in again.content.decode()
    assert Case.objects.count() == 1 and DocketEntry.objects.count() == 3


def test_preview_shows_pending_motions_and_what_is_new(client):
    import_docket("nysd")
    clerk = services.membership_create(user=UserFactory(), judge=Judge.objects.get(initials="GBD")).user
    client.force_login(clerk)
    html = newer = upload(client, docket_bytes("nysd"))
    html = client.get(newer["Location"]).content.decode()
    assert "importing it changes nothing" in html
    assert "pending" in html and "resolved by 16" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<html><body><h1>PACER Service Center</h1><table><tr><td>x</td></tr></table></body></html>",
            ERROR_NOT_DOCKET,
        ),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj", "This is a PDF document, not a docket report."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "This is a PNG image, not a docket report."),
        (b"\xc3\x28 not \xa0 utf-8 \xff at all", ERROR_NOT_UTF8),
    ],
)
def test_bad_files_get_a_message_and_create_nothing(client, alsup_clerk, data, message):
    client.force_login(alsup_clerk)
    before = counts()
    response = upload(client, data)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert counts() == before


def test_the_empty_docket_is_refused_with_its_reason(client, alsup_clerk):
    client.force_login(alsup_clerk)
    before = counts()
    response = upload(client, docket_bytes("cand_4"), "cand_4.html")
    assert response.status_code == 400
    assert ERROR_EMPTY_DOCKET % {"number": "3:09-cr-00418-JSW"} in response.content.decode()
    assert counts() == before


def test_a_file_over_ten_megabytes_is_refused_before_it_is_read(client, alsup_clerk):
    client.force_login(alsup_clerk)
    before = counts()
    response = upload(client, b"<html>" + b" " * MAX_DOCKET_BYTES + b"</html>")
    assert response.status_code == 400
    assert ERROR_TOO_LARGE % {"limit": 10} in response.content.decode()
    assert counts() == before


def test_unknown_court_is_offered_and_added_then_back_to_the_preview(client, alsup_clerk):
    Court.objects.filter(code="caed").delete()  # an administrator removed it from the table
    client.force_login(alsup_clerk)
    preview_url = upload(client, docket_bytes("caed"))["Location"]
    html = client.get(preview_url).content.decode()
    assert "Eastern District of California" in html and "Add this court" in html
    assert "Create the case" not in html
    upload_row = DocketUpload.objects.get()
    # Confirming anyway is refused and creates nothing.
    refused = client.post(reverse("orders:docket_confirm", args=[upload_row.pk]), {"fingerprint": "0" * 64})
    assert refused.status_code == 409 and Case.objects.count() == 0
    response = client.post(reverse("orders:docket_add_court", args=[upload_row.pk]))
    assert response["Location"] == preview_url
    court = Court.objects.get(code="caed")
    assert (court.name, court.heading_line_2) == (
        "Eastern District of California",
        "EASTERN DISTRICT OF CALIFORNIA",
    )
    html = client.get(preview_url).content.decode()
    assert "Sandra M. Snyder" in html and "Add this judge" in html
    assert 'value="United States Magistrate Judge"' in html


def test_unknown_judge_is_added_with_the_title_asked_for(client, alsup_clerk):
    client.force_login(alsup_clerk)
    preview_url = upload(client, docket_bytes("cand_263146"))["Location"]
    upload_row = DocketUpload.objects.get()
    html = client.get(preview_url).content.decode()
    assert "Yvonne Gonzalez Rogers" in html and "Donna M. Ryu" in html
    client.post(
        reverse("orders:docket_add_judge", args=[upload_row.pk]),
        {"slot": "referred", "signature_title": "United States Magistrate Judge"},
    )
    ryu = Judge.objects.get(full_name="Donna M. Ryu")
    assert (ryu.initials, ryu.signature_title) == ("DMR", "United States Magistrate Judge")
    response = client.post(
        reverse("orders:docket_add_judge", args=[upload_row.pk]),
        {"slot": "assigned", "signature_title": "United States District Judge"},
    )
    assert response["Location"] == preview_url
    assert Judge.objects.get(initials="YGR").full_name == "Yvonne Gonzalez Rogers"
    # The clerk works for Judge Alsup, not for these judges: the preview says so and confirm is refused.
    preview = client.get(preview_url)
    assert ERROR_NOT_YOUR_CHAMBERS.split("%")[0] in preview.content.decode()
    refused = client.post(
        reverse("orders:docket_confirm", args=[upload_row.pk]),
        {"fingerprint": preview.context["plan"].fingerprint()},
    )
    assert refused.status_code == 409 and Case.objects.count() == 0
    # In Judge Ryu's chambers the clerk may import it.
    services.membership_create(user=alsup_clerk, judge=ryu)
    preview = client.get(preview_url)
    response = client.post(
        reverse("orders:docket_confirm", args=[upload_row.pk]),
        {"fingerprint": preview.context["plan"].fingerprint()},
    )
    assert response.status_code == 302
    assert Case.objects.get().referred_judge == ryu


def test_another_users_upload_is_not_found(client, alsup_clerk):
    client.force_login(alsup_clerk)
    upload(client, docket_bytes("cand"))
    upload_row = DocketUpload.objects.get()
    other = MembershipFactory(judge=Judge.objects.get(initials="WHA")).user  # same chambers, other user
    client.force_login(other)
    assert client.get(reverse("orders:docket_preview", args=[upload_row.pk])).status_code == 404
    for name in ("docket_confirm", "docket_add_court", "docket_add_judge"):
        assert client.post(reverse(name.join(["orders:", ""]), args=[upload_row.pk]), {}).status_code == 404
    assert Case.objects.count() == 0


def test_read_only_members_cannot_import(client, alsup_clerk):
    viewer = UserFactory()
    services.membership_create(
        user=viewer, judge=Judge.objects.get(initials="WHA"), role=ChambersMembership.Role.READ_ONLY
    )
    client.force_login(viewer)
    response = upload(client, docket_bytes("cand"))
    assert response.status_code == 403
    assert DocketUpload.objects.count() == 0 and Case.objects.count() == 0


@pytest.mark.parametrize("url", ["/dockets/import/", "/dockets/import/1/"])
def test_import_pages_require_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_administrator_may_import_any_case_with_a_warning(client, admin_user):
    docket = parse_docket(docket_bytes("cand_2"))
    add_missing_court_and_judges(docket)
    plan = services.docket_import_preview(docket=docket, user=admin_user)
    assert plan.can_apply and any("as an administrator" in w for w in plan.warnings)


def test_the_preview_of_a_large_docket_takes_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    import_docket("nysd")
    clerk = services.membership_create(user=UserFactory(), judge=Judge.objects.get(initials="GBD")).user
    client.force_login(clerk)
    preview_url = upload(client, docket_bytes("nysd"))["Location"]
    with django_assert_max_num_queries(20):
        response = client.get(preview_url)
    assert response.status_code == 200
    assert "Plaintiff" in response.content.decode()


def test_a_windows_1252_docket_is_imported_and_the_preview_says_how_it_was_read(client, alsup_clerk):
    client.force_login(alsup_clerk)
    data = docket_bytes("cand").replace(b"Warden  Ken Clark", "Warden Ken Clárk".encode("cp1252"))
    html = client.get(upload(client, data)["Location"]).content.decode()
    assert "read as Windows-1252" in html
    assert "Warden Ken Clárk" in html


def test_the_upload_page_still_checks_the_csrf_token(alsup_clerk):
    # The view is csrf_exempt only so the size limit applies before the body is read; the
    # view proper is csrf_protect.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alsup_clerk)
    file = SimpleUploadedFile("cand.html", docket_bytes("cand"), "text/html")
    assert browser.post(reverse("orders:docket_import"), {"file": file}).status_code == 403
    token = browser.get(reverse("orders:docket_import")).cookies["csrftoken"].value
    file = SimpleUploadedFile("cand.html", docket_bytes("cand"), "text/html")
    response = browser.post(reverse("orders:docket_import"), {"file": file, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and DocketUpload.objects.count() == 1
