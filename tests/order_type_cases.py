"""Cases for the order-type tests: one pro se prisoner plaintiff (she) against one defendant,
and two represented, non-prisoner plaintiffs against three defendants."""

import datetime

from orders.models import Party

from .factories import CaseFactory, DocketEntryFactory, PartyFactory

ORDER_DATE = datetime.date(2024, 3, 1)


def singular_case(*, entry_kind: str = "motion", description: str = "MOTION"):
    case = CaseFactory(prisoner=True, pro_se=True)
    plaintiff = PartyFactory(
        case=case,
        name="Rosa Diaz",
        role=Party.Role.PLAINTIFF,
        pronoun=Party.Pronoun.SHE,
        pro_se=True,
        institution="Central California Women's Facility",
        caption_position=1,
    )
    PartyFactory(case=case, name="Tom Reed", role=Party.Role.DEFENDANT, pronoun="he", caption_position=2)
    entry = DocketEntryFactory(
        case=case, number=12, kind=entry_kind, description=description, filing_party=plaintiff
    )
    return case, entry


def plural_case(*, entry_kind: str = "motion", description: str = "MOTION", filed_by_defendant=False):
    case = CaseFactory(prisoner=False, pro_se=False)
    plaintiffs = [
        PartyFactory(case=case, name=name, role=Party.Role.PLAINTIFF, pronoun="he", caption_position=i)
        for i, name in enumerate(["Ann Lee", "Bo Lee"], start=1)
    ]
    defendants = [
        PartyFactory(case=case, name=name, role=Party.Role.DEFENDANT, pronoun="he", caption_position=i)
        for i, name in enumerate(["Cy Ames", "Di Ames", "Ed Ames"], start=3)
    ]
    entry = DocketEntryFactory(
        case=case,
        number=30,
        kind=entry_kind,
        description=description,
        filing_party=defendants[0] if filed_by_defendant else plaintiffs[0],
    )
    return case, entry
