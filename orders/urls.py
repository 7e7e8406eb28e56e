from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("", views.home, name="home"),
    path("orders/<int:order_id>/pdf/", views.order_pdf, name="order_pdf"),
    path("orders/<int:order_id>/pages/<int:page>.png", views.order_page_png, name="order_page_png"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
]
