"""How the app writes a date and the docket entries an order addresses: one rule each, used by
the order types, the wizard's pages, the order model and the PDF."""

from __future__ import annotations

import datetime
from collections.abc import Iterable


def as_date(value: datetime.date | str | None) -> datetime.date | None:
    """A date from a date, a datetime or an ISO string (as ``Order.details`` stores it)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def long_date(value: datetime.date | str | None) -> str:
    """“November 9, 2016” (no leading zero); empty for no date."""
    day = as_date(value)
    if day is None:
        return ""
    return f"{day:%B} {day.day}, {day.year}"


def re_line_for(numbers: Iterable[int]) -> str:
    """“Re: Dkt. No. 53” / “Re: Dkt. Nos. 52, 53”; empty when the order addresses no entry."""
    numbers = sorted(set(numbers))
    if not numbers:
        return ""
    label = "No." if len(numbers) == 1 else "Nos."
    return f"Re: Dkt. {label} {', '.join(str(n) for n in numbers)}"
