"""Dates and times on English pages and in the English admin: one style.

The month is written out ("September 4, 2026"): Django's own English format
abbreviates some months and not others ("Sept. 4", "May 4"). Times use the
24-hour clock of the Korean admin, so staff who switch language compare the same
times; Django's own would show "midnight" and "3:30 p.m.". The glossary
(docs/glossary.md) records the choice.
"""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "F j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
MONTH_DAY_FORMAT = "F j"
YEAR_MONTH_FORMAT = "F Y"
