"""What a staff member sees when django-axes pauses their sign-in."""

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
