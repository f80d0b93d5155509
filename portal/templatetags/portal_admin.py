"""Template filters for the admin's own pages."""

from django import template

from portal.admin.change_messages import describe_change

register = template.Library()


@register.filter
def change_message(message: str, opts) -> str:
    """``{{ action.change_message|change_message:opts }}``: a stored history
    message in the reader's language (``portal.admin.change_messages``)."""
    return describe_change(message or "", getattr(opts, "model", None))
