"""What other features add to a profile page (initiatives, comments, labs, lab-lead badges).

A feature registers ``(template, load)``: ``load(member, viewer)`` returns the template's
context as a dict, or None to show nothing (a section never shows an empty placeholder).
The profile page includes each template, in order, after the profile itself.
"""

from __future__ import annotations

from collections.abc import Callable

from community.auth.models import User

Loader = Callable[[User, object], dict | None]
PROFILE_SECTIONS: list[tuple[str, Loader]] = []


def register_section(template: str, load: Loader) -> None:
    PROFILE_SECTIONS.append((template, load))


def sections_for(member: User, viewer) -> list[tuple[str, dict]]:
    """The sections to show on ``member``'s page, each with its context."""
    shown = []
    for template, load in PROFILE_SECTIONS:
        context = load(member, viewer)
        if context is not None:
            shown.append((template, context))
    return shown
