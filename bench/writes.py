"""Signing in through the real form, and the write mix: members posting comments and reactions at once.

Each of 8 members signs in with the login form, reads the CSRF token from an initiative's page and
then, for 10 s, posts in turn a comment (on a random initiative), a useful mark on a comment and a
useful mark on an initiative, as the pages' forms do. Every comment has its own text and its own
one-time form token (the page's form carries one: we make them the same way, secrets.token_hex(16),
rather than load the page before each post). Marks go to posts the member did not write and had not
marked yet, so that every accepted answer adds one row. Afterwards the rows stored are counted.
"""

from __future__ import annotations

import random
import re
import secrets
import threading
import time
from collections import Counter

import requests
from sqlalchemy import func, select

from bench import measure

CSRF = re.compile(
    r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="csrf_token"'
)
OPERATIONS = ("comment", "comment_useful", "comment", "initiative_useful")


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if match is None:
        raise SystemExit("No CSRF token on the page: the bench signs in and posts through the real forms.")
    return match.group(1) or match.group(2)


def sign_in(base: str, username: str, password: str) -> requests.Session:
    """A session signed in through the login form, as a browser would."""
    session = requests.Session()
    token = csrf_token(session.get(f"{base}/auth/login", timeout=30).text)
    answer = session.post(
        f"{base}/auth/login",
        data={"csrf_token": token, "identifier": username, "password": password},
        allow_redirects=False,
        timeout=30,
    )
    home = session.get(f"{base}/", timeout=30).text
    if answer.status_code != 302 or 'action="/auth/logout"' not in home:
        raise SystemExit(f"Could not sign in as {username} (answer {answer.status_code}).")
    return session


def cookie_header(session: requests.Session) -> str:
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies)


def _targets(app, usernames: list[str]) -> dict:
    """Per member: initiatives to comment on, and posts of others they have not marked useful yet."""
    from community.auth.models import User
    from community.extensions import db
    from community.forum.models import Comment, Initiative, Reaction

    rng = random.Random(8)
    with app.app_context():
        users = dict(
            db.session.execute(select(User.username, User.id).where(User.username.in_(usernames))).all()
        )
        open_ = select(Initiative.id, Initiative.author_id).where(
            Initiative.is_hidden.is_(False), Initiative.is_locked.is_(False)
        )
        initiatives = db.session.execute(open_).all()
        comments = db.session.execute(
            select(Comment.id, Comment.author_id)
            .join(Initiative)
            .where(
                Comment.deleted_at.is_(None), Comment.is_hidden.is_(False), Initiative.is_hidden.is_(False)
            )
        ).all()
        marked = set(
            db.session.execute(select(Reaction.user_id, Reaction.comment_id, Reaction.initiative_id)).all()
        )
    plan = {}
    for username in usernames:
        user_id = users[username]
        done_c = {c for u, c, _i in marked if u == user_id}
        done_i = {i for u, _c, i in marked if u == user_id}
        some_comments = rng.sample(comments, min(3000, len(comments)))
        plan[username] = {
            "user_id": user_id,
            "threads": [i for i, _a in rng.sample(initiatives, min(500, len(initiatives)))],
            "comment_useful": [c for c, a in some_comments if a != user_id and c not in done_c],
            "initiative_useful": [
                i for i, a in rng.sample(initiatives, len(initiatives)) if a != user_id and i not in done_i
            ],
        }
    return plan


def _stored(app, user_ids: list[int]) -> dict[str, int]:
    from community.extensions import db
    from community.forum.models import Comment, Reaction

    with app.app_context():
        marks = select(func.count(Reaction.id)).where(Reaction.user_id.in_(user_ids))
        stored = {
            "comments": db.session.scalar(
                select(func.count(Comment.id)).where(Comment.author_id.in_(user_ids))
            ),
            "comment_useful": db.session.scalar(marks.where(Reaction.comment_id.is_not(None))),
            "initiative_useful": db.session.scalar(marks.where(Reaction.initiative_id.is_not(None))),
        }
        db.session.remove()
    return stored


