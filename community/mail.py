"""Outgoing e-mail: rendered in the recipient's language and queued in the durable outbox (delivered
by ``flask --app community worker``): a file per message by default, SMTP in production."""

from __future__ import annotations

import smtplib
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

from community.urls import absolute_url as site_url  # the templates call it site_url
from community.utils import utcnow


def send_mail(to: str, subject, template: str, locale: str | None = None, attachments=(), **context) -> None:
    """Render ``templates/email/<template>.txt`` and ``subject`` in the recipient's language, and queue it.

    The message is a row of the outbox added to the current transaction: it leaves when the caller
    commits (and never when it rolls back), delivered by the worker. Pass the subject lazily
    (``lazy_gettext``) so that it is translated here, in that language.
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
    from community.outbox.services import queue

    queue(message)


def mail_locale(locale: str | None) -> str:
    """The recipient's language when the site speaks it, else the default one."""
    return locale if locale in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def _write_file(message: EmailMessage) -> None:
    folder = Path(current_app.config["MAIL_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{utcnow():%Y%m%d-%H%M%S-%f}-{uuid.uuid4().hex[:8]}.eml"
    (folder / name).write_bytes(bytes(message))


def smtp_connection() -> smtplib.SMTP:
    """A connection to the configured SMTP server, secured and signed in as the settings say."""
    config = current_app.config
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    smtp = smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30)
    try:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    except BaseException:
        smtp.close()
        raise
    return smtp


def _send_smtp(message: EmailMessage) -> None:
    with smtp_connection() as smtp:
        smtp.send_message(message)


# How the worker delivers a message; MAIL_BACKEND picks one.
BACKENDS = {"file": _write_file, "smtp": _send_smtp}
