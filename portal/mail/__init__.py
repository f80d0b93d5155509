"""Mail the portal sends: composed from templates in the reader's language
(``messages``) and sent through the outbox (``outbox``, portal.models.mail)."""
