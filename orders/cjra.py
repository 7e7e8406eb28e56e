"""The Civil Justice Reform Act's six-month list (28 U.S.C. § 476(a)(1)).

The statute: the Director of the Administrative Office “shall prepare a semiannual report ...
that discloses for each judicial officer (1) the number of motions that have been pending for
more than six months and the name of each case in which such motion has been pending”. The
reports are as of the end of March and of September (the cut-off dates March 31 and September 30).

Counted here: a motion is on the list of a cut-off when it is still pending at the end of that
day and was filed *before* the day six months before the cut-off (the same day of the month six
months earlier, or that month's last day when it is shorter): before September 30 for the March
31 list, before March 30 for the September 30 list. A motion filed on that day has been pending
exactly six months at the cut-off, not more than six months: it is not listed; one filed a day
earlier is. Its age is counted in calendar days from the day it was filed as the docket gives it
(``DocketEntry.date_filed``): 0 on that day. The Administrative Office's own standards for when a
motion counts as pending (28 U.S.C. § 481(b)(2); the report's Appendix B) decide the official
list, which CM/ECF prepares; this is the chambers' early warning.
"""

from __future__ import annotations

import calendar
import datetime

CUTOFFS = ((3, 31), (9, 30))  # (month, day) of the semiannual reports


def next_cutoff(today: datetime.date) -> datetime.date:
    """The next cut-off on or after ``today`` (today itself when it is one)."""
    for month, day in CUTOFFS:
        cutoff = datetime.date(today.year, month, day)
        if today <= cutoff:
            return cutoff
    month, day = CUTOFFS[0]
    return datetime.date(today.year + 1, month, day)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def six_months_before(cutoff: datetime.date) -> datetime.date:
    """March 31 → September 30 of the year before; September 30 → March 30."""
    return add_months(cutoff, -6)


def listed_at(filed: datetime.date, cutoff: datetime.date) -> bool:
    """Whether a motion filed on ``filed`` and still pending at the cut-off is on its list:
    pending more than six months then."""
    return filed < six_months_before(cutoff)


def age_in_days(filed: datetime.date, today: datetime.date) -> int:
    """Days since filing: 0 on the day it was filed."""
    return (today - filed).days
