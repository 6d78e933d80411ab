"""outbox: every outgoing e-mail is a row, delivered by the worker with retries

Revision ID: 1101
Revises: 1901
"""

import sqlalchemy as sa
from alembic import op

revision = "1101"
down_revision = "1901"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "outgoing_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("message", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease", sa.String(length=32), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("failed_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_mail")),
    )
    op.create_index("ix_outgoing_mail_due", "outgoing_mail", ["sent_at", "failed_at", "next_attempt_at"])
    op.create_index("ix_outgoing_mail_lease", "outgoing_mail", ["lease"])


def downgrade():
    op.drop_index("ix_outgoing_mail_lease", table_name="outgoing_mail")
    op.drop_index("ix_outgoing_mail_due", table_name="outgoing_mail")
    op.drop_table("outgoing_mail")
