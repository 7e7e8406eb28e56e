import pytest
from django.core.management import call_command

from orders.models import Case, ChambersMembership, Court, DocketEntry, Judge, Party
from orders.selectors import case_find_by_number

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Court, Judge, Case, Party, DocketEntry, ChambersMembership)]


def test_load_demo_loads_the_seed_cases_and_running_it_twice_changes_nothing(capsys):
    call_command("load_demo")
    first = _counts()
    out = capsys.readouterr().out
    assert "Demo login: clerk / chambers-demo" in out
    call_command("load_demo")
    assert _counts() == first
    assert "nothing changed" in capsys.readouterr().out

    assert Court.objects.get(code="cand").heading_lines == [
        "UNITED STATES DISTRICT COURT",
        "NORTHERN DISTRICT OF CALIFORNIA",
    ]
    assert sorted(Judge.objects.values_list("initials", flat=True)) == ["EDL", "MEJ", "SI"]
    entries = {
        c.short_caption: sorted(c.docket_entries.values_list("number", flat=True)) for c in Case.objects.all()
    }
    assert entries == {
        "Crawford v. Beard": [36, 52, 53],
        "Luckert v. Brannon": [19],
        "Harrison v. Sample": [7],
    }


def test_demo_cases_are_found_by_any_written_form(demo):
    assert case_find_by_number("3:14-cv-05578-MEJ").get().short_caption == "Crawford v. Beard"
    assert case_find_by_number("13-cv-04426").get().short_caption == "Luckert v. Brannon"
    assert case_find_by_number("C-07-0959-SI").get().short_caption == "Harrison v. Sample"


def test_demo_captions_match_the_seed_orders(demo):
    crawford = demo["Crawford v. Beard"].caption()
    assert crawford.first.names == "JAMES DARREN CRAWFORD,"
    assert crawford.second.names == "JEFFREY BEARD, et al.,"
    assert crawford.second.label == "Defendants."
    assert demo["Luckert v. Brannon"].caption().second.names == "J. BRANNON,"
    assert demo["Harrison v. Sample"].caption().second.names == "Officer J. SAMPLE; et al.,"  # as the seed
    plaintiff = demo["Crawford v. Beard"].parties.get(role="plaintiff")
    assert plaintiff.institution == "Calipatria State Prison"
    assert plaintiff.pro_se
