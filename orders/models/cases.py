"""Cases, their parties and their docket entries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from ..case_numbers import CaseNumberError, parse_case_number
from .base import TimeStampedModel
from .courts import Court, Judge

ERROR_DUPLICATE_CASE = "This court already has case %(key)s (the same number, however it is written)."


class PartyRole(models.TextChoices):
    PLAINTIFF = "plaintiff", "Plaintiff"
    PETITIONER = "petitioner", "Petitioner"
    DEFENDANT = "defendant", "Defendant"
    RESPONDENT = "respondent", "Respondent"
    INTERVENOR = "intervenor", "Intervenor"
    INTERESTED_PARTY = "interested_party", "Interested Party"
    MOVANT = "movant", "Movant"
    CLAIMANT = "claimant", "Claimant"
    GARNISHEE = "garnishee", "Garnishee"


class EntryKind(models.TextChoices):
    COMPLAINT = "complaint", "Complaint / petition"
    MOTION = "motion", "Motion"
    REQUEST = "request", "Request"
    ORDER = "order", "Order"
    NOTICE = "notice", "Notice"
    ANSWER = "answer", "Answer"
    BRIEF = "brief", "Brief / opposition / reply"
    STIPULATION = "stipulation", "Stipulation"
    LETTER = "letter", "Letter"
    SUMMONS = "summons", "Summons / service"
    JUDGMENT = "judgment", "Judgment"
    OTHER = "other", "Other"


class Disposition(models.TextChoices):
    """How an order decided a motion or request (set when the order is signed)."""

    GRANTED = "granted", "Granted"
    GRANTED_IN_PART = "granted_in_part", "Granted in part and denied in part"
    DENIED = "denied", "Denied"
    DENIED_AS_MOOT = "denied_as_moot", "Denied as moot"
    VACATED = "vacated", "Vacated"
    TERMINATED = "terminated", "Terminated"


class Case(TimeStampedModel):
    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, related_name="cases", help_text="The court the case is in."
    )
    number = models.CharField(
        max_length=60,
        help_text="Case number exactly as the court writes it, "
        "e.g. “14-cv-05578-MEJ” or “C 13-4426 EDL (PR)”.",
    )
    # Parsed parts of ``number``; filled by ``clean()`` so any written form finds the case.
    number_key = models.CharField(
        max_length=20,
        editable=False,
        help_text="Canonical identity within the court (“13-cv-04426”), derived from the number.",
    )
    office = models.CharField(
        max_length=2, blank=True, editable=False, help_text="CM/ECF office code (“3” in 3:14-cv-…)."
    )
    year = models.PositiveSmallIntegerField(editable=False, help_text="Two-digit filing year.")
    case_type = models.CharField(max_length=2, editable=False, help_text="Case type: cv, cr, mc, md, …")
    sequence = models.PositiveIntegerField(editable=False, help_text="Sequence number within the year.")
    judge_initials = models.CharField(
        max_length=20, blank=True, editable=False, help_text="Judge initials written in the number."
    )
    suffix = models.CharField(
        max_length=4, blank=True, editable=False, help_text="Suffix such as “PR” (prisoner)."
    )
    short_caption = models.CharField(
        max_length=300, help_text="Short title of the case, e.g. “Crawford v. Beard”."
    )
    assigned_judge = models.ForeignKey(
        Judge,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
        help_text="The judge the case is assigned to.",
    )
    referred_judge = models.ForeignKey(
        Judge,
        on_delete=models.PROTECT,
        related_name="referred_cases",
        null=True,
        blank=True,
        help_text="A magistrate judge the case (or a matter in it) is referred to, if any.",
    )
    cause = models.CharField(
        max_length=200, blank=True, help_text="Cause of action, e.g. “42 U.S.C. § 1983”."
    )
    nature_of_suit = models.CharField(
        max_length=200, blank=True, help_text="Nature of suit, e.g. “550 Prisoner: Civil Rights”."
    )
    date_filed = models.DateField(null=True, blank=True, help_text="When the case was filed.")
    division = models.CharField(
        max_length=60,
        blank=True,
        help_text="The court's division, as the docket heading names it (“San Jose”); printed where "
        "the court prints one.",
    )
    pro_se = models.BooleanField(default=False, help_text="A party proceeds without a lawyer.")
    prisoner = models.BooleanField(default=False, help_text="A party is a prisoner.")
    sealed = models.BooleanField(
        default=False, help_text="Sealed: visible only to the assigned judge's chambers."
    )
    needs_review = models.BooleanField(
        default=False,
        help_text="Created by the import of a past order from what its text said: a person should "
        "check the caption, parties and judge.",
    )

    class Meta:
        ordering = ["court", "-year", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["court", "number_key"], name="case_unique_number_per_court"),
            models.CheckConstraint(
                condition=Q(number_key__regex=r"^[0-9]{2}-[a-z]{2}-[0-9]{5}$"),
                name="case_number_key_parsed",
            ),
            models.CheckConstraint(condition=Q(sequence__gt=0), name="case_sequence_positive"),
            models.CheckConstraint(condition=Q(year__lte=99), name="case_year_two_digits"),
            models.CheckConstraint(condition=~Q(short_caption=""), name="case_caption_not_blank"),
            models.CheckConstraint(
                condition=Q(referred_judge__isnull=True) | ~Q(referred_judge=models.F("assigned_judge")),
                name="case_referred_differs_from_assigned",
            ),
        ]
        indexes = [
            models.Index(fields=["number_key"], name="case_number_key_idx"),
            models.Index(fields=["assigned_judge", "sealed"], name="case_assigned_sealed_idx"),
            models.Index(fields=["referred_judge"], name="case_referred_idx"),
            # The few sealed cases, for the visibility filter of every order query
            # (selectors.orders_for_user): a tiny index instead of a join with every case.
            models.Index(fields=["assigned_judge"], condition=Q(sealed=True), name="case_sealed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.short_caption}, No. {self.number}"

    def clean(self) -> None:
        super().clean()
        try:
            parsed = parse_case_number(self.number)
        except CaseNumberError as error:
            raise ValidationError({"number": str(error)}) from error
        self.number = self.number.strip()
        self.number_key = parsed.key
        self.office = parsed.office
        self.year = parsed.year
        self.case_type = parsed.case_type
        self.sequence = parsed.sequence
        self.judge_initials = parsed.judge_initials
        self.suffix = parsed.suffix
        court_id = self.court_id
        if (
            court_id is not None
            and Case.objects.filter(court_id=court_id, number_key=self.number_key)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"number": ERROR_DUPLICATE_CASE % {"key": self.number_key}})
        for field in ("assigned_judge", "referred_judge"):
            judge = getattr(self, field)
            if judge is not None and court_id is not None and judge.court_id != court_id:
                raise ValidationError({field: "The judge sits on another court than this case."})

    def caption(self) -> Caption:
        """The left side of the caption, built from the party list (see ``Caption``); an “In re”
        case (an MDL) is captioned by its name, and a case with no parties by its short caption,
        never by a bare “v.”."""
        parties = list(self.parties.all())
        first, second = first_side(parties), [p for p in parties if p.side == Party.Side.SECOND]
        if self.short_caption.lower().startswith("in re") or not (first or second):
            return Caption(
                first=CaptionSide(names=self.short_caption.upper(), label=""),
                second=CaptionSide(names="", label=""),
            )
        return Caption(
            first=CaptionSide.for_parties(first_side(parties), last=False),
            second=CaptionSide.for_parties([p for p in parties if p.side == Party.Side.SECOND], last=True),
        )


class Party(TimeStampedModel):
    Role = PartyRole

    class Side(models.IntegerChoices):
        FIRST = 1, "Plaintiffs / petitioners"
        SECOND = 2, "Defendants / respondents"
        OTHER = 3, "Other"

    class Pronoun(models.TextChoices):
        HE = "he", "he / him / his"
        SHE = "she", "she / her / her"
        THEY = "they", "they / them / their"
        IT = "it", "it / it / its"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="parties", help_text="The case the party is in."
    )
    name = models.CharField(max_length=300, help_text="Party name, e.g. “James Darren Crawford”.")
    caption_name = models.CharField(
        max_length=300,
        blank=True,
        help_text="Name as printed in the caption when it differs from the name in capitals, "
        "e.g. “Officer J. SAMPLE”.",
    )
    role = models.CharField(max_length=20, choices=Role.choices, help_text="The party's role in the case.")
    caption_position = models.PositiveSmallIntegerField(
        help_text="Order in the caption; the first party of each side is named, the rest are “et al.”."
    )
    pro_se = models.BooleanField(default=False, help_text="Proceeds without a lawyer.")
    prisoner_number = models.CharField(
        max_length=40, blank=True, help_text="Prisoner identification number, e.g. “P-65407”."
    )
    institution = models.CharField(
        max_length=200, blank=True, help_text="Where the party is held, e.g. “Calipatria State Prison”."
    )
    pronoun = models.CharField(
        max_length=4,
        choices=Pronoun.choices,
        default=Pronoun.THEY,
        help_text="Pronoun used for the party in generated text.",
    )
    terminated = models.BooleanField(default=False, help_text="No longer a party (dismissed, terminated).")

    class Meta:
        ordering = ["case", "caption_position"]
        verbose_name_plural = "parties"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "caption_position"], name="party_unique_caption_position"
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in PartyRole]), name="party_role_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="party_name_not_blank"),
        ]
        indexes = [models.Index(fields=["case", "role"], name="party_case_role_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def side(self) -> int:
        """Plaintiffs, petitioners and movants (a § 2255 movant) are the first side; claimants,
        garnishees, intervenors and interested parties are named in their roles, not the caption."""
        if self.role in (self.Role.PLAINTIFF, self.Role.PETITIONER, self.Role.MOVANT):
            return self.Side.FIRST
        if self.role in (self.Role.DEFENDANT, self.Role.RESPONDENT):
            return self.Side.SECOND
        return self.Side.OTHER

    @property
    def is_prisoner(self) -> bool:
        return bool(self.prisoner_number or self.institution)

    @property
    def printed_name(self) -> str:
        """The name as the caption prints it: ``caption_name`` as written, or the name in
        capitals — only the name: a descriptor after a comma (“, individually and in his
        official capacity”, “, as Warden”) keeps its case."""
        if self.caption_name:
            return self.caption_name
        match = _DESCRIPTOR.match(self.name)
        name, descriptor = match.groups() if match else (self.name, "")
        return name.upper() + (descriptor or "")


# “John Doe, individually and in his official capacity”: the name, then from the first comma
# followed by a word in lower case, the descriptor.
_DESCRIPTOR = re.compile(r"^(.*?)((?:,\s*(?=[a-z])).*)?$", re.DOTALL)


def first_side(parties: list[Party]) -> list[Party]:
    """The first side of the caption: the plaintiffs or petitioners; movants only when the case has
    neither (a § 2255 motion), so that a criminal case's press movants never lead its caption."""
    first = [p for p in parties if p.side == Party.Side.FIRST]
    principal = [p for p in first if p.role != PartyRole.MOVANT]
    return principal or first


