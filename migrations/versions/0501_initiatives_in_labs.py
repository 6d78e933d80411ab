"""initiatives in labs: an optional lab on each initiative

Revision ID: 0501
Revises: 0401
"""

import sqlalchemy as sa
from alembic import op

revision = "0501"
down_revision = "0401"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lab_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_initiatives_lab_id"), ["lab_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_initiatives_lab_id_labs"), "labs", ["lab_id"], ["id"], ondelete="SET NULL"
        )


def downgrade():
    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_initiatives_lab_id_labs"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_initiatives_lab_id"))
        batch_op.drop_column("lab_id")
