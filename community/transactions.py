"""Work that waits for the outer transaction: carried out once it commits, dropped when it rolls back.

A feature that must act outside the database when a change is saved (remove files, mail, move the
page cache on) queues the work with ``after_commit(session, work)`` at the call site that causes it.
The work belongs to the innermost transaction open at that moment:

- a savepoint (``session.begin_nested()``) that rolls back drops the work queued inside it, and
  only that work: what the outer transaction queued before it stays queued;
- a savepoint that is released passes its work on to the transaction around it: nothing runs
  until the outermost transaction commits (SQLAlchemy fires ``after_commit`` on a savepoint's
  release too, which is why features do not listen to it themselves);
- the outer transaction's commit runs the work in the order it was queued; its rollback drops all.

Work in a database transaction of its own (search documents written by plain SQL on the same
connection) needs none of this: the database keeps or drops it with the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction, scoped_session

_QUEUE = "community_after_commit"

Work = Callable[[], Any]


def after_commit(session: Session | scoped_session, work: Work) -> None:
    """Run ``work`` once the outermost transaction commits; forget it if its transaction rolls back.

    Queuing the same callable twice in one transaction runs it once.
    """
    current = session() if isinstance(session, scoped_session) else session  # db.session: this context's
    transaction = current.get_nested_transaction() or current.get_transaction()
    queue: list[tuple[SessionTransaction | None, Work]] = current.info.setdefault(_QUEUE, [])
    if (transaction, work) not in queue:
        queue.append((transaction, work))


def _inside(transaction: SessionTransaction | None, ended: SessionTransaction) -> bool:
    """Whether ``transaction`` is ``ended`` or was opened inside it."""
    if ended.parent is None:  # the outermost transaction: everything was inside it
        return True
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_commit")
def _run_queued_work(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint's release: its work waits for the outer commit
        return
    for _transaction, work in session.info.pop(_QUEUE, []):
        work()


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back_work(session: Session, ended: SessionTransaction) -> None:
    queue = session.info.get(_QUEUE)
    if queue:
        session.info[_QUEUE] = [(t, work) for t, work in queue if not _inside(t, ended)]


@event.listens_for(Session, "after_transaction_end")
def _forget_work_of_a_closed_session(session: Session, ended: SessionTransaction) -> None:
    if ended.parent is None:  # the outermost ended: committed (its work ran), rolled back or closed
        session.info.pop(_QUEUE, None)
