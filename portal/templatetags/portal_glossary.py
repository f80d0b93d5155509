"""The glossary panel on the admin's change forms (portal.glossary)."""

from django import template

from portal.glossary import glossary_for
from portal.languages import default_language, direction
from portal.models.translators import languages_of

register = template.Library()


@register.inclusion_tag("admin/portal/includes/glossary_panel.html")
def glossary_panel(obj, user):
    """``{% glossary_panel original request.user %}``: the terms ``obj`` uses,
    the user's own languages first."""
    return {
        "entries": glossary_for(obj, first=languages_of(user)),
        # Notes are written once, by staff, in the site's default language.
        "note_lang": default_language(),
        "note_dir": direction(default_language()),
    }
