"""Defaults, then what the environment says: the only module (with COMMUNITY_INSTANCE) that reads it."""

import os
import re
import secrets
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

LANGUAGES = {"en": "English", "es": "Español", "fr": "Français", "nl": "Nederlands"}


def load_config(instance_path: str) -> dict:
    """Return the settings for an app whose instance folder is ``instance_path``."""
    instance = Path(instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    production = os.environ.get("COMMUNITY_ENV", "development") == "production"
    config = {
        "ENV_NAME": "production" if production else "development",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or _instance_secret(instance),
        "SQLALCHEMY_DATABASE_URI": database_url(os.environ.get("DATABASE_URL"), instance),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SITE_URL": os.environ.get("SITE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "SITE_NAME": "Network of Digital Transformation Agents",
        "MAIL_BACKEND": os.environ.get("MAIL_BACKEND", "smtp" if production else "file"),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "network@localhost"),
        "CONTACT_EMAIL": os.environ.get("CONTACT_EMAIL")
        or parseaddr(os.environ.get("MAIL_DEFAULT_SENDER", "network@localhost"))[1],
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_USE_TLS": os.environ.get("MAIL_USE_TLS", "false").lower() == "true",
        "MAIL_USE_SSL": os.environ.get("MAIL_USE_SSL", "false").lower() == "true",
        "MAIL_FOLDER": str(instance / "mail"),
        # The outbox worker: seconds between passes, the first retry's wait (doubled at each failure,
        # at most MAIL_RETRY_MAX), how long a worker holds a message it sends, when to give up, how long
        # delivered messages are kept.
        "MAIL_WORKER_INTERVAL": float(os.environ.get("MAIL_WORKER_INTERVAL", "5")),
        "MAIL_RETRY_BASE": 30,
        "MAIL_RETRY_MAX": 30 * 60,
        "MAIL_LEASE": 5 * 60,
        "MAIL_GIVE_UP_AFTER": 3 * 24 * 3600,
        "MAIL_KEEP_SENT": 7 * 24 * 3600,
        "UPLOAD_FOLDER": str(instance / "uploads"),
        "AVATAR_MAX_BYTES": 5 * 1024 * 1024,
        "LAB_COVER_MAX_BYTES": 5 * 1024 * 1024,
        # Pictures (avatars and lab covers together) a member may upload: each one is decoded and resized.
        "IMAGE_UPLOAD_LIMITS": "10 per hour;30 per day",
        "LAB_DOCUMENT_MAX_BYTES": int(os.environ.get("LAB_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024))),
        "REDIS_URL": os.environ.get("REDIS_URL"),
        # How many proxies (nginx, Caddy…) stand in front: their X-Forwarded-For/-Proto are then believed.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        # Without Redis, every worker of this machine counts in one SQLite file (community.ratelimit_store).
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or f"sqlite:///{instance / 'ratelimits.db'}",
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_STRATEGY": "moving-window",
        "LOGIN_LIMITS_PER_ACCOUNT": "5 per minute;20 per hour",
        "LOGIN_LIMITS_PER_IP": "20 per minute;200 per hour",
        "REGISTER_LIMITS": "10 per hour",
        # Every registration with one address counts (each may mail its inbox), and e-mail changes.
        "REGISTER_LIMITS_PER_ADDRESS": "3 per hour;5 per day",
        "EMAIL_CHANGE_LIMITS": "3 per hour;10 per day",
        "RESET_LIMITS": "5 per hour",
        "SEND_FILE_MAX_AGE_DEFAULT": 365 * 24 * 3600,  # static URLs carry a content fingerprint
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 1024 * 1024,
        "ATTACHMENT_MAX_BYTES": 8 * 1024 * 1024,
        "FORUM_POST_LIMITS": "10 per minute;120 per hour",
        "NEWCOMER_HOURS": 24,
        "NEWCOMER_POSTS_PER_HOUR": 3,
        "DUPLICATE_POST_WINDOW": timedelta(minutes=10),
        "FORUM_PAGE_SIZE": 20,
        "EXPORT_MAX_ROWS": 10_000,
        "API_RATE_LIMITS": "120 per minute;3000 per hour",
        "API_WRITE_LIMITS": "10 per minute;120 per hour",
        "API_MAX_BODY_BYTES": 256 * 1024,
        "SEARCH_PAGE_SIZE": 20,
        # Visitors' pages are served from memory until a write or this many seconds (0: never kept).
        "PAGE_CACHE_SECONDS": int(os.environ.get("PAGE_CACHE_SECONDS", "60")),
        "PAGE_CACHE_ENTRIES": 2000,
        # Memory a worker gives the visitors' pages and fragments, at most (least recently used dropped).
        "PAGE_CACHE_MAX_BYTES": int(os.environ.get("PAGE_CACHE_MAX_BYTES", str(32 * 1024 * 1024))),
        "MODERATION_AUTO_HIDE_FLAGS": int(os.environ.get("MODERATION_AUTO_HIDE_FLAGS", "3")),
        "MODERATION_MAX_SUSPENSION_DAYS": 365,
        "MODERATION_QUEUE_SIZE": 50,
        "MODERATION_AUDIT_PAGE_SIZE": 50,
        # Vetted membership: new accounts wait for a moderator, except confirmed addresses in these
        # domains (subdomains included), which are approved at once.
        "MEMBERSHIP_VETTING": _flag("MEMBERSHIP_VETTING"),
        "MEMBERSHIP_AUTO_APPROVED_DOMAINS": _domains(os.environ.get("MEMBERSHIP_AUTO_APPROVED_DOMAINS", "")),
        # Spam controls for a member's first posts (moderators are exempt).
        "FIRST_POSTS_NEED_APPROVAL": _flag("FIRST_POSTS_NEED_APPROVAL"),
        "FIRST_POSTS_HELD": int(os.environ.get("FIRST_POSTS_HELD", "2")),
        "FIRST_POSTS_LINK_LIMIT": int(os.environ.get("FIRST_POSTS_LINK_LIMIT", "2")),
        "FIRST_POSTS_LINK_LIMITED": int(os.environ.get("FIRST_POSTS_LINK_LIMITED", "5")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
        "WTF_CSRF_TIME_LIMIT": None,
        "CONFIRM_TOKEN_MAX_AGE": 48 * 3600,
        "RESET_TOKEN_MAX_AGE": 3600,
        "PASSWORD_HASH_METHOD": "scrypt",
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "LANGUAGES": LANGUAGES,
    }
    return config


def _flag(name: str) -> bool:
    return os.environ.get(name, "false").strip().lower() in ("1", "true", "yes", "on")


def _domains(value: str) -> tuple[str, ...]:
    """A comma- or space-separated list of e-mail domains, lower-cased, without a leading @ or dot."""
    return tuple(d.strip().lstrip("@.").lower() for d in re.split(r"[\s,]+", value) if d.strip())


def database_url(url: str | None, instance: Path) -> str:
    """Normalize DATABASE_URL: psycopg 3 for PostgreSQL, relative SQLite files in the instance."""
    if not url:
        return f"sqlite:///{instance / 'community.db'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        name = url.removeprefix("sqlite:///")
        if name and name != ":memory:":
            url = f"sqlite:///{instance / name}"
    return url


def _instance_secret(instance: Path) -> str:
    """Generate the secret key once and keep it in the instance folder."""
    path = instance / "secret_key"
    if not path.exists():
        draft = instance / f".secret_key.{os.getpid()}"
        draft.write_text(secrets.token_hex(32))
        draft.chmod(0o600)
        try:
            os.link(draft, path)  # atomic: when several workers start at once, the first one wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()
