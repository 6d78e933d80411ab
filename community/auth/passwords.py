"""Password rules: long enough, not common, not the member's own name or address."""

import gzip
import unicodedata
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

MIN_LENGTH = 10
MAX_LENGTH = 256
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common-passwords.txt.gz"


@cache
def common_passwords() -> frozenset[str]:
    """The 20,000 most common passwords (Django's list), lower-cased."""
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip().lower() for line in handle if line.strip())


def password_problem(password: str, username: str = "", email: str = ""):
    """Say what is wrong with ``password``, or return None when it may be used."""
    if len(password) < MIN_LENGTH:
        return _l("Use at least %(count)d characters.", count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("Use at most %(count)d characters.", count=MAX_LENGTH)
    folded = unicodedata.normalize("NFKC", password).casefold()
    if folded in common_passwords():
        return _l("This password is among the most common ones; choose another.")
    personal = {username.casefold(), email.casefold(), email.partition("@")[0].casefold()}
    if folded in personal - {""}:
        return _l("Your password must differ from your username and e-mail address.")
    return None