def _counters_exact(app) -> bool:
    """Comment and useful counts still equal the rows they count, after the concurrent writes."""
    from community.extensions import db
    from community.forum.models import Comment, Initiative, Reaction

    with app.app_context():
        visible = (
            select(func.count(Comment.id))
            .where(
                Comment.initiative_id == Initiative.id,
                Comment.deleted_at.is_(None),
                Comment.is_hidden.is_(False),
            )
            .scalar_subquery()
        )
        marks = (
            select(func.count(Reaction.id)).where(Reaction.initiative_id == Initiative.id).scalar_subquery()
        )
        comment_marks = (
            select(func.count(Reaction.id)).where(Reaction.comment_id == Comment.id).scalar_subquery()
        )
        wrong = db.session.scalar(
            select(func.count(Initiative.id)).where(
                (Initiative.comment_count != visible) | (Initiative.useful_count != marks)
            )
        )
        wrong += db.session.scalar(
            select(func.count(Comment.id)).where(Comment.useful_count != comment_marks)
        )
        db.session.remove()
    return wrong == 0


def _writer(
    base: str, session: requests.Session, plan: dict, token: str, deadline: float, tally: Counter, lock
) -> None:
    rng, done, number = random.Random(plan["user_id"]), Counter(), 0
    while time.perf_counter() < deadline:
        operation = OPERATIONS[number % len(OPERATIONS)]
        number += 1
        if operation == "comment":
            initiative = rng.choice(plan["threads"])
            url, data = f"{base}/initiatives/{initiative}/comments", {
                "csrf_token": token, "language": "en", "token": secrets.token_hex(16),
                "body": f"Bench comment {number} by member {plan['user_id']}: how did you train the staff?",
            }  # fmt: skip
        elif plan[operation]:
            target = plan[operation].pop()
            path = f"comments/{target}" if operation == "comment_useful" else str(target)
            url, data = f"{base}/initiatives/{path}/useful", {"csrf_token": token}
        else:
            continue
        try:
            answer = session.post(url, data=data, allow_redirects=False, timeout=30)
            ok = answer.status_code == 302 and "/auth/login" not in answer.headers.get("Location", "")
        except requests.RequestException:
            ok = False
        done[operation if ok else "errors"] += 1
        done["requests"] += 1
    with lock:
        tally.update(done)


def write_mix(base: str, manifest: dict, app, seconds: int | None = None) -> dict:
    """8 members post at once for the run's duration; returns the answers and what the database holds."""
    seconds = seconds or int(measure.DURATION.rstrip("s"))
    usernames = manifest["writers"][: measure.CONNECTIONS]
    plan = _targets(app, usernames)
    sessions = {name: sign_in(base, name, manifest["password"]) for name in usernames}
    page = f"{base}/initiatives/{manifest['initiative_id']}"
    tokens = {name: csrf_token(session.get(page, timeout=30).text) for name, session in sessions.items()}
    user_ids = [plan[name]["user_id"] for name in usernames]
    before = _stored(app, user_ids)
    tally, lock = Counter(), threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(target=_writer, args=(base, sessions[n], plan[n], tokens[n], deadline, tally, lock))
        for n in usernames
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    after = _stored(app, user_ids)
    stored = {kind: after[kind] - before[kind] for kind in after}
    answered = {"comments": tally["comment"], "comment_useful": tally["comment_useful"],
                "initiative_useful": tally["initiative_useful"]}  # fmt: skip
    return {
        "members": len(usernames),
        "seconds": round(elapsed, 1),
        "requests": tally["requests"],
        "requests_per_second": round(tally["requests"] / elapsed, 1),
        "errors": tally["errors"],
        "answered": answered,
        "stored": stored,
        "rows_match": answered == stored,
        "counters_exact": _counters_exact(app),
    }


def summary(mix: dict) -> str:
    answered, stored = mix["answered"], mix["stored"]
    marks = answered["comment_useful"] + answered["initiative_useful"]
    stored_marks = stored["comment_useful"] + stored["initiative_useful"]
    return (
        f"\nWrite mix: {mix['members']} members, {mix['seconds']} s, {mix['requests_per_second']:.0f} req/s, "
        f"{mix['errors']} errors. Accepted: {answered['comments']} comments, {marks} useful marks; "
        f"stored: {stored['comments']} comments, {stored_marks} marks -> "
        f"{'rows match' if mix['rows_match'] else 'MISMATCH'}; counters "
        f"{'exact' if mix['counters_exact'] else 'WRONG'}."
    )
