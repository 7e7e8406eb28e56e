"""What a motion asks (``orders.motions.asks``): the relief read from a docket text."""

import pytest

from orders.models import EntryKind
from orders.motions import Ask, classify_entry, classify_text

from .factories import DocketEntryFactory


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
