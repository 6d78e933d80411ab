"""Languages and time zones: what each request speaks and shows its dates in, and the language switcher."""

from community.i18n.locales import init_app
from community.i18n.views import bp

__all__ = ["bp", "init_app"]
