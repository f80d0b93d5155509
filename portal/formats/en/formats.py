"""Dates on English pages: one style, the month written out ("September 4, 2026").

Django's own English format abbreviates some months and not others ("Sept. 4",
"May 4", "March 4"), and the admin wrote midnight as a word. The glossary
(docs/glossary.md) records the choice.
"""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, H:i"
MONTH_DAY_FORMAT = "F j"
YEAR_MONTH_FORMAT = "F Y"
