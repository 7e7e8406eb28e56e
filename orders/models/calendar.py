"""The court's calendar: days its clerk's office is closed beyond the federal holidays."""

from django.db import models
from django.db.models import Q

from .base import TimeStampedModel
from .courts import Court


class CourtHoliday(TimeStampedModel):
    """A legal holiday of one court besides the U.S. federal holidays (which come from the
    ``holidays`` package): a day declared a holiday by the state where the court sits (Fed. R.
    Civ. P. 6(a)(6)(C): Cesar Chavez Day in California, Patriots' Day in Massachusetts…) or by
    the President (6(a)(6)(B): a day the federal offices close). Court data, entered in the
    admin: ``orders.deadlines`` moves a last day that falls on one of these to the next day the
    clerk's office is open."""

    court = models.ForeignKey(
        Court, on_delete=models.CASCADE, related_name="holidays", help_text="The court that observes it."
    )
    date = models.DateField(help_text="The day the court is closed.")
    name = models.CharField(max_length=120, help_text="What the day is, e.g. “Cesar Chavez Day”.")
    source = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where it comes from: the state statute, the court's general order or the "
        "executive order declaring it.",
    )

    class Meta:
        ordering = ["court", "date"]
        constraints = [
            models.UniqueConstraint(fields=["court", "date"], name="courtholiday_unique_day"),
            models.CheckConstraint(condition=~Q(name=""), name="courtholiday_name_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.court.code} {self.date:%Y-%m-%d} {self.name}"
