"""Docket reports uploaded for import, kept between the preview and the confirmation."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .base import TimeStampedModel
from .cases import Case


class DocketUpload(TimeStampedModel):
    """The HTML of a CM/ECF docket report as uploaded, and what the server parsed of it (once, in
    a limited child process): nothing parsed is ever taken back from the browser."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="docket_uploads",
        help_text="Who uploaded it; only they can preview and confirm it.",
    )
    filename = models.CharField(max_length=255, blank=True, help_text="The uploaded file's name.")
    html = models.TextField(help_text="The docket report's HTML, decoded to text.")
    sha256 = models.CharField(
        max_length=64, help_text="SHA-256 of the uploaded bytes, to recognise the same file again."
    )
    notes = models.JSONField(
        default=list, blank=True, help_text="Things noticed while reading the file (e.g. its encoding)."
    )
    parsed = models.JSONField(
        null=True,
        blank=True,
        help_text="The docket as parsed once at upload (orders.dockets.stored); the preview and the "
        "confirmation read it instead of parsing the HTML again.",
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="docket_uploads",
        help_text="The case it created or updated, once confirmed.",
    )
    imported_at = models.DateTimeField(null=True, blank=True, help_text="When the import was confirmed.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="docketupload_sha256_hex"
            ),
        ]
        indexes = [
            models.Index(fields=["uploaded_by", "sha256"], name="docketupload_user_sha_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.filename or 'docket'} uploaded by {self.uploaded_by} ({self.sha256[:12]})"
