from django.urls import path

from . import docket_views, views

app_name = "orders"

urlpatterns = [
    path("", views.home, name="home"),
    path("orders/<int:order_id>/pdf/", views.order_pdf, name="order_pdf"),
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
