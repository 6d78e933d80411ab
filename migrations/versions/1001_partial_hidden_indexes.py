"""forum: index only hidden initiatives and comments, so lists walk their sort column's index

Revision ID: 1001
Revises: 0902
"""

import sqlalchemy as sa
from alembic import op

revision = "1001"
down_revision = "0902"
branch_labels = None
depends_on = None

TABLES = ("initiatives", "comments")


def upgrade():
    for table in TABLES:
        op.drop_index(f"ix_{table}_is_hidden", table_name=table)
        hidden = _hidden()
        op.create_index(f"ix_{table}_hidden", table, ["id"], sqlite_where=hidden, postgresql_where=hidden)


def _hidden():
    """The condition as SQLAlchemy writes ``is_hidden.is_(True)`` for each database, so queries match it."""
    return sa.text("is_hidden IS true" if op.get_bind().dialect.name == "postgresql" else "is_hidden IS 1")


def downgrade():
    for table in TABLES:
        op.drop_index(f"ix_{table}_hidden", table_name=table)
        op.create_index(f"ix_{table}_is_hidden", table, ["is_hidden"])
