from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import docket_views, docx_views, proposed_views, queue_views, views, workflow_views
from .drafting import views as drafting_views
from .drafting.wizard import DraftWizard

app_name = "orders"

urlpatterns = [
    path("", views.home, name="home"),
    # The drafting wizard and the order pages.
    path("drafts/", views.draft_list, name="draft_list"),
    path("drafts/new/", drafting_views.draft_new, name="draft_new"),
    # The wizard's own URL: its WizardDraft. An expired session's post is kept for after the
    # login (orders/drafting/relogin.py), so the view itself sends an anonymous user to log in.
    path("drafts/w/<uuid:draft_id>/", login_not_required(DraftWizard.as_view()), name="wizard"),
    path("drafts/w/<uuid:draft_id>/discard/", drafting_views.wizard_discard, name="wizard_discard"),
    path("cases/<int:case_id>/draft/", drafting_views.draft_for_case, name="draft_for_case"),
    path("orders/<int:order_id>/", views.order_detail, name="order_detail"),
    path("orders/<int:order_id>/edit/", drafting_views.order_edit, name="order_edit"),
    path("orders/<int:order_id>/duplicate/", views.order_duplicate, name="order_duplicate"),
    path("orders/<int:order_id>/delete/", views.order_delete, name="order_delete"),
    path("orders/<int:order_id>/pdf/", views.order_pdf, name="order_pdf"),
    path("orders/<int:order_id>/docx", docx_views.order_docx, name="order_docx"),
    path("orders/<int:order_id>/docx/upload/", docx_views.order_docx_upload, name="order_docx_upload"),
    path("orders/<int:order_id>/docx/save/", docx_views.order_docx_save, name="order_docx_save"),
    path("orders/<int:order_id>/original", views.order_original, name="order_source_file"),
    path("proposed-order/", proposed_views.proposed_order_upload, name="proposed_order_upload"),
    path(
        "cases/<int:case_id>/proposed-order/",
        proposed_views.proposed_order_upload,
        name="proposed_order_upload_for_case",
    ),
    path("orders/<int:order_id>/pages/<int:page>.png", views.order_page_png, name="order_page_png"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("dockets/import/", docket_views.docket_import, name="docket_import"),
    path("dockets/import/<int:upload_id>/", docket_views.docket_preview, name="docket_preview"),
    path("dockets/import/<int:upload_id>/confirm/", docket_views.docket_confirm, name="docket_confirm"),
    path("dockets/import/<int:upload_id>/court/", docket_views.docket_add_court, name="docket_add_court"),
    path("dockets/import/<int:upload_id>/judge/", docket_views.docket_add_judge, name="docket_add_judge"),
    path("search/", views.search, name="search"),
    path("orders/import/", views.import_orders, name="import_orders"),
]

# The review-and-signing workflow and the audit log (orders/workflow_views.py).
urlpatterns += [
    path("orders/<int:order_id>/review/", workflow_views.order_review, name="order_review"),
    path("orders/<int:order_id>/send/", workflow_views.order_send, name="order_send"),
    path("orders/<int:order_id>/send-back/", workflow_views.order_send_back, name="order_send_back"),
    path("orders/<int:order_id>/sign/", workflow_views.order_sign, name="order_sign"),
    path(
        "orders/<int:order_id>/signing-copy.pdf", workflow_views.order_signing_copy, name="order_signing_copy"
    ),
    path("orders/<int:order_id>/sign/upload/", workflow_views.order_sign_upload, name="order_sign_upload"),
    path("orders/<int:order_id>/file/", workflow_views.order_file, name="order_file"),
    path("orders/<int:order_id>/amend/", workflow_views.order_amend, name="order_amend"),
    path("orders/<int:order_id>/audit/", workflow_views.order_audit, name="order_audit"),
    path("chambers/<int:judge_id>/audit/", workflow_views.chambers_audit, name="chambers_audit"),
    path("orders/<int:order_id>/recall/", workflow_views.order_recall, name="order_recall"),
    path("chambers/<int:judge_id>/queue/", queue_views.chambers_queue, name="chambers_queue"),
]
