"""Simplified Chinese date formats: Django's, with the month written as a number.

Django's own MONTH_DAY_FORMAT ("m月j日") pads the month and not the day, so the
admin's date drill-down reads "09月5日"; Chinese sites write "9月5日", the way
Django's other formats for this language already write the month. Its times
are on a 24-hour clock, as tests/config/test_formats.py requires, so they stay.
"""

MONTH_DAY_FORMAT = "n月j日"
