"""Generated avatars: a member's initials on a colour of their own, as a small SVG.

`avatar_url(user)` is what other features call to show a member's picture; when members
can upload a photo, it will answer the photo's address instead. The colour is chosen from
`PALETTE` by the user's id (stable when the name changes); every colour gives white text
a contrast of at least 4.5:1 (WCAG AA, checked by tests/forums/test_avatars.py). The URL
carries a hash of what the picture shows (`?v=`), so browsers keep it for long and a new
name is a new address.
"""

import hashlib
import re
import unicodedata

from flask import url_for
from markupsafe import escape

# Dark enough for white text (AA, 4.5:1) and told apart from each other.
PALETTE = (
    "#003375",  # GOV.GR blue
    "#0b6e4f",  # green
    "#8e2c48",  # wine
    "#5b3a8c",  # purple
    "#7a4a00",  # brown
    "#1d5b8f",  # steel blue
    "#a12a1f",  # brick red
    "#3d5229",  # olive
    "#6b3b6b",  # plum
    "#00586b",  # teal
)
_LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters, any script
VERSION = "1"  # raise when the drawing changes: every URL changes with it


def initials(name: str) -> str:
    """Up to two capital letters of `name` (first and last word), accents dropped so
    that Greek initials are written as Greeks capitalise ("Άννα" -> "Α")."""
    words = [letters[0] for word in name.split() if (letters := _LETTERS.findall(word))]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    plain = unicodedata.normalize("NFD", letters.upper())
    return "".join(char for char in plain if not unicodedata.combining(char))


def colour(user_id: int) -> str:
    """The background colour of `user_id`'s avatar."""
    return PALETTE[user_id % len(PALETTE)]


def avatar_version(user_id: int, name: str) -> str:
    """A short hash of what the avatar shows: its cache key and ETag."""
    seen = f"{VERSION}:{user_id}:{initials(name)}".encode()
    return hashlib.sha256(seen).hexdigest()[:12]


def avatar_url(user) -> str:
    """The address of `user`'s picture (anything with `id` and `name`)."""
    return url_for("accounts.avatar", user_id=user.id, v=avatar_version(user.id, user.name))


def avatar_svg(user_id: int, name: str) -> str:
    """The SVG of `user_id`'s generated avatar."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
        f'<rect width="64" height="64" fill="{colour(user_id)}"/>'
        '<text x="32" y="32" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="Roboto, Arial, sans-serif" font-size="26" font-weight="600">'
        f"{escape(initials(name))}</text></svg>"
    )
