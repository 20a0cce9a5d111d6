"""Rendered HTML kept for reuse: a bounded LRU, and the slot that stands for the CSRF token.

A kept fragment must never carry one person's CSRF token to another request. Templates
render with the real token; before the HTML is kept, `with_slot` turns every occurrence
of the request's token into `CSRF_SLOT`, and `with_token` puts the current request's
token back. The slot is random per process, so no text stored by a user can contain it.
"""

import secrets
import sys
import threading
from collections import OrderedDict

from flask_wtf.csrf import generate_csrf
from markupsafe import escape

CSRF_SLOT = f"csrf-{secrets.token_hex(16)}"


def csrf_token() -> str:
    """This request's CSRF token, escaped for HTML (made once per request, kept on `g`)."""
    return str(escape(generate_csrf()))


def with_slot(html: str) -> str:
    """`html` with this request's CSRF token replaced by the slot, ready to be kept."""
    return html.replace(csrf_token(), CSRF_SLOT)


def with_token(html: str) -> str:
    """Kept `html` with the slot replaced by this request's CSRF token."""
    return html.replace(CSRF_SLOT, csrf_token())


class LRUCache:
    """A thread-safe LRU of strings, bounded by entry count and by memory (bytes of the values).

    `max_bytes=None` bounds by count only.
    """

    def __init__(self, size: int, max_bytes: int | None = None):
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> str | None:
        return self.get_many([key])[0]

    def get_many(self, keys: list[tuple]) -> list[str | None]:
        """The entry of each of `keys` (None when missing), under one acquisition of the lock."""
        entries = self._entries
        with self._lock:
            found = [entries.get(key) for key in keys]
            for key, value in zip(keys, found, strict=True):
                if value is not None:
                    entries.move_to_end(key)
            return found

    def put(self, key: tuple, value: str) -> None:
        size = sys.getsizeof(value)
        if self.max_bytes is not None and size > self.max_bytes:
            return
        entries = self._entries
        with self._lock:
            old = entries.pop(key, None)
            if old is not None:
                self.bytes -= sys.getsizeof(old)
            entries[key] = value
            self.bytes += size
            while len(entries) > self.size or (
                self.max_bytes is not None and self.bytes > self.max_bytes
            ):
                _, evicted = entries.popitem(last=False)
                self.bytes -= sys.getsizeof(evicted)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)
