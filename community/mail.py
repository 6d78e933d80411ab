"""Outgoing e-mail: a file per message by default, SMTP in production."""

from __future__ import annotations

import smtplib
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app, has_request_context, render_template, url_for
from flask_babel import force_locale

from community.utils import utcnow


def site_url(endpoint: str, **values) -> str:
    """An absolute link built on SITE_URL, never on the request's Host header (also from the CLI)."""
    if has_request_context():
        path = url_for(endpoint, _external=False, **values)
    else:
        path = current_app.url_map.bind("").build(endpoint, values)
    return current_app.config["SITE_URL"] + path


def send_mail(
    to: str, subject, template: str, locale: str | None = None, attachments=(), **context
) -> None:
    """Render ``templates/email/<template>.txt`` and ``subject`` in the recipient's language, and send it.

    Pass the subject lazily (``lazy_gettext``) so that it is translated here, in that language.
    ``attachments``: (file name, bytes, MIME type) triples, such as an event's ``.ics``.
    """
    locale = mail_locale(locale)
    with force_locale(locale):
        body = render_template(f"email/{template}.txt", site_url=site_url, **context)
        subject = str(subject)
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="community.local")
    message.set_content(body)
    for filename, data, mime_type in attachments:  # (these too move Content-* headers into the text part)
        maintype, subtype = mime_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    message["Content-Language"] = locale  # after set_content, which drops every Content-* header
    _BACKENDS[current_app.config["MAIL_BACKEND"]](message)


def mail_locale(locale: str | None) -> str:
    """The recipient's language when the site speaks it, else the default one."""
    return locale if locale in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def _write_file(message: EmailMessage) -> None:
    folder = Path(current_app.config["MAIL_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{utcnow():%Y%m%d-%H%M%S-%f}-{uuid.uuid4().hex[:8]}.eml"
    (folder / name).write_bytes(bytes(message))


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


_BACKENDS = {"file": _write_file, "smtp": _send_smtp}
