"""The court table: every U.S. district court from courts-db, with its paper and local rules
(``orders.courts.loading``, the same code as ``manage.py load_courts``). Courts already present
(the demo's N.D. Cal.) keep their name and heading and get their paper and rules."""

from django.db import migrations


def load(apps, schema_editor):
    from orders.courts.loading import load_courts

    load_courts(apps.get_model("orders", "Court"), apps.get_model("orders", "LocalRule"), fill_profile=True)


class Migration(migrations.Migration):
    dependencies = [("orders", "0010_court_profiles_and_local_rules")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
