"""A real SMTP server (aiosmtpd, in this process, on a free port) that the site sends through, and the worker that
empties the followers' queue (django-tasks-db's `db_worker`, in batch mode)."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command


class Mailbox:
    """Every message the SMTP server accepted, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's handler protocol)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]

    def clear(self):
        self.messages.clear()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(settings):
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    settings.PACTE_NOTIFICATIONS_FROM = "participation@example.org"
    yield server
    server.stop()


@pytest.fixture
def run_worker():
    """Run every task the followers' queue holds, as the worker process does, then return."""

    def run():
        call_command(
            "db_worker",
            "--batch",
            "--backend",
            "notifications",
            "--queue-name",
            "notifications",
            "--no-startup-delay",
            "--no-reload",
            verbosity=0,
        )

    return run
