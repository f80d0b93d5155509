"""Korean date and time formats: Django's, with a 24-hour clock.

Django's own put the hour before 오전/오후 ("12:00 오전") and show midnight, the
time of every post imported with a date alone, as noon-like "12:00". Korean
public sites write times on a 24-hour clock ("00:00", "14:30").
"""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y년 n월 j일 H:i"
