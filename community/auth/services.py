"""Account use cases. Each public function is one transaction."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from community import permissions, signals
from community.auth.errors import AuthError
from community.auth.identity import is_email, normalize_email, normalize_username, username_key
from community.auth.models import Role, User, UserSession
from community.auth.passwords import password_problem
from community.auth.tokens import make_token, read_token
from community.extensions import db
from community.mail import send_mail
from community.utils import utcnow

# Checked when no account matches, so a wrong identifier costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password, only for timing")


def _hash(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def _user_by_identifier(identifier: str) -> User | None:
    identifier = normalize_username(identifier)
    if is_email(identifier):
        try:
            return _user_by_email(normalize_email(identifier))
        except ValueError:
            return None
    return db.session.scalar(select(User).where(User.username_key == username_key(identifier)))


def account_id_for(identifier: str) -> int | None:
    """The id of the account an e-mail address or username names (for rate-limit keys), or None."""
    user = _user_by_identifier(identifier or "")
    return user.id if user is not None else None


def address_key(email: str) -> str:
    """An e-mail address as one key, however it is written (for rate limits)."""
    try:
        return normalize_email(email or "")[:254]
    except ValueError:
        return (email or "").strip().lower()[:254]


def _check_password(user: User, password: str) -> None:
    problem = password_problem(password, user.username, user.email)
    if problem:
        raise AuthError(problem, field="password")


def create_account(
    email: str, username: str, password: str, role: Role = Role.MEMBER, confirmed: bool = False
) -> User:
    """Create an account; raises AuthError when the address or username is taken."""
    user = _new_user(email, username, password, role, confirmed)
    _commit_new_user()
    return user


def _new_user(email, username, password, role, confirmed) -> User:
    username = normalize_username(username)
    email = normalize_email(email)
    _ensure_username_free(username)
    if _user_by_email(email):
        raise AuthError(_("An account with this e-mail address exists already."), field="email")
    user = User(email=email, username=username, username_key=username_key(username), role=role)
    _check_password(user, password)
    user.password_hash = _hash(password)
    user.confirmed_at = utcnow() if confirmed else None
    user.approved_at = utcnow()  # an account hook may make a registration wait (vetted membership)
    db.session.add(user)
    return user


def _ensure_username_free(username: str) -> None:
    if db.session.scalar(select(User.id).where(User.username_key == username_key(username))):
        raise AuthError(_("This username is taken; choose another."), field="username")


def _commit_new_user(then: Callable[[], None] | None = None) -> None:
    """Commit the new account, with what ``then`` adds once it has an id (its confirmation mail)."""
    try:
        if then is not None:
            db.session.flush()
            then()
        db.session.commit()
    except IntegrityError as error:  # the same address or username, registered a moment ago
        db.session.rollback()
        raise AuthError(_("This username is taken; choose another."), field="username") from error


def register(email: str, username: str, password: str, locale: str | None = None) -> User | None:
    """Open an account and send the confirmation link.

    When the address is registered already, its owner gets an e-mail instead and the caller
    answers exactly as for a new account, so the form tells nobody which addresses exist.
    """
    # Every check that could fail for a new address runs before the address is looked up.
    _ensure_username_free(normalize_username(username))
    problem = password_problem(password, normalize_username(username), normalize_email(email))
    if problem:
        raise AuthError(problem, field="password")
    existing = _user_by_email(normalize_email(email))
    if existing:
        _hash(password)  # as slow as creating an account, so timing tells nothing either
        send_mail(
            existing.email,
            _l("Someone tried to register with your address"),
            "already_registered",
            locale=existing.locale,
            user=existing,
        )
        db.session.commit()
        return None
    user = _new_user(email, username, password, Role.MEMBER, confirmed=False)
    user.locale = locale
    _run_account_hooks(user, "registered")
    _commit_new_user(lambda: _queue_confirmation(user))
    return user


def send_confirmation(user: User) -> None:
    """E-mail the link that confirms the member's address."""
    _queue_confirmation(user)
    db.session.commit()


def _queue_confirmation(user: User) -> None:
    token = make_token("confirm", {"uid": user.id, "email": user.email})
    send_mail(
        user.email, _l("Confirm your e-mail address"), "confirm", locale=user.locale, user=user, token=token
    )


def confirm_email(token: str) -> User:
    """Mark the address confirmed; raises AuthError for a bad or expired link."""
    data = read_token("confirm", token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    user = db.session.get(User, data["uid"]) if isinstance(data, dict) else None
    if user is None or user.email != data.get("email"):
        raise AuthError(_("This confirmation link is invalid or has expired."))
    if user.confirmed_at is None:
        user.confirmed_at = utcnow()
        _run_account_hooks(user, "confirmed")
        db.session.commit()
    return user


def authenticate(identifier: str, password: str) -> User | None:
    """The account that the identifier (e-mail or username) and password open, or None."""
    user = _user_by_identifier(identifier or "")
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _open_session(user: User) -> str:
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(user=user, token_hash=_token_hash(token)))
    user.session_token = token
    return token


def _oldest_session_start() -> datetime:
    """Sessions (and remember-me cookies) last as long as the remember-me cookie, then end."""
    return utcnow() - current_app.config["REMEMBER_COOKIE_DURATION"]


