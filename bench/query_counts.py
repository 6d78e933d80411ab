"""SQL statements and page sizes of the main pages, as a visitor and as a demo member.

Run against a database that has the demo:
    COMMUNITY_INSTANCE=/tmp/demo .venv/bin/flask --app community db upgrade
    COMMUNITY_INSTANCE=/tmp/demo .venv/bin/flask --app community seed-demo
    COMMUNITY_INSTANCE=/tmp/demo .venv/bin/python bench/query_counts.py
"""

import gzip

from sqlalchemy import event

from community import create_app
from community.demo import DEMO_PASSWORD
from community.extensions import db

PAGES = ("/", "/initiatives/", "/initiatives/1", "/members/", "/members/amara-j", "/labs/",
         "/labs/agriculture", "/search?q=digital", "/notifications")  # fmt: skip


def main() -> None:
    app = create_app({"RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False})  # sign in without a form
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    for who in (None, "amara-j"):
        client = app.test_client()
        if who:
            client.post("/auth/login", data={"identifier": who, "password": DEMO_PASSWORD})
        for path in PAGES:
            if path == "/notifications" and not who:
                continue
            statements.clear()
            response = client.get(path)
            html_kb, gzip_kb = len(response.data) / 1024, len(gzip.compress(response.data)) / 1024
            print(
                f"{who or 'visitor':9}{path:22}{response.status_code:5}  queries={len(statements):3}"
                f"  html={html_kb:5.1f} KB  gzip={gzip_kb:4.1f} KB"
            )


if __name__ == "__main__":
    main()
