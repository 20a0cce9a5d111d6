"""Numbers and JSON from the request, checked in one place: never a 500 from what a client sent.

* `IdConverter` replaces Werkzeug's `int` converter app-wide: an id in a URL is a whole
  number from 0 to `MAX_ID` (the databases' integer range); anything else matches no
  route, so it is a 404 like any unknown page.
* `query_int(name, …)` reads a number from the query string: missing means the default;
  not a whole number, or out of range, raises `BadArgument` (a 400 with a clear message).
  `page_number()` reads `?page=` of a list leniently.
* `json_object(fields)` reads a JSON body that must be an object with the given fields and
  types (`JsonField`): anything else raises `BadJson` (a 400) before anything is written.
  `posted_fields(fields)` takes the same fields from a JSON body or a posted form.
"""

from dataclasses import dataclass

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter

from mediator_portal.errors import PortalError

MAX_ID = 2**31 - 1  # PostgreSQL's integer; SQLite's is wider


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: 0 to MAX_ID, so a huge number is a 404, not an overflow."""

    def __init__(self, map, fixed_digits=0, min=0, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class BadArgument(PortalError):
    """A number in the query string is not a whole number in its range."""

    status = 400
    message = _l("The address holds a number that is not valid here.")


class BadJson(PortalError):
    """The JSON body is not what the endpoint takes."""

    status = 400
    message = _l("The request was not understood: it must be a JSON object of the expected form.")


def query_int(
    name: str,
    default: int | None = None,
    *,
    minimum: int = 0,
    maximum: int = MAX_ID,
    strict: bool = True,
):
    """The whole number `name` of the query string; `default` when it is missing or empty.

    When it is not a whole number from `minimum` to `maximum`: raises BadArgument, or gives
    `default` when not `strict` (a hint such as `?quote=` that a bad link may simply lose).
    """
    raw = request.args.get(name, "")
    if raw == "":
        return default
    value = int(raw) if raw.isascii() and raw.lstrip("-").isdigit() and len(raw) <= 12 else None
    if value is None or not minimum <= value <= maximum:
        if strict:
            raise BadArgument()
        return default
    return value


def page_number() -> int:
    """`?page=` of a list: 1 when missing or not a whole number in the id range (a bad link
    still shows the list); a page number past the list is the list's own concern."""
    return query_int("page", 1, minimum=-MAX_ID, strict=False)


@dataclass(frozen=True)
class JsonField:
    """One field of a JSON object: its name, its type, whether it must be there, and for
    text its longest length (None: no limit here, the service checks it)."""

    name: str
    kind: type
    required: bool = False
    max_length: int | None = None


def json_object(fields: tuple[JsonField, ...]) -> dict:
    """The request's JSON body as a dict holding only `fields` (extra keys are ignored).

    Raises BadJson when the body is not JSON, not an object, lacks a required field, or a
    field has another type (a bool is not a number) or is longer than allowed.
    """
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise BadJson()
    data = {}
    for field in fields:
        if field.name not in payload:
            if field.required:
                raise BadJson()
            continue
        value = payload[field.name]
        if isinstance(value, bool) != (field.kind is bool) or not isinstance(value, field.kind):
            raise BadJson()
        if field.max_length is not None and len(value) > field.max_length:
            raise BadJson()
        data[field.name] = value
    return data


def posted_fields(fields: tuple[JsonField, ...]) -> dict:
    """`fields` from the JSON body (`json_object`) or, when the request is a posted form, from
    the form (text fields only). Raises BadJson when the body is neither, or lacks a required
    field."""
    if request.is_json or not request.form:
        return json_object(fields)
    data = {}
    for field in fields:
        value = request.form.get(field.name)
        if value is None or field.kind is not str:
            if field.required:
                raise BadJson()
            continue
        if field.max_length is not None and len(value) > field.max_length:
            raise BadJson()
        data[field.name] = value
    return data
