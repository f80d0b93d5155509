"""Who may work on visitors' requests.

Request handlers (department staff) open and answer the requests of their own
departments. Editors also see every department's, assign them, destroy a
request's personal data on the visitor's word and export CSV. Nobody but
superusers reads the access log until given ``view_inquiryaccess``.
Translators get nothing here: a request is not content.
"""

from django.db import migrations

from portal.migrations._roles import grant

HANDLING = [
    "view_inquiry",
    "change_inquiry",
    "view_inquirynote",
    "add_inquirynote",
    "view_inquiryreply",
    "add_inquiryreply",
    "view_outgoingmail",
    "view_consent",
]
RIGHTS = {
    "Request handlers": HANDLING,
    "Editors": [
        *HANDLING,
        "handle_all_inquiry",
        "assign_inquiry",
        "export_inquiry",
        "delete_inquiry",
    ],
}


def forwards(apps, schema_editor):
    grant(apps, RIGHTS)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Request handlers").delete()
    Permission = apps.get_model("auth", "Permission")
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="portal", codename__in=RIGHTS["Editors"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0031_requests")]

    operations = [migrations.RunPython(forwards, backwards)]
