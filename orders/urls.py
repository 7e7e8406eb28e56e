from django.urls import path

from . import views, workflow_views

app_name = "orders"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
]

# The review-and-signing workflow, the PDF download and the audit log (orders/workflow_views.py).
urlpatterns += [
    path("orders/<int:order_id>/review/", workflow_views.order_review, name="order_review"),
    path("orders/<int:order_id>/send/", workflow_views.order_send, name="order_send"),
    path("orders/<int:order_id>/send-back/", workflow_views.order_send_back, name="order_send_back"),
    path("orders/<int:order_id>/sign/", workflow_views.order_sign, name="order_sign"),
    path("orders/<int:order_id>/file/", workflow_views.order_file, name="order_file"),
    path("orders/<int:order_id>/amend/", workflow_views.order_amend, name="order_amend"),
    path("orders/<int:order_id>/pdf/", workflow_views.order_pdf, name="order_pdf"),
    path("orders/<int:order_id>/audit/", workflow_views.order_audit, name="order_audit"),
    path("chambers/<int:judge_id>/audit/", workflow_views.chambers_audit, name="chambers_audit"),
]
