"""Visitors' requests ("Ask Seoul") in the admin: the queue and the request
itself (``requests``), its CSV export (``export``), and the records kept about
requests: the access log, the consent texts and the outbox (``records``).

Plain ``ModelAdmin``s, not ``PortalAdmin``: django-reversion's history would
keep a request's personal data after it is destroyed.
"""

from portal.admin.inquiries import records, requests  # noqa: F401 (they register their admins)
