"""The review-and-signing workflow: comments on an order, the frozen signed PDF, and the
append-only audit log of who did what to which order."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .orders import Order


class OrderComment(models.Model):
    """A note left on an order, e.g. why the judge sent it back for changes."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="comments", help_text="The order commented on."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="order_comments",
        help_text="Who wrote the comment.",
    )
    text = models.TextField(max_length=5000, help_text="The comment, plain text.")
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the comment was written.")

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["order", "created_at"], name="ordercomment_order_idx")]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="ordercomment_text_not_blank")]

    def __str__(self) -> str:
        return f"Comment by {self.author} on order {self.order_id}"


class SignedPdf(models.Model):
    """The PDF of a signed order, frozen at signing: every later download serves these bytes."""

    class Signature(models.TextChoices):
        CONFORMED = "conformed", "Conformed signature (“/s/”)"
        FIELD = "field", "Digital signature made in a PDF reader (verified upload)"

    order = models.OneToOneField(
        Order, on_delete=models.PROTECT, related_name="signed_pdf", help_text="The signed order."
    )
    pdf = models.BinaryField(help_text="The PDF bytes exactly as frozen at signing.")
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the PDF bytes, lower-case hex.")
    signature = models.CharField(
        max_length=10, choices=Signature.choices, help_text="How the judge chose to sign."
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="signed_pdfs",
        help_text="The judge's user account that signed.",
    )
    signed_at = models.DateTimeField(auto_now_add=True, help_text="When the order was signed.")
    signer = models.CharField(
        max_length=300,
        blank=True,
        help_text="Who the digital signature's certificate names (a signed upload); empty for “/s/”.",
    )

    class Meta:
        ordering = ["-signed_at"]
        constraints = [
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="signedpdf_sha256_hex"),
            models.CheckConstraint(
                condition=Q(signature__in=["conformed", "field"]), name="signedpdf_signature_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Signed PDF of order {self.order_id} ({self.sha256[:12]}…)"


class AuditAction(models.TextChoices):
    VIEWED = "viewed", "Viewed"
    DOWNLOADED = "downloaded", "Downloaded"
    CREATED = "created", "Created"
    EDITED = "edited", "Edited"
    SENT = "sent", "Sent for signature"
    SENT_BACK = "sent_back", "Sent back for changes"
    RECALLED = "recalled", "Recalled to draft"
    SIGNED = "signed", "Signed"
    FILED = "filed", "Marked filed"
    AMENDED = "amended", "Amended order drafted"
    DELETED = "deleted", "Deleted"
    REFUSED = "refused", "Refused"
    IMPORTED = "imported", "Past order imported"
    DOCKET = "docket", "Docket imported"
    CASE_CHANGED = "case_changed", "Case changed"
    ADMIN_EDIT = "admin_edit", "Changed in the admin"


class AuditEvent(models.Model):
    """One thing a user did (or tried to do) to an order. Rows are only ever inserted: the admin
    is read-only and, on PostgreSQL, a trigger refuses UPDATE and DELETE on the table.

    The order is kept as its id and description, not a foreign key, so events outlive a
    deleted draft."""

    Action = AuditAction

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text="Who acted; empty for an anonymous visitor.",
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="The user's login name at the time (kept if renamed)."
    )
    action = models.CharField(max_length=12, choices=Action.choices, help_text="What was done.")
    order_ref = models.BigIntegerField(
        null=True, blank=True, help_text="Id of the order concerned (kept after the order is deleted)."
    )
    order_repr = models.CharField(
        max_length=400, blank=True, help_text="The order as described at the time of the event."
    )
    judge = models.ForeignKey(
        "orders.Judge",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text="Whose chambers the order belongs to (who may read this event).",
    )
    at = models.DateTimeField(auto_now_add=True, help_text="When it happened.")
    ip_address = models.GenericIPAddressField(
        null=True, blank=True, help_text="The client's IP address, when done through a request."
    )
    detail = models.CharField(
        max_length=2000, blank=True, help_text="What exactly: fields changed, reason refused, hash signed."
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["order_ref", "-at"], name="auditevent_order_idx"),
            models.Index(fields=["judge", "-at"], name="auditevent_judge_idx"),
            models.Index(fields=["action", "-at"], name="auditevent_action_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=[a.value for a in AuditAction]), name="auditevent_action_valid"
            )
        ]

    def __str__(self) -> str:
        who = self.username or "anonymous"
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.action} {self.order_repr or self.order_ref or ''}"
