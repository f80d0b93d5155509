from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    """django-axes under a name staff can read in the admin's list of apps."""

    verbose_name = _("Sign-in protection")
