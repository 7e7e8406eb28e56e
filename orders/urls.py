from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("search/", views.search, name="search"),
    path("orders/import/", views.import_orders, name="import_orders"),
]
