"""The editorial roles: the groups the migrations create (0003, 0017, 0020).

A group's name is the key migrations find the role by ("Editors"), so it stays
as it is in the database; staff read it in the admin's language ("편집자"),
wherever Django shows a group: lists, filters, forms, breadcrumbs.
"""

from django.utils.translation import gettext_lazy as _

ROLE_LABELS = {
    # Translators: the group of staff who write, publish and delete content.
    "Editors": _("Editors"),
    # Translators: the group of staff who translate content and nothing else.
    "Translators": _("Translators"),
    # Translators: the group of department staff who answer visitors' requests.
    "Request handlers": _("Request handlers"),
}


def group_label(group) -> str:
    """A group's name as staff read it: a role's in their language."""
    return str(ROLE_LABELS.get(group.name, group.name))


# The group's name in the database, which migrations and the admin look up.
TRANSLATORS = "Translators"
