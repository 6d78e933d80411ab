"""Trusted proxies: behind nginx or Caddy, the client's address and scheme come from their headers.

``TRUSTED_PROXIES`` is how many proxies stand in front of the app (0: none, the default, and then
``X-Forwarded-*`` headers are ignored, since anyone can send them). With 1, the last address in
``X-Forwarded-For`` is the client's: per-address rate limits count each visitor, not the proxy.
"""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies < 0:
        raise ValueError("TRUSTED_PROXIES must be 0 or more")
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
