"""The docket loop: a docket entry decided by a signed order (its disposition and date), the filed
order's own docket entry, and the audit action "recalled".

SQLite rebuilds orders_docketentry for the new CHECK constraints; the same-case triggers of 0002
name that table and would fail during the rebuild, so they are dropped first and created again
after (as 0012 does). It rebuilds orders_auditevent too (the new action in its CHECK constraint),
which drops the audit log's triggers on SQLite: ``orders.frozen.install`` creates them again
(as 0017 does)."""

import importlib

import django.db.models.deletion
from django.conf import settings
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


def _restore_audit_triggers(apps, schema_editor):
    from orders import frozen

    frozen.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0019_wizard_drafts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(_drop_same_case_triggers, _create_same_case_triggers),
        migrations.RemoveConstraint(
            model_name="auditevent",
            name="auditevent_action_valid",
        ),
        migrations.AddField(
            model_name="docketentry",
            name="decided_on",
            field=models.DateField(
                blank=True, help_text="The date of the order that decided it (its signing date).", null=True
            ),
        ),
        migrations.AddField(
            model_name="docketentry",
            name="disposition",
            field=models.CharField(
                blank=True,
                choices=[
                    ("granted", "Granted"),
                    ("granted_in_part", "Granted in part and denied in part"),
                    ("denied", "Denied"),
                    ("denied_as_moot", "Denied as moot"),
                    ("vacated", "Vacated"),
                    ("terminated", "Terminated"),
                ],
                help_text="How the order in “terminated by” decided it (granted, denied, …), set when it was signed; empty while pending or when decided outside this application.",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="docketentry",
            name="filed_order",
            field=models.OneToOneField(
                blank=True,
                help_text="When this entry is an order drafted here: that order, filed under this number.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="filed_entry",
                to="orders.order",
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("viewed", "Viewed"),
                    ("downloaded", "Downloaded"),
                    ("created", "Created"),
                    ("edited", "Edited"),
                    ("sent", "Sent for signature"),
                    ("sent_back", "Sent back for changes"),
                    ("recalled", "Recalled to draft"),
                    ("signed", "Signed"),
                    ("filed", "Marked filed"),
                    ("amended", "Amended order drafted"),
                    ("deleted", "Deleted"),
                    ("refused", "Refused"),
                    ("imported", "Past order imported"),
                    ("docket", "Docket imported"),
                    ("case_changed", "Case changed"),
                    ("admin_edit", "Changed in the admin"),
                ],
                help_text="What was done.",
                max_length=12,
            ),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "action__in",
                        [
                            "viewed",
                            "downloaded",
                            "created",
                            "edited",
                            "sent",
                            "sent_back",
                            "recalled",
                            "signed",
                            "filed",
                            "amended",
                            "deleted",
                            "refused",
                            "imported",
                            "docket",
                            "case_changed",
                            "admin_edit",
                        ],
                    )
                ),
                name="auditevent_action_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="docketentry",
            constraint=models.CheckConstraint(
                condition=models.Q(("pending", False), ("disposition", ""), _connector="OR"),
                name="docketentry_decided_not_pending",
            ),
        ),
        migrations.AddConstraint(
            model_name="docketentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "disposition__in",
                        [
                            "",
                            "granted",
                            "granted_in_part",
                            "denied",
                            "denied_as_moot",
                            "vacated",
                            "terminated",
                        ],
                    )
                ),
                name="docketentry_disposition_valid",
            ),
        ),
        migrations.RunPython(_create_same_case_triggers, _drop_same_case_triggers),
        migrations.RunPython(_restore_audit_triggers, _restore_audit_triggers),
    ]
