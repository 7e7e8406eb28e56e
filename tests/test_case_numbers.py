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
