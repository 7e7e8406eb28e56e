"""Party roles “Movant”, “Claimant” and “Garnishee”, named in their roles (orders.dockets.parties).

SQLite rebuilds orders_party for the new CHECK constraint; the same-case triggers of 0002 name that
table and would fail during the rebuild, so they are dropped first and created again after."""

import importlib

from django.db import migrations, models

_same_case = importlib.import_module("orders.migrations.0002_same_case_triggers")


def _drop_same_case_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _same_case.SQLITE_REVERSE:
            schema_editor.execute(statement)


def _create_same_case_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _same_case.SQLITE_FORWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0011_load_courts"),
    ]

    operations = [
        migrations.RunPython(_drop_same_case_triggers, _create_same_case_triggers),
        migrations.RemoveConstraint(
            model_name="party",
            name="party_role_valid",
        ),
        migrations.AlterField(
            model_name="party",
            name="role",
            field=models.CharField(
                choices=[
                    ("plaintiff", "Plaintiff"),
                    ("petitioner", "Petitioner"),
                    ("defendant", "Defendant"),
                    ("respondent", "Respondent"),
                    ("intervenor", "Intervenor"),
                    ("interested_party", "Interested Party"),
                    ("movant", "Movant"),
                    ("claimant", "Claimant"),
                    ("garnishee", "Garnishee"),
                ],
                help_text="The party's role in the case.",
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="party",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "role__in",
                        [
                            "plaintiff",
                            "petitioner",
                            "defendant",
                            "respondent",
                            "intervenor",
                            "interested_party",
                            "movant",
                            "claimant",
                            "garnishee",
                        ],
                    )
                ),
                name="party_role_valid",
            ),
        ),
        migrations.RunPython(_create_same_case_triggers, _drop_same_case_triggers),
    ]
