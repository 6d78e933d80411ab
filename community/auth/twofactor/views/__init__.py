"""The security blueprint: two-step sign-in, its settings, passkeys and the sessions page."""

from flask import Blueprint

bp = Blueprint("twofactor", __name__)
