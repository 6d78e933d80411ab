"""Demo accounts: an admin, a moderator and members from across the region."""

from community.auth import services
from community.auth.models import Role

ACCOUNTS = [
    ("admin", "admin@network.example", Role.ADMIN),
    ("moderator", "moderator@network.example", Role.MODERATOR),
    ("amara-j", "amara.joseph@gov.lc.example", Role.MEMBER),
    ("diego-r", "diego.ramirez@gob.do.example", Role.MEMBER),
    ("marie-claire", "marie-claire.pierre@gouv.ht.example", Role.MEMBER),
    ("ravi-s", "ravi.singh@gov.tt.example", Role.MEMBER),
    ("annelies-w", "annelies.wever@gobierno.aw.example", Role.MEMBER),
    ("kemar-b", "kemar.brown@gov.jm.example", Role.MEMBER),
]


def seed(context: dict) -> str:
    """Create the demo accounts and share them with the features seeded after this one."""
    context["users"] = {
        username: services.create_account(email, username, context["password"], role, True)
        for username, email, role in ACCOUNTS
    }
    return f"{len(ACCOUNTS)} accounts."
