"""Rules of the domain model, refused with a clear message by validation and at the database."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from orders import services
from orders.models import Case, DocketEntry, OrderDocketEntry, Party

from .factories import CaseFactory, DocketEntryFactory, JudgeFactory, OrderFactory, PartyFactory, clerk_of

pytestmark = pytest.mark.django_db


def test_a_case_number_that_does_not_parse_is_refused():
    judge = JudgeFactory()
    with pytest.raises(ValidationError) as error:
        services.case_create(court=judge.court, number="twelve", short_caption="A v. B", assigned_judge=judge)
    assert "is not a case number" in str(error.value.message_dict["number"])
    assert not Case.objects.exists()


def test_the_same_number_written_another_way_is_a_duplicate():
    case = CaseFactory(number="C 13-4426 EDL (PR)")
    with pytest.raises(ValidationError) as error:
        services.case_create(
            court=case.court,
            number="3:13-cv-04426-EDL",
            short_caption="Luckert v. Brannon",
            assigned_judge=case.assigned_judge,
        )
    assert "already has case 13-cv-04426" in error.value.message_dict["number"][0]


def test_the_database_refuses_a_duplicate_number_key_even_without_validation():
    case = CaseFactory()
    duplicate = Case(
        court=case.court,
        number="other spelling",
        number_key=case.number_key,
        year=case.year,
        case_type="cv",
        sequence=case.sequence,
        short_caption="Copy",
        assigned_judge=case.assigned_judge,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_database_refuses_an_unparsed_case():
    judge = JudgeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(
            court=judge.court,
            number="nonsense",
            number_key="nonsense",
            year=1,
            case_type="cv",
            sequence=1,
            short_caption="X v. Y",
            assigned_judge=judge,
        )


def test_duplicate_docket_numbers_are_refused():
    entry = DocketEntryFactory(number=53)
    with pytest.raises(ValidationError) as error:
        services.docket_entry_create(
            case=entry.case, number=53, date_filed=datetime.date(2016, 10, 1), description="Again"
        )
    assert "already exists" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocketEntry.objects.create(
            case=entry.case, number=53, date_filed=datetime.date(2016, 10, 1), description="Again"
        )


def test_a_party_without_a_role_is_refused():
    case = CaseFactory()
    with pytest.raises(ValidationError) as error:
        services.party_create(case=case, name="Nobody", role="")
    assert "role" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Party.objects.create(case=case, name="Nobody", role="", caption_position=9)


def test_an_order_cannot_address_an_entry_of_another_case():
    order = OrderFactory()
    foreign_entry = DocketEntryFactory(number=7)
    with pytest.raises(ValidationError) as error:
        services.order_create(
            case=order.case,
            order_type="deny_discovery_motion",
            judge=order.judge,
            title="ORDER",
            body="Text.",
            created_by=clerk_of(order.judge),
            docket_entries=[foreign_entry],
        )
    assert "Docket entry 7 belongs to another case" in str(error.value)


def test_the_database_trigger_refuses_an_entry_of_another_case():
    order = OrderFactory()
    foreign_entry = DocketEntryFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderDocketEntry.objects.create(order=order, docket_entry=foreign_entry)
    own_entry = DocketEntryFactory(case=order.case)
    OrderDocketEntry.objects.create(order=order, docket_entry=own_entry)
    assert list(order.docket_entries.all()) == [own_entry]


def test_the_database_trigger_refuses_a_filing_party_of_another_case():
    entry = DocketEntryFactory()
    stranger = PartyFactory()
    entry.filing_party = stranger
    with pytest.raises(ValidationError):
        entry.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()


def test_caption_names_the_first_party_of_each_side_and_et_al():
    case = CaseFactory()
    services.party_create(case=case, name="James Darren Crawford", role="plaintiff")
    services.party_create(case=case, name="Jeffrey Beard", role="defendant")
    services.party_create(case=case, name="Clark E. Ducart", role="defendant")
    caption = case.caption()
    assert (caption.first.names, caption.first.label) == ("JAMES DARREN CRAWFORD,", "Plaintiff,")
    assert (caption.second.names, caption.second.label) == ("JEFFREY BEARD, et al.,", "Defendants.")


def test_caption_of_a_single_defendant_has_no_et_al():
    case = CaseFactory()
    services.party_create(case=case, name="Michael Landon Luckert", role="plaintiff")
    services.party_create(case=case, name="J. Brannon", role="defendant")
    assert case.caption().second.names == "J. BRANNON,"
    assert case.caption().second.label == "Defendant."


def test_re_line_uses_no_or_nos():
    order = OrderFactory()
    first = DocketEntryFactory(case=order.case, number=53)
    OrderDocketEntry.objects.create(order=order, docket_entry=first)
    assert order.re_line == "Re: Dkt. No. 53"
    OrderDocketEntry.objects.create(order=order, docket_entry=DocketEntryFactory(case=order.case, number=52))
    assert order.re_line == "Re: Dkt. Nos. 52, 53"


def test_the_judge_of_an_order_must_be_on_the_case():
    order = OrderFactory()
    order.judge = JudgeFactory(court=order.case.court)
    with pytest.raises(ValidationError) as error:
        order.full_clean()
    assert "assigned or referred judge" in str(error.value)
