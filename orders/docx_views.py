"""Word documents of an order: the download (and, in ``docx_import_views``, the upload back)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from . import selectors, services
from .docx import DOCX_CONTENT_TYPE, docx_filename, render_order_docx
from .http import client_ip
from .models import AuditAction


@require_GET
def order_docx(request: HttpRequest, order_id: int) -> HttpResponse:
    """The order as a Word document (watermarked until signed). Every download is audited;
    another chambers' order is a 404."""
    order = selectors.order_get_for_user(request.user, order_id)
    data = render_order_docx(order)
    services.audit_record(
        user=request.user,
        action=AuditAction.DOWNLOADED,
        order=order,
        ip=client_ip(request),
        detail=f"{'final' if order.is_signed else 'draft'} DOCX, version {order.version}",
    )
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=docx_filename(order)
    )
    response["Cache-Control"] = "private, no-cache"
    return response
