"""Extract every served language's message catalogs, then compile them.

The languages come from settings.LANGUAGES, so a language added there gets its
catalogs here without naming it anywhere else.
"""

from django.core.management import BaseCommand, call_command
from django.utils.translation import to_locale

from portal.languages import language_codes

# Not ours to translate: the virtualenv, collected static files, the tests'
# strings, and vendored scripts.
IGNORED = [".venv", "var", "tests", "node_modules", "portal/static/portal/vendor"]


class Command(BaseCommand):
    help = "Update locale/<language> catalogs for every language in LANGUAGES."

    def handle(self, *args, **options):
        locales = [to_locale(code) for code in language_codes()]
        # Only the server's domain: djangojs.po holds, written by hand, the
        # strings of the admin editor's library, which no source of ours holds.
        call_command(
            "makemessages",
            locale=locales,
            no_location=True,
            no_obsolete=True,
            ignore_patterns=IGNORED,
            verbosity=options["verbosity"],
        )
        call_command("compilemessages", locale=locales, ignore_patterns=IGNORED)
