"""English date and time formats: Django's, with a 24-hour clock.

The same clock as the Korean admin, so staff who switch language compare the
same times; Django's own would show "midnight" and "3:30 p.m.".
"""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
