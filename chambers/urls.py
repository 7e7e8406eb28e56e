"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("orders.urls")),
]

# The app's own error pages (orders/errors.py), with the navigation, when DEBUG is off.
handler400 = "orders.errors.bad_request"
handler403 = "orders.errors.permission_denied"
handler404 = "orders.errors.page_not_found"
handler500 = "orders.errors.server_error"
