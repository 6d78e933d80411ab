"""Account security: two-step sign-in (authenticator app, recovery codes, passkeys) and the sessions page."""

from flask import Flask

import community.auth.twofactor.views.passkeys
import community.auth.twofactor.views.sessions
import community.auth.twofactor.views.signin
import community.auth.twofactor.views.two_step  # noqa: F401  (the routes)
from community.auth.twofactor import export, gate, models  # noqa: F401  (models: metadata; export: registers)
from community.auth.twofactor.views import bp

__all__ = ["bp", "init_app"]


def init_app(app: Flask) -> None:
    """Register the blueprint and the check that runs before every request."""
    app.register_blueprint(bp)
    gate.init_app(app)
