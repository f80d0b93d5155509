"""Arabic date, time and number formats: Django's, with a 24-hour clock.

Django's own Arabic formats write times on a 12-hour clock ("g:i A", so
midnight, the time of every post imported with a date alone, reads "12:00 ص")
and define no date-and-time formats, so the admin fell back to the English
"N j, Y, P" ("May 24, 2024, midnight"). Every language of the portal shows
times on the 24-hour clock (tests/config/test_formats.py).

Dates drop the English-style comma between month and year ("24 مايو 2024", as
Arab government sites write them). Digits stay Western (Django's choice); with
Western digits the Gulf, the Levant and Egypt write "1,000" and "2.5";
Django's Arabic has the Maghreb's "1.000" and "2,5", which a reader in Cairo
or Riyadh would misread (search counts, file sizes, average ratings).
The glossary (locale/ar/glossary.md) records the choices.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
# Django's short date, with its right-to-left marks around the slashes.
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
