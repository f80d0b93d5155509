"""French date and time formats: Django's, with "à" between the date and the time.

Django's own French formats already use the 24-hour clock ("24 mai 2024 14:30"),
but put the time straight after the year with no link word. French public sites
write "24 mai 2024 à 14:30", which also reads naturally inside the admin's
sentences ("visible à partir du 24 mai 2024 à 14:30"). Everything else,
SHORT_DATETIME_FORMAT included ("24/05/2024 14:30"), stays Django's. The
glossary (locale/fr/glossary.md) records the choice.
"""

DATETIME_FORMAT = "j F Y à H:i"
