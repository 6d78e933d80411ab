"""The messages feature's one blueprint, shared by its view modules."""

from flask import Blueprint

bp = Blueprint("messages", __name__, url_prefix="/messages")
