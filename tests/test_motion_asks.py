"""What a motion asks (``orders.motions.asks``): the relief read from a docket text."""

import csv
import json

import pytest

from orders.models import EntryKind
from orders.motions import Ask, classify_entry, classify_text
from orders.motions.evaluation import measure, read_labels
from orders.motions.matching import ranked_types, specific_asks
from orders.order_types import registry

from .factories import DocketEntryFactory
from .paths import DATA_DIR, DOCKETS_DIR


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        ("MOTION for Discovery filed by Michael Landon Luckert.", Ask.DISCOVERY),
        (
            "REQUEST for 45-day Extension of Time to respond to Defendants' discovery requests",
            Ask.EXTENSION_OF_TIME,
        ),
        (
            "MOTION for Extension of Time to File Response/Reply as to 12 MOTION to Dismiss",
            Ask.EXTENSION_OF_TIME,
        ),
        ("MOTION for Reconsideration re 20 Order on Motion to Appoint Counsel", Ask.RECONSIDERATION),
        ("MOTION for Leave to Appear Pro Hac Vice ( Filing fee $ 100)", Ask.PRO_HAC_VICE),
        ("STIPULATION to extend time to answer the complaint", Ask.EXTENSION_OF_TIME),
        ("Ex Parte APPLICATION for Temporary Restraining Order", Ask.PRELIMINARY_INJUNCTION),
        ("MOTION to Compel Discovery filed by Rosa Diaz", Ask.COMPEL),
        ("MOTION to Dismiss for Failure to State a Claim", Ask.DISMISS),
        ("MOTION for Leave to File Document Under Seal", Ask.SEAL),
        ("MOTION to Continue trial", Ask.OTHER),
    ],
)
def test_a_motion_asks_what_its_first_asking_words_say(text, ask):
    assert classify_text(text) == ask


def test_an_order_or_a_brief_asks_nothing_even_when_it_names_a_motion():
    assert classify_text("ORDER granting 5 MOTION to Dismiss. Signed by Judge X.") == Ask.OTHER
    assert classify_text("RESPONSE in Opposition re 12 MOTION for Summary Judgment") == Ask.OTHER
    # The entry's own kind decides, not the words: a motion whose kind a clerk set to "order".
    assert classify_text("MOTION for Discovery", kind=EntryKind.ORDER) == Ask.OTHER


@pytest.mark.django_db
def test_classify_entry_reads_the_entrys_text_and_kind():
    entry = DocketEntryFactory(kind=EntryKind.MOTION, description="MOTION for Default Judgment by Plaintiff")
    assert classify_entry(entry) == Ask.DEFAULT_JUDGMENT
    assert Ask.PRELIMINARY_INJUNCTION.label == "Preliminary injunction / TRO"


# --- the labelled set (tests/data/motion_labels.csv) ------------------------------------------

ACCURACY_FLOOR = 0.97  # all 577 entries
ASKING_ACCURACY_FLOOR = 0.95  # the entries labelled with an ask other than "other"
RIGHT_TYPE_FIRST_FLOOR = 0.95  # entries whose ask a specific order type resolves


def _labelled():
    return read_labels(DATA_DIR / "motion_labels.csv", DOCKETS_DIR)


def test_the_labelled_set_has_one_row_for_every_entry_of_every_docket():
    labelled = _labelled()
    expected = []
    for path in sorted(DOCKETS_DIR.glob("*.json")):
        entries = json.loads(path.read_text(encoding="utf-8")).get("docket_entries") or []
        expected += [(path.stem, index) for index in range(len(entries))]
    assert [(entry.docket, entry.index) for entry in labelled] == expected
    assert len(expected) == 577
    with (DATA_DIR / "motion_labels.csv").open(encoding="utf-8", newline="") as handle:
        for row, entry in zip(csv.DictReader(handle), labelled, strict=True):
            assert entry.text.startswith(row["excerpt"].removesuffix("...")), row  # the excerpt is its text


def test_the_classifier_meets_its_floor_on_the_labelled_set():
    figures = measure(_labelled())
    assert figures.asking == 43
    assert figures.accuracy >= ACCURACY_FLOOR, figures.confusions
    assert figures.asking_accuracy >= ASKING_ACCURACY_FLOOR, figures.confusions
    assert figures.resolvable >= 15
    assert figures.right_type_first_rate >= RIGHT_TYPE_FIRST_FLOOR


def test_every_order_type_resolves_at_least_one_ask():
    for order_type in registry.all():
        assert order_type.resolves_asks, order_type.key
        assert all(isinstance(ask, Ask) for ask in order_type.resolves_asks)
    general = [order_type for order_type in registry.all() if order_type.general]
    assert [t.key for t in general] == ["general_order"]
    assert set(general[0].resolves_asks) == set(Ask)
    # Every ask but "other" that a motion makes has an order type besides the general one.
    assert specific_asks() >= {
        Ask.EXTENSION_OF_TIME,
        Ask.APPOINTMENT_OF_COUNSEL,
        Ask.DISCOVERY,
        Ask.COMPEL,
        Ask.IFP,
        Ask.DEFAULT_JUDGMENT,
        Ask.PRELIMINARY_INJUNCTION,
        Ask.RECONSIDERATION,
    }


@pytest.mark.parametrize(
    ("text", "kind", "first"),
    [
        # The seeds' motions (orders/demo.py): Crawford's Dkt. 53, Luckert's Dkt. 19.
        (
            "REQUEST for 45-day Extension of Time to respond to Defendants' discovery requests",
            EntryKind.REQUEST,
            "deny_discovery_extension",
        ),
        (
            "MOTION for Extension of Time to File Answer re 1 Complaint",
            EntryKind.MOTION,
            "grant_extension_of_time",
        ),
        ("MOTION for Discovery filed by Michael Landon Luckert.", EntryKind.MOTION, "deny_discovery_motion"),
        ("MOTION for Leave to Appear Pro Hac Vice", EntryKind.MOTION, "general_order"),
        ("MOTION to Dismiss for Failure to State a Claim", EntryKind.MOTION, "general_order"),
        ("COMPLAINT against Tom Reed", EntryKind.COMPLAINT, "dismiss_with_leave_to_amend"),
    ],
)
def test_the_types_resolving_an_ask_come_specific_first_then_the_general_order(text, kind, first):
    ranked = ranked_types(classify_text(text, kind=kind), kind=kind, text=text)
    assert ranked[0].key == first
    assert ranked[-1].general or kind == EntryKind.COMPLAINT
    if kind == EntryKind.COMPLAINT:  # the general order rules on motions, not on a complaint
        assert {t.key for t in ranked} == {"dismiss_with_leave_to_amend", "order_of_service"}
