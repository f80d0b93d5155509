"""The glossary's own terms (portal.models.glossary).

Editors add, approve and delete terms. Translators (migration 0035) see every
term, approved or proposed, and write its translation in their own languages,
as they do for content (portal.admin.roles): the term in the default language,
its note and whether it is approved stay an Editor's decision.
"""

from django.contrib import admin

from portal.admin.base import PortalAdmin
from portal.languages import localized_all
from portal.models import GlossaryTerm


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(PortalAdmin):
    list_display = ["__str__", "approved", "translations"]
    list_filter = ["approved"]
    search_fields = [*localized_all("term"), "note"]
    fields = ["term", "note", "approved"]
