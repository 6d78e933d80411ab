"""How usernames and e-mail addresses are read, compared and checked."""

import re
import unicodedata

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

USERNAME_PATTERN = re.compile(r"[A-Za-z0-9_-]{3,30}")
RESERVED_USERNAMES = frozenset(
    {
        "admin",
        "administrator",
        "moderator",
        "moderators",
        "root",
        "system",
        "support",
        "staff",
        "new",
        "edit",
        "settings",
        "me",
        "former-member",
        "deleted",
        "anonymous",
        "null",
        "none",
    }
)


def normalize_username(raw: str) -> str:
    """NFKC-normalize and trim: full-width and compatibility forms become plain characters."""
    return unicodedata.normalize("NFKC", raw or "").strip()


def username_key(username: str) -> str:
    """The case-insensitive form that must be unique."""
    return normalize_username(username).casefold()


def username_problem(username: str):
    """Say what is wrong with a (normalized) username, or None."""
    if not USERNAME_PATTERN.fullmatch(username):
        return _l("Use 3 to 30 letters (a–z), digits, hyphens or underscores.")
    if username.casefold() in RESERVED_USERNAMES:
        return _l("This username is reserved; choose another.")
    return None


def normalize_email(raw: str) -> str:
    """The address as we store and compare it; raises ValueError with a readable reason."""
    try:
        result = validate_email(raw or "", check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(str(error)) from error
    return result.normalized.lower()


def is_email(identifier: str) -> bool:
    return "@" in identifier
