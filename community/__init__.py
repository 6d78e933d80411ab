"""The platform of the Network of Digital Transformation Agents."""

import os
from pathlib import Path

from flask import Flask

from community import (
    api,
    assessments,
    auth,
    backups,
    cli,
    countries,
    events,
    extensions,
    forum,
    funding,
    home,
    i18n,
    labs,
    main,
    messages,
    moderation,
    network,
    notifications,
    outbox,
    permissions,
    profiles,
    proxies,
    search,
    settings,
)
from community.auth import twofactor
from community.config import load_config
from community.main import assets, errors, pagecache, routing, security, templating

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application: config, extensions, blueprints, CLI, error pages."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=os.environ.get("COMMUNITY_INSTANCE") or str(ROOT / "instance"),
    )
    app.config.update(load_config(app.instance_path))
    app.config.from_prefixed_env("COMMUNITY")
    app.config.update(config or {})
    extensions.init_app(app)
    proxies.init_app(app)
    i18n.init_app(app)
    routing.init_app(app)
    features = (main, i18n, auth, settings, profiles, labs, forum, notifications, search, moderation)
    for feature in (*features, funding):
        app.register_blueprint(feature.bp)
    api.init_app(app)
    app.register_blueprint(events.bp)
    app.register_blueprint(network.bp)
    app.register_blueprint(assessments.bp)
    twofactor.init_app(app)
    for feature in (home, messages):
        app.register_blueprint(feature.bp)
    permissions.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    countries.init_app(app)
    assets.init_app(app)
    security.init_app(app)
    cli.init_app(app)
    outbox.init_app(app)
    backups.init_app(app)
    search.init_app(app)
    pagecache.init_app(app)  # last: its check runs after the others
    return app
