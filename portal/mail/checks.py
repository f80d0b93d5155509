"""Deployment checks for mail (``manage.py check --deploy``)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def mail_server_configured(app_configs, **kwargs):
    """A deployment that prints its mail on the console loses every
    confirmation and reply, and writes visitors' private links into its logs."""
    if "console" in settings.EMAIL_BACKEND or "locmem" in settings.EMAIL_BACKEND:
        return [
            checks.Warning(
                "Mail is printed on the console, not sent.",
                hint="Set DJANGO_EMAIL_HOST (and DJANGO_EMAIL_PORT, _USER, "
                "_PASSWORD, _TLS or _SSL, _FROM): docs/deploy.md.",
                id="portal.W101",
            )
        ]
    if not (settings.EMAIL_USE_TLS or settings.EMAIL_USE_SSL):
        return [
            checks.Warning(
                "Mail is sent to the mail server without TLS.",
                hint="Set DJANGO_EMAIL_TLS=1 (STARTTLS) or DJANGO_EMAIL_SSL=1.",
                id="portal.W102",
            )
        ]
    return []
