"""A real SMTP server for the tests (aiosmtpd), keeping every message it receives."""

import email
import socket
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller


class _Keeper:
    def __init__(self, messages: list[EmailMessage]):
        self.messages = messages

    async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 - aiosmtpd hook name
        message = email.message_from_bytes(envelope.content, policy=default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalSMTPServer:
    """Start/stop a local SMTP server; `messages` holds parsed EmailMessage objects."""

    host = "127.0.0.1"

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.port = _free_port()
        self._controller = Controller(_Keeper(self.messages), hostname=self.host, port=self.port)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    def to(self, address: str) -> list[EmailMessage]:
        """Messages addressed to `address`."""
        return [m for m in self.messages if address.lower() in m["X-Envelope-To"].lower()]


def body_of(message: EmailMessage) -> str:
    """The plain-text body of `message`."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""
