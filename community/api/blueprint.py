"""The API's blueprint: every route under /api answers JSON, never a page."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")
