"""The signed-in member's own settings: password, e-mail, language, deleting the account."""

from community.settings.views import bp

__all__ = ["bp"]
