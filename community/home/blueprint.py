"""The home feature's one blueprint, shared by its view modules."""

from flask import Blueprint

bp = Blueprint("home", __name__)
