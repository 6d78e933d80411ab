"""Every place where one feature hooks into another, in one list.

A feature that owns a use case *sends* its signal at the call site, in plain sight
(``signals.account_changed.send(user, event="registered")``); another feature *connects* a
receiver to it, at import time of its own module:

    @signals.account_changed.connect
    def on_account_event(user: User, event: str) -> None: ...

Receivers run inside the sender's transaction: they add to the session or flush, never commit.
Work that must wait for the commit (files, mail, caches) goes through
``community.transactions.after_commit``, never a global session listener.

Signals (blinker, through Flask's namespace):
"""

from __future__ import annotations

from flask.signals import Namespace

_signals = Namespace()

# auth: an account registered (event="registered") or confirmed an address (event="confirmed").
# Receivers: moderation.vetting (vetted membership).
account_changed = _signals.signal("account-changed")

# auth: may this account be deleted? A receiver returns a reason to refuse (shown to the member) or None.
# Receivers: labs.members (the last lead of a lab).
account_deletion_requested = _signals.signal("account-deletion-requested")

# forum: a member is about to post ``text``. A receiver returns a refusal (shown next to the body) or None.
# Receivers: moderation.first_posts (links in first posts).
post_submitted = _signals.signal("post-submitted")

# forum: a new post (initiative or comment, ``post=``) was flushed. A receiver may hide it until a
# moderator approves it and returns True when it did (its notifications then wait).
# Receivers: moderation.first_posts (first posts need approval).
post_created = _signals.signal("post-created")

# forum: a post everyone may see was announced (at once, or when a moderator approved it), after the
# forum's own notifications. The sender is the post. Receivers: home.watching (members watching its lab,
# category, tags or country).
post_announced = _signals.signal("post-announced")

# flask_login.user_logged_in / user_loaded_from_cookie (Flask-Login's own signals): a member arrives.
# Receivers: i18n.zones (works out the member's time zone once).

# Registries of contributions (a feature adds a part to a page or a document another feature owns):
#   profiles.export.register_section(name, build)           the member's data download
#   profiles.sections.register_section(template, load)      sections of a profile page
#   profiles.directory.register_filter(DirectoryFilter(…))  filters of the member directory
#   notifications.services.register_kind(kind, message)    kinds of notification
#   search.documents (register_all)                         searchable kinds
#   moderation.targets                                      what can be flagged and hidden


def refusals(signal, sender, **values) -> list[str]:
    """The non-empty answers of a signal's receivers (reasons to refuse), in the order they connected."""
    return [str(answer) for _receiver, answer in signal.send(sender, **values) if answer]
