"""``manage.py import_docket FILE…``: many dockets at once, with progress and a summary."""

import io

import pytest
from django.core.management import CommandError, call_command

from orders.models import Case, Court, DocketEntry, Judge, Party

from .dockets import IMPORTABLE
from .paths import DOCKETS_DIR

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_docket", *args, stdout=out, stderr=err)
    return out.getvalue()


def paths(*names) -> list[str]:
    return [str(DOCKETS_DIR / f"{name}.html") for name in names]


def test_imports_every_docket_adding_missing_courts_and_judges_then_changes_nothing():
    output = run("--add-missing", *paths(*IMPORTABLE))
    assert "5 file(s): 5 created." in output
    assert "1:02-cv-07300-GBD-SN created (105 parties, 20 entries)" in output
    assert set(Court.objects.values_list("code", flat=True)) == {"caed", "cand", "nysd"}
    assert Judge.objects.get(initials="SMS").signature_title == "United States Magistrate Judge"
    before = (Case.objects.count(), Party.objects.count(), DocketEntry.objects.count())
    assert before == (5, 119, 28)
    assert "5 file(s): 5 unchanged." in run("--add-missing", *paths(*IMPORTABLE))
    assert (Case.objects.count(), Party.objects.count(), DocketEntry.objects.count()) == before


def test_a_bad_file_is_reported_and_does_not_stop_the_others(tmp_path):
    not_a_docket = tmp_path / "receipt.html"
    not_a_docket.write_text("<html><body>PACER receipt</body></html>")
    with pytest.raises(CommandError, match="2 of 3 file"):
        call_command(
            "import_docket",
            "--add-missing",
            *paths("cand", "cand_4"),
            str(not_a_docket),
            stdout=(out := io.StringIO()),
            stderr=io.StringIO(),
        )
    output = out.getvalue()
    assert "3:08-cv-00159-WHA created" in output
    assert "cand_4.html: The docket report of case 3:09-cr-00418-JSW lists no parties" in output
    assert "receipt.html: This file is not a CM/ECF district-court docket report" in output
    assert Case.objects.count() == 1


def test_without_add_missing_unknown_courts_are_reported_and_nothing_is_created():
    with pytest.raises(CommandError):
        run(*paths("nysd"))
    assert not Court.objects.exists() and not Case.objects.exists()


def test_dry_run_writes_nothing(demo):
    output = run("--dry-run", *paths("cand_2"))
    assert "3:08-cv-00177-SI would change: new case, 4 new parties, 3 new entries" in output
    assert not Case.objects.filter(number__startswith="3:08-cv-00177").exists()
