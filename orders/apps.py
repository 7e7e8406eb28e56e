from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrdersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "orders"
    verbose_name = "Chambers orders"

    def ready(self) -> None:
        from .frozen import reinstall_after_migrate

        post_migrate.connect(reinstall_after_migrate, sender=self)
