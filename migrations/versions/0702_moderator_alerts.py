"""moderation: how each moderator hears of waiting flags (at once, daily, never)

Revision ID: 0702
Revises: 0701
"""

import sqlalchemy as sa
from alembic import op

revision = "0702"
down_revision = "0701"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "moderator_alerts",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum("immediately", "daily", "never", name="alertmode", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("last_sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_moderator_alerts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_moderator_alerts")),
    )


def downgrade():
    op.drop_table("moderator_alerts")
