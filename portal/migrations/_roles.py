"""Granting the Editors and Translators groups rights on new models, for the
migrations that add them (0017, 0020). Not a migration: the loader skips names
that start with an underscore."""

from django.contrib.auth.management import create_permissions


def grant(apps, rights: dict[str, list[str]], *, app_label: str = "portal") -> None:
    """Give each group (by name) the permissions named of ``app_label``'s models,
    creating them first: permissions are otherwise made only after the whole
    migrate."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in rights.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )


def revoke(apps, codenames: list[str], *, app_label: str = "portal") -> None:
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(
        name__in=["Editors", "Translators"]
    ):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
