"""The original file of an imported past order, kept as uploaded."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .orders import Order


class ImportedFile(models.Model):
    """The file an order came from, kept byte for byte with its SHA-256: the PDF or text file a
    past order was imported from (the imported order's page serves these bytes as its PDF, or its
    text file, never a rendering of its own), or a party's proposed order in Word that a draft was
    made from (served as it was uploaded, beside the draft's own PDF)."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        TEXT = "text", "Text file"
        DOCX = "docx", "Word file (a proposed order)"

    order = models.OneToOneField(
        Order, on_delete=models.CASCADE, related_name="imported_file", help_text="The imported order."
    )
    filename = models.CharField(max_length=255, help_text="The file's name as uploaded.")
    kind = models.CharField(
        max_length=4, choices=Kind.choices, help_text="A PDF, a text file or a Word file."
    )
    data = models.BinaryField(help_text="The file's bytes exactly as uploaded.")
    size = models.PositiveIntegerField(help_text="The file's size in bytes.")
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the file's bytes, lower-case hex.")
    imported_at = models.DateTimeField(auto_now_add=True, help_text="When the file was imported.")

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="importedfile_sha256_hex"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["pdf", "text", "docx"]), name="importedfile_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.sha256[:12]}…)"

    @property
    def content_type(self) -> str:
        return {
            self.Kind.PDF: "application/pdf",
            self.Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }.get(self.Kind(self.kind), "text/plain; charset=utf-8")
