"""A browser's user-agent string said in plain words: "Firefox on Windows", "Safari on iPhone"."""

from functools import lru_cache

from flask_babel import gettext as _
from ua_parser import parse

_UNKNOWN = {None, "", "Other"}


@lru_cache(maxsize=512)
def _parts(user_agent: str) -> tuple[str | None, str | None, str | None]:
    result = parse(user_agent or "")
    browser = result.user_agent.family if result.user_agent else None
    system = result.os.family if result.os else None
    device = result.device.model if result.device and result.device.model not in _UNKNOWN else None
    return (
        None if browser in _UNKNOWN else browser,
        None if system in _UNKNOWN else system,
        None if device in _UNKNOWN or device == system else device,
    )


def describe(user_agent: str) -> str:
    """The browser and system, and the device's model when the string names one."""
    browser, system, device = _parts((user_agent or "")[:300])
    if browser and system:
        text = _("%(browser)s on %(system)s", browser=browser, system=system)
    else:
        text = browser or system or _("An unknown browser")
    return _("%(text)s (%(device)s)", text=text, device=device) if device else text