@dataclass(frozen=True)
class CaptionSide:
    """One side of the caption: “JEFFREY BEARD, et al.,” over “Defendants.”."""

    names: str
    label: str

    @classmethod
    def for_parties(cls, parties: list[Party], *, last: bool) -> CaptionSide:
        if not parties:
            return cls(names="", label="")
        end = "." if last else ","
        role = parties[0].get_role_display()
        label = f"{role}s{end}" if len(parties) > 1 else f"{role}{end}"
        # A caption name may end with its own punctuation (“Officer J. SAMPLE;”, as the seed of
        # Harrison v. Sample prints “Officer J. SAMPLE; et al.,”); else a comma.
        printed = parties[0].printed_name.rstrip()
        mark = "" if printed.endswith((",", ";")) else ","
        names = printed + (f"{mark} et al.," if len(parties) > 1 else (mark or ""))
        return cls(names=names, label=label)


@dataclass(frozen=True)
class Caption:
    first: CaptionSide
    second: CaptionSide


class DocketEntry(TimeStampedModel):
    Kind = EntryKind

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="docket_entries", help_text="The case."
    )
    number = models.PositiveIntegerField(help_text="Docket number (“Dkt. No. 53”), unique in the case.")
    date_filed = models.DateField(help_text="When the document was filed.")
    description = models.TextField(help_text="Docket text as CM/ECF shows it.")
    filing_party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filings",
        help_text="Who filed it, if a party of this case.",
    )
    kind = models.CharField(
        max_length=12, choices=Kind.choices, default=Kind.OTHER, help_text="What sort of filing it is."
    )
    pending = models.BooleanField(default=False, help_text="A motion or request still awaiting a ruling.")
    terminated_by = models.ForeignKey(
        "orders.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="terminated_entries",
        help_text="The order that terminated this entry, if any.",
    )
    disposition = models.CharField(
        max_length=20,
        choices=Disposition.choices,
        blank=True,
        help_text="How the order in “terminated by” decided it (granted, denied, …), set when it "
        "was signed; empty while pending or when decided outside this application.",
    )
    decided_on = models.DateField(
        null=True, blank=True, help_text="The date of the order that decided it (its signing date)."
    )
    filed_order = models.OneToOneField(
        "orders.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filed_entry",
        help_text="When this entry is an order drafted here: that order, filed under this number.",
    )

    class Meta:
        ordering = ["case", "number"]
        verbose_name_plural = "docket entries"
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="docketentry_unique_number_per_case"),
            models.CheckConstraint(condition=Q(number__gt=0), name="docketentry_number_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in EntryKind]), name="docketentry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(pending=False) | Q(terminated_by__isnull=True),
                name="docketentry_terminated_not_pending",
            ),
            models.CheckConstraint(
                condition=Q(pending=False) | Q(disposition=""), name="docketentry_decided_not_pending"
            ),
            models.CheckConstraint(
                condition=Q(disposition__in=["", *Disposition.values]), name="docketentry_disposition_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["case", "pending"], name="docketentry_case_pending_idx"),
            models.Index(fields=["kind"], name="docketentry_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"Dkt. No. {self.number} in {self.case.number}: {self.description[:60]}"

    def clean(self) -> None:
        super().clean()
        party = self.filing_party if self.filing_party_id else None
        if party is not None and self.case_id and party.case_id != self.case_id:
            raise ValidationError({"filing_party": "The filing party is a party of another case."})
        for name in ("terminated_by", "filed_order"):
            order = getattr(self, name) if getattr(self, f"{name}_id") else None
            if order is not None and self.case_id and order.case_id != self.case_id:
                raise ValidationError({name: "The order is in another case."})