def start_session(user: User) -> str:
    """Open a new session for a member signing in; its token is what the cookie carries."""
    if not permissions.can_sign_in(user):
        raise AuthError(_("This account has been banned."))
    db.session.execute(
        delete(UserSession).where(
            UserSession.user_id == user.id, UserSession.created_at <= _oldest_session_start()
        )
    )
    token = _open_session(user)
    db.session.commit()
    return token


def load_session(token: str) -> User | None:
    """The member whose open session ``token`` names, unless it ended or they are banned."""
    if not token or not isinstance(token, str):
        return None
    user = db.session.scalar(
        select(User)
        .join(UserSession)
        .where(UserSession.token_hash == _token_hash(token), UserSession.created_at > _oldest_session_start())
    )
    if user is None or not permissions.can_sign_in(user):
        return None
    user.session_token = token
    return user


def end_session(token: str | None) -> None:
    """Sign one session out: any copy of its cookie is refused from now on."""
    if token:
        db.session.execute(delete(UserSession).where(UserSession.token_hash == _token_hash(token)))
        db.session.commit()


def _end_all_sessions(user: User) -> None:
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id))


def _set_password(user: User, password: str) -> None:
    _check_password(user, password)
    user.password_hash = _hash(password)
    user.password_changed_at = utcnow()
    _end_all_sessions(user)


def request_password_reset(email: str) -> None:
    """E-mail a reset link when the address has an account, and a short notice when not."""
    try:
        email = normalize_email(email)
    except ValueError:
        return
    user = _user_by_email(email)
    if user is None:
        # Nobody to ask: the language of the page the request came from.
        locale = str(get_locale())
        send_mail(email, _l("Password reset requested"), "reset_unknown", locale=locale, email=email)
        db.session.commit()
        return
    token = make_token("reset", {"uid": user.id, "pw": _password_fingerprint(user)})
    send_mail(user.email, _l("Reset your password"), "reset", locale=user.locale, user=user, token=token)
    db.session.commit()


def _password_fingerprint(user: User) -> str:
    """Changes whenever the password does, so a used reset link stops working."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def user_for_reset(token: str) -> User | None:
    """The member a reset link was sent to, while the link is fresh and unused."""
    data = read_token("reset", token, current_app.config["RESET_TOKEN_MAX_AGE"])
    user = db.session.get(User, data["uid"]) if isinstance(data, dict) else None
    if user is None or data.get("pw") != _password_fingerprint(user):
        return None
    return user


def reset_password(token: str, password: str) -> User:
    """Set a new password from a reset link and end every session of the member."""
    user = user_for_reset(token)
    if user is None:
        raise AuthError(_("This reset link is invalid, used or expired. Ask for a new one."))
    _set_password(user, password)
    user.confirmed_at = user.confirmed_at or utcnow()  # the link proved the address
    _run_account_hooks(user, "confirmed")
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str) -> str:
    """Change the password, end the member's other sessions, and return the new session token."""
    if not check_password_hash(user.password_hash, current or ""):
        raise AuthError(_("Your current password is not correct."), field="current_password")
    _set_password(user, new)
    token = _open_session(user)
    db.session.commit()
    return token


def request_email_change(user: User, password: str, new_email: str) -> None:
    """Send a confirmation link to the new address; the change waits for it."""
    if not check_password_hash(user.password_hash, password or ""):
        raise AuthError(_("Your password is not correct."), field="password")
    new_email = normalize_email(new_email)
    if new_email == user.email:
        raise AuthError(_("This is your current address."), field="email")
    owner = _user_by_email(new_email)
    if owner:
        locale = owner.locale
        send_mail(new_email, _l("E-mail change requested"), "email_taken", locale=locale, email=new_email)
        db.session.commit()
        return
    token = make_token("email", {"uid": user.id, "old": user.email, "new": new_email})
    send_mail(
        new_email,
        _l("Confirm your new e-mail address"),
        "change_email",
        locale=user.locale,
        user=user,
        token=token,
    )
    db.session.commit()


def confirm_email_change(requester: User, token: str) -> User:
    """Switch to the new address the link was sent to; only the account that asked can follow it."""
    data = read_token("email", token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    user = db.session.get(User, data["uid"]) if isinstance(data, dict) else None
    if user is None or user.id != requester.id or user.email != data.get("old"):
        raise AuthError(_("This confirmation link is invalid or has expired."))
    if _user_by_email(data["new"]):
        raise AuthError(_("This address belongs to another account now."))
    user.email = data["new"]
    user.confirmed_at = utcnow()
    _run_account_hooks(user, "confirmed")
    db.session.commit()
    return user


def _run_account_hooks(user: User, event: str) -> None:
    signals.account_changed.send(user, event=event)


# Kept for branches written before community.signals: connect to the signals instead.
register_account_hook = signals.account_changed.connect
register_deletion_check = signals.account_deletion_requested.connect


def delete_account(user: User, password: str) -> None:
    """Erase the member's personal data; their posts stay, shown as by a former member."""
    if not check_password_hash(user.password_hash, password or ""):
        raise AuthError(_("Your password is not correct."), field="password")
    for problem in signals.refusals(signals.account_deletion_requested, user):
        raise AuthError(problem)
    db.session.delete(user)
    db.session.commit()
