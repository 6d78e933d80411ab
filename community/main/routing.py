"""URL rules every feature shares: numbers in paths and ``?page=`` stay within what databases store."""

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

LARGEST_ID = 2**31 - 1  # ids are INTEGER columns: PostgreSQL refuses a larger number in a query (500)
LAST_PAGE = 100_000


class BoundedIntConverter(IntegerConverter):
    """``<int:…>`` that answers 404 for numbers no row can have, instead of crashing the query."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=LARGEST_ID, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def init_app(app: Flask) -> None:
    """Call before the blueprints register their rules."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(_check_page_number)


def _check_page_number() -> None:
    """A page far past any list is not found (a non-number is read as the first page)."""
    page = request.args.get("page", type=int)
    if page is not None and not 1 <= page <= LAST_PAGE:
        abort(404)
