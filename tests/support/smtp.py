"""A real SMTP server on loopback (aiosmtpd), for the tests that send mail.

Django's SMTP backend talks to it as it would to the city's mail server; what
arrives is parsed back into messages, headers and all.
"""

import email
import email.policy
import ssl
from contextlib import contextmanager
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.support.served_site import free_port

__all__ = ["free_port", "smtp_server", "use_server"]


class Inbox:
    """What the server received, as parsed messages."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        message.envelope_to = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m.envelope_to]


@contextmanager
def smtp_server(tls: tuple[Path, Path] | None = None):
    """(inbox, port) of a server that runs for the block; with ``tls``
    (certificate, key) it refuses mail until the client has said STARTTLS."""
    inbox = Inbox()
    port = free_port()
    options = {}
    if tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*tls)
        options = {"tls_context": context, "require_starttls": True}
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def use_server(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
