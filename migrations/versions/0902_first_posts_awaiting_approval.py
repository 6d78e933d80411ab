"""moderation: a newcomer's first posts held for approval (awaiting_approval on initiatives, comments)

Revision ID: 0902
Revises: 0901
"""

import sqlalchemy as sa
from alembic import op

revision = "0902"
down_revision = "0901"
branch_labels = None
depends_on = None


def upgrade():
    for table in ("initiatives", "comments"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("awaiting_approval", sa.Boolean(), server_default=sa.false(), nullable=False)
            )


def downgrade():
    for table in ("comments", "initiatives"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("awaiting_approval")
