"""What a staff member sees when django-axes pauses their sign-in."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def sign_in_locked(request, original_response=None, credentials=None):
    """django-axes' lockout answer: the admin's look, in the staff member's language."""
    context = {
        **admin.site.each_context(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_timedelta": settings.AXES_COOLOFF_TIME,
    }
    return render(request, "admin/locked_out.html", context, status=429)


class OwnFailuresHandler(AxesDatabaseHandler):
    """django-axes, except that a successful sign-in clears only that user's own
    failures.

    Axes' own reset deletes every attempt matching each lockout parameter, so a
    success also wiped the failures its address had recorded against other user
    names: anyone with a staff login could keep guessing another account's
    password from the same address without ever reaching its limit.
    """

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count
