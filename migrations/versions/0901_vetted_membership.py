"""moderation: vetted membership (users.approved_at; every existing account is approved)

Revision ID: 0901
Revises: 0801
"""

import sqlalchemy as sa
from alembic import op

revision = "0901"
down_revision = "0801"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("approved_at", sa.DateTime(), nullable=True))
    users = sa.table("users", sa.column("approved_at", sa.DateTime()), sa.column("created_at", sa.DateTime()))
    op.execute(users.update().values(approved_at=users.c.created_at))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("approved_at")
