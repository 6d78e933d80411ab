"""Accounts: register, confirm, sign in and out, reset a password."""

from community.auth import models  # noqa: F401  (the models belong to the metadata)
from community.auth.views import bp

__all__ = ["bp"]
