"""Orders drafted in a case."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..formats import re_line_for
from .base import OneQueryCheckConstraintsMixin, TimeStampedModel
from .cases import Case, DocketEntry
from .courts import Judge


class OrderStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready for signature"
    SIGNED = "signed", "Signed"
    FILED = "filed", "Filed"


class OrderSource(models.TextChoices):
    DRAFTED = "drafted", "Drafted here"
    IMPORTED = "imported", "Imported (a past order)"


BODY_MAX_LENGTH = 100_000
"""About forty pages of text: longer is a mistake (or an attack), refused with a message."""


class Order(OneQueryCheckConstraintsMixin, TimeStampedModel):
    """An order in a case.

    ``search_vector`` is the full-text document of the order on PostgreSQL (title, caption and
    case number weighted A; party names and judge B; body C). PostgreSQL triggers keep it up to
    date when the order, its case, the case's parties or its judge change (migration
    ``0004_order_search_and_import``), and its GIN index ``order_search_vector_gin`` is created
    there too: a ``GinIndex`` in ``Meta.indexes`` would break SQLite, where the column stays
    empty and search uses the simple backend (see ``orders.search.backends``).

    ``party_names`` (PostgreSQL only, kept by the same triggers: migration
    ``0009_order_party_names``) copies the case's party names onto the order, so that the search's
    party filter is a condition on the order itself; their words are in ``search_vector`` too, as
    lexemes ``party <word>`` that only the filter looks up (``orders.search.backends.parties``).
    """

    Status = OrderStatus
    Source = OrderSource

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="orders", help_text="The case the order is in."
    )
    order_type = models.CharField(
        max_length=60,
        help_text="Key of the order type it was drafted from (see orders.order_types), "
        "e.g. “deny_discovery_motion”.",
    )
    judge = models.ForeignKey(
        Judge,
        on_delete=models.PROTECT,
        related_name="orders",
        help_text="The judge who signs the order; their chambers owns it.",
    )
    title = models.CharField(
        max_length=300, help_text="Title in the caption, e.g. “ORDER DENYING DISCOVERY MOTION”."
    )
    docket_entries = models.ManyToManyField(
        DocketEntry,
        through="OrderDocketEntry",
        related_name="orders",
        blank=True,
        help_text="The docket entries the order addresses (“Re: Dkt. No. 53”).",
    )
    body = models.TextField(
        help_text="The text of the order as stored, so it re-renders identically. Paragraphs are "
        "separated by a blank line; a paragraph starting with “# ” is a centred heading and one "
        "starting with “> ” a block quote (see orders.body).",
        validators=[MaxLengthValidator(BODY_MAX_LENGTH)],
    )
    details = models.JSONField(
        default=dict,
        blank=True,
        help_text="The answers given for the order type's own fields, to edit the order again.",
    )
    date = models.DateField(
        null=True, blank=True, help_text="The date printed after “Dated:”; empty until set."
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Where the order is in its life.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="orders_created",
        help_text="Who drafted the order.",
    )
    source = models.CharField(
        max_length=10,
        choices=Source.choices,
        default=Source.DRAFTED,
        help_text="Drafted in this application, or imported from a past order's file.",
    )
    needs_review = models.BooleanField(
        default=False,
        help_text="Imported with something missing or guessed (title, date, a created case or "
        "judge): a person should check it.",
    )
    content_sha256 = models.CharField(
        max_length=64,
        blank=True,
        help_text="For an imported order: SHA-256 of the text read from its file, so importing "
        "the same order again changes nothing.",
    )
    imported_from = models.CharField(
        max_length=255, blank=True, help_text="For an imported order: the name of the file it came from."
    )
    source_text = models.TextField(
        blank=True, help_text="For an imported order: the whole text read from its file, as read."
    )
    search_vector = SearchVectorField(
        null=True,
        blank=True,
        editable=False,
        help_text="Full-text document (PostgreSQL only), maintained by database triggers.",
    )
    # NULL, not "": adding a NOT NULL column with a default makes SQLite rebuild the table (0009).
    party_names = models.TextField(  # noqa: DJ001
        null=True,
        blank=True,
        editable=False,
        help_text="The names and caption names of the case's parties, one per line (PostgreSQL only), "
        "maintained by database triggers: the search's party filter reads them here.",
    )

    version = models.PositiveIntegerField(
        default=1,
        help_text="Incremented by every change; an edit made on an older version is refused "
        "(optimistic locking), so nobody silently overwrites another's work.",
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        help_text="The signed order this one amends (corrections never change a signed order).",
    )
    filed_docket_number = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The order's own docket number once filed in CM/ECF, if known.",
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector", "party_names"])

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in OrderStatus]), name="order_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="order_title_not_blank"),
            models.CheckConstraint(condition=~Q(order_type=""), name="order_type_not_blank"),
            models.CheckConstraint(
                condition=Q(source__in=[s.value for s in OrderSource]), name="order_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(source=OrderSource.DRAFTED) | ~Q(content_sha256=""),
                name="order_imported_has_hash",
            ),
            models.UniqueConstraint(
                fields=["content_sha256"],
                condition=~Q(content_sha256=""),
                name="order_unique_content_sha256",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="order_version_positive"),
            models.CheckConstraint(
                condition=Q(filed_docket_number__isnull=True) | Q(status="filed"),
                name="order_docket_number_only_when_filed",
            ),
        ]
        indexes = [
            models.Index(fields=["judge", "status", "-created_at"], name="order_judge_status_idx"),
            models.Index(fields=["case", "-created_at"], name="order_case_idx"),
            models.Index(fields=["created_by", "status"], name="order_creator_status_idx"),
            models.Index(fields=["judge", "-date", "-id"], name="order_judge_newest_idx"),
            models.Index(fields=["-date", "-id"], name="order_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title.title()} ({self.case.number}, {self.get_status_display().lower()})"

    def clean(self) -> None:
        super().clean()
        if self.case_id and self.judge_id:
            case = self.case
            if self.judge_id not in (case.assigned_judge_id, case.referred_judge_id):
                raise ValidationError({"judge": "The judge must be the case's assigned or referred judge."})

    @property
    def is_signed(self) -> bool:
        """Signed or filed: the text is frozen."""
        return self.status in (OrderStatus.SIGNED, OrderStatus.FILED)

    @property
    def entry_numbers(self) -> list[int]:
        return sorted(entry.number for entry in self.docket_entries.all())

    @property
    def re_line(self) -> str:
        """“Re: Dkt. No. 53” or “Re: Dkt. Nos. 52, 53”; empty when the order addresses none."""
        return re_line_for(self.entry_numbers)


ERROR_ENTRY_OTHER_CASE = "Docket entry {number} belongs to another case than this order."


class OrderDocketEntry(models.Model):
    """A docket entry an order addresses; both must be in the same case (enforced by a trigger)."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="entry_links", help_text="The order."
    )
    docket_entry = models.ForeignKey(
        DocketEntry, on_delete=models.PROTECT, related_name="order_links", help_text="The entry it addresses."
    )

    class Meta:
        ordering = ["docket_entry__number"]
        constraints = [
            models.UniqueConstraint(fields=["order", "docket_entry"], name="orderentry_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} → Dkt. No. {self.docket_entry.number}"

    def clean(self) -> None:
        super().clean()
        if self.order_id and self.docket_entry_id and self.order.case_id != self.docket_entry.case_id:
            raise ValidationError(ERROR_ENTRY_OTHER_CASE.format(number=self.docket_entry.number))
