"""The chambers domain model, split by domain and re-exported here."""

from .base import TimeStampedModel
from .calendar import CourtHoliday
from .cases import Caption, CaptionSide, Case, Disposition, DocketEntry, EntryKind, Party, PartyRole
from .courts import ChambersMembership, Court, Judge, LocalRule
from .dockets import DocketUpload
from .imports import ImportedFile
from .orders import Order, OrderDocketEntry, OrderSource, OrderStatus
from .wizard_drafts import WIZARD_DRAFT_DAYS, WizardDraft
from .workflow import AuditAction, AuditEvent, OrderComment, SignedPdf

__all__ = [
    "WIZARD_DRAFT_DAYS",
    "AuditAction",
    "AuditEvent",
    "Caption",
    "CaptionSide",
    "Case",
    "ChambersMembership",
    "Court",
    "CourtHoliday",
    "Disposition",
    "DocketEntry",
    "DocketUpload",
    "EntryKind",
    "ImportedFile",
    "Judge",
    "LocalRule",
    "Order",
    "OrderComment",
    "OrderDocketEntry",
    "OrderSource",
    "OrderStatus",
    "Party",
    "PartyRole",
    "SignedPdf",
    "TimeStampedModel",
    "WizardDraft",
]
