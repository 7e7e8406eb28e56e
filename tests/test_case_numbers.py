import pytest

from orders.case_numbers import CaseNumberError, case_number_key, parse_case_number


@pytest.mark.parametrize(
    ("written", "key", "initials", "suffix"),
    [
        ("14-cv-05578-MEJ", "14-cv-05578", "MEJ", ""),
        ("3:14-cv-05578-MEJ", "14-cv-05578", "MEJ", ""),
        ("C 13-4426 EDL (PR)", "13-cv-04426", "EDL", "PR"),
        ("C 07-959 SI (pr)", "07-cv-00959", "SI", "pr"),
        ("CV 07-959-SI", "07-cv-00959", "SI", ""),
        ("C-13-4426-EDL", "13-cv-04426", "EDL", ""),
        ("13-cv-4426", "13-cv-04426", "", ""),
        ("1:09-cv-00515", "09-cv-00515", "", ""),
        ("4:13-md-02420-YGR", "13-md-02420", "YGR", ""),
        ("3:09-cr-00418-JSW-1", "09-cr-00418", "JSW", ""),
        ("2014-cv-5578", "14-cv-05578", "", ""),
    ],
)
def test_every_written_form_parses_to_the_same_key(written, key, initials, suffix):
    parsed = parse_case_number(written)
    assert parsed.key == key
    assert parsed.judge_initials == initials
    assert parsed.suffix == suffix


def test_office_code_is_kept():
    assert parse_case_number("3:14-cv-05578-MEJ").office == "3"


@pytest.mark.parametrize("bad", ["", "hello", "14-zz-0001", "13-0", "C 13-0 EDL", "x" * 500, "14-cv-"])
def test_garbage_is_refused_with_a_readable_message(bad):
    with pytest.raises(CaseNumberError, match="is not a case number"):
        parse_case_number(bad)
    assert case_number_key(bad) is None


@pytest.mark.parametrize(
    ("written", "key", "initials"),
    [
        ("1:15-mc-00105-P1", "15-mc-00105", "P1"),  # S.D.N.Y.'s Part I as the judge
        ("2:08-cr-00125-DAK-1", "08-cr-00125", "DAK"),  # the first defendant of a criminal case
        ("1:09-cr-00073-JRH-BKE-1", "09-cr-00073", "JRH-BKE"),
        ("2:98-cv-01203-JBR-RLH", "98-cv-01203", "JBR-RLH"),
        ("1:20-cv-04676", "20-cv-04676", ""),
        ("2:17-mj-01117-JFM", "17-mj-01117", "JFM"),
        ("2:15-ml-02668-PSG", "15-ml-02668", "PSG"),  # C.D. Cal.'s multidistrict litigation
        ("4:13-md-02420-YGR", "13-md-02420", "YGR"),
        ("5:19-po-00012", "19-po-00012", ""),
        ("19 Civ. 1234 (GBD) (SN)", "19-cv-01234", "GBD-SN"),  # S.D.N.Y. as its judges write it
        ("07 Cr. 123 (PAE)", "07-cr-00123", "PAE"),
        ("1:19-cv-632 (TSE/JFA)", "19-cv-00632", "TSE-JFA"),  # E.D. Va.
        ("CV 19-01234-ABC", "19-cv-01234", "ABC"),
        ("CR 19-123", "19-cr-00123", ""),
        ("MJ 19-123", "19-mj-00123", ""),
    ],
)
def test_every_districts_civil_criminal_and_miscellaneous_forms(written, key, initials):
    parsed = parse_case_number(written)
    assert (parsed.key, parsed.judge_initials) == (key, initials)


@pytest.mark.parametrize("bad", ["1:15-mc-00105-12345678", "19 Zzz. 1234", "1:15-xx-00105", "P1-15-mc-1"])
def test_near_misses_are_refused(bad):
    assert case_number_key(bad) is None
