"""Admin text of apps that ship no Korean catalogue (django-axes, django-reversion).

Marked here so that ``make messages`` keeps them in ``locale/ko``, whose
translations Django reads before any app's own; the admin is then Korean
throughout, the sign-in records and the history pages included. Strings those
apps share with Django's own Korean catalogue are left to it (Django has
"username", not axes' "Username").
"""

from django.utils.translation import gettext_noop

AXES = [
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop(
        "Account locked: too many login attempts. Contact an admin to unlock your "
        "account."
    ),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Logout Time"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access Attempt"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Locked Out"),
    gettext_noop("Not set"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Path"),
    gettext_noop("Username"),
]

REVERSION = [
    gettext_noop("Recover deleted %(name)s"),
    gettext_noop("Reverted to previous version, saved on %(datetime)s"),
    gettext_noop(
        'The %(model)s "%(name)s" was reverted successfully. You may edit it again '
        "below."
    ),
    gettext_noop("Recover %s"),
    gettext_noop("Revert %(name)s"),
    gettext_noop("Initial version."),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this "
        "object."
    ),
    gettext_noop(
        "This object doesn't have a change history. It probably wasn't added via "
        "this admin site."
    ),
    gettext_noop("Recover deleted %(verbose_name)s"),
    gettext_noop("Recover %(name)s"),
    gettext_noop("Press the save button below to recover this version of the object."),
    gettext_noop(
        "Choose a date from the list below to recover a deleted version of an object."
    ),
    gettext_noop("There are no deleted objects to recover."),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop(
        "Press the save button below to revert to this version of the object."
    ),
]
