"""Courts, judges, and who works in which judge's chambers."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .base import TimeStampedModel


class Court(TimeStampedModel):
    class NumberStyle(models.TextChoices):
        CMECF = "cmecf", "CM/ECF (14-cv-05578-MEJ)"
        LEGACY = "legacy", "Legacy (C 13-4426 EDL (PR))"

    class Paper(models.TextChoices):
        PLEADING = "pleading", "Pleading paper (28 numbered lines)"
        PLAIN = "plain", "Plain federal format (no line numbers)"

    name = models.CharField(
        max_length=200, unique=True, help_text="Full name, e.g. “Northern District of California”."
    )
    code = models.SlugField(
        max_length=10,
        unique=True,
        help_text="CM/ECF court identifier, lower case, e.g. “cand”.",
    )
    heading_line_1 = models.CharField(
        max_length=200,
        blank=True,
        default="UNITED STATES DISTRICT COURT",
        help_text="First caption heading line, as printed at the top of page 1 (blank for a "
        "territorial court's one line, “DISTRICT COURT OF GUAM”).",
    )
    heading_line_2 = models.CharField(
        max_length=200,
        help_text="Second caption heading line, e.g. “NORTHERN DISTRICT OF CALIFORNIA”.",
    )
    case_number_style = models.CharField(
        max_length=10,
        choices=NumberStyle.choices,
        default=NumberStyle.CMECF,
        help_text="How this court writes case numbers on new orders.",
    )
    # --- where the court comes from (courts-db) -------------------------------------------
    citation = models.CharField(
        max_length=40, blank=True, help_text="Citation abbreviation, e.g. “N.D. Cal.” (from courts-db)."
    )
    circuit = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Federal circuit the court's appeals go to (9 for the Ninth)."
    )
    # --- the court's paper (its profile; the PDF renderer reads ``profile``) ----------------
    paper = models.CharField(
        max_length=10,
        choices=Paper.choices,
        default=Paper.PLAIN,
        help_text="Pleading paper with 28 numbered lines, or the plain federal format.",
    )
    font_size_pt = models.PositiveSmallIntegerField(
        default=12, help_text="Body type size in points (C.D. Cal.: 14, its L.R. 11-3.1.1)."
    )
    case_number_label = models.CharField(
        max_length=40,
        default="Case No.",
        help_text="Label before a CM/ECF case number in the caption: “Case No.”, “Civil Action No.”.",
    )
    closing = models.CharField(
        max_length=60,
        default="SO ORDERED.",
        help_text="The line after the body: “IT IS SO ORDERED.” or “SO ORDERED.”.",
    )
    prints_division = models.BooleanField(
        default=False, help_text="Print the case's division (“SAN JOSE DIVISION”) under the heading."
    )
    profile_source = models.TextField(
        blank=True, help_text="Where the heading and paper facts above come from (rule, document)."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="court_code_not_blank"),
            models.CheckConstraint(condition=~Q(heading_line_2=""), name="court_heading_not_blank"),
            models.CheckConstraint(condition=Q(paper__in=["pleading", "plain"]), name="court_paper_valid"),
            models.CheckConstraint(
                condition=Q(font_size_pt__gte=10, font_size_pt__lte=14),
                name="court_font_size_range",
                violation_error_message="The type size must be 10 to 14 points.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def heading_lines(self) -> list[str]:
        return [line for line in (self.heading_line_1, self.heading_line_2) if line]

    def rule_citations(self) -> dict[str, list[str]]:
        """The court's local rules by key, each key's citations in order (“discovery_conference”:
        [“N.D. Cal. L.R. 37”, …]); read once per court object (one query, or none if prefetched)."""
        cached = getattr(self, "_rule_citations", None)
        if cached is None:
            cached = {}
            for rule in self.local_rules.all():
                cached.setdefault(rule.key, []).append(rule.citation)
            self._rule_citations = cached
        return cached

    def rule(self, key: str) -> str:
        """The citation of this court's local rule ``key`` (“Civil L.R. 6-3”), "" when the court
        has none in its rule table: an order never cites another court's rule."""
        return (self.rule_citations().get(key) or [""])[0]


class LocalRule(TimeStampedModel):
    """One local rule of a court as its orders cite it, with where the citation comes from.

    Order types cite a court's local rule only through this table (``Court.rule(key)``); a court
    without the entry gets the sentence without a local rule. Loaded from
    ``orders/courts/data/local_rules.json`` by ``manage.py load_courts``; editable in the admin."""

    court = models.ForeignKey(
        Court, on_delete=models.CASCADE, related_name="local_rules", help_text="Whose rule it is."
    )
    key = models.SlugField(
        max_length=40,
        help_text="What the rule is about, as order types ask for it: “discovery_conference”, "
        "“extension_of_time”, “reconsideration_leave”, …",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among the ways to cite the same rule (the first is the default)."
    )
    citation = models.CharField(max_length=120, help_text="As printed: “Civil L.R. 37-1”.")
    source = models.CharField(
        max_length=300, help_text="Where the citation comes from: the rules' document and URL, or an order."
    )

    class Meta:
        ordering = ["court", "key", "position"]
        constraints = [
            models.UniqueConstraint(fields=["court", "key", "citation"], name="local_rule_unique_citation"),
            models.CheckConstraint(condition=~Q(citation=""), name="local_rule_citation_not_blank"),
            models.CheckConstraint(condition=~Q(source=""), name="local_rule_source_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.court.code} {self.key}: {self.citation}"


class Judge(TimeStampedModel):
    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, related_name="judges", help_text="The court the judge sits on."
    )
    full_name = models.CharField(
        max_length=200, help_text="Name as printed under the signature line, e.g. “Maria-Elena James”."
    )
    signature_title = models.CharField(
        max_length=200,
        help_text="Title printed under the name, e.g. “United States Magistrate Judge”.",
    )
    initials = models.CharField(
        max_length=5, help_text="Initials used in case numbers, e.g. “MEJ”, upper case."
    )
    active = models.BooleanField(default=True, help_text="Still receiving cases.")
    needs_review = models.BooleanField(
        default=False,
        help_text="Created by the import of a past order from its signature block: a person should "
        "check the name, initials and title.",
    )

    class Meta:
        ordering = ["court", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["court", "initials"], name="judge_unique_initials_per_court"),
            models.CheckConstraint(
                condition=Q(initials__regex=r"^[A-Z]{1,5}$"), name="judge_initials_upper_letters"
            ),
            models.CheckConstraint(condition=~Q(full_name=""), name="judge_name_not_blank"),
        ]
        indexes = [models.Index(fields=["court", "active"], name="judge_court_active_idx")]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.initials})"

    @property
    def signature_name(self) -> str:
        """The name in capitals, as under the signature line."""
        return self.full_name.upper()


class ChambersMembership(TimeStampedModel):
    """A user works in a judge's chambers. A user may belong to several chambers."""

    class Role(models.TextChoices):
        CLERK = "clerk", "Clerk (drafts, edits, sends for signature)"
        JUDGE = "judge", "Judge (also approves and signs)"
        READ_ONLY = "read_only", "Read-only"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="chambers_memberships",
        help_text="The staff member.",
    )
    judge = models.ForeignKey(
        Judge,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text="Whose chambers the user works in.",
    )
    role = models.CharField(
        max_length=10, choices=Role.choices, default=Role.CLERK, help_text="What the user may do there."
    )

    class Meta:
        ordering = ["judge", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "judge"], name="membership_unique_user_judge"),
            models.CheckConstraint(
                condition=Q(role__in=["clerk", "judge", "read_only"]), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in the chambers of {self.judge.full_name} ({self.role})"
