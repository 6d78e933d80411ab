"""unique category names: moderators manage the list, and two categories never share a name

Revision ID: 0801
Revises: 0702
"""

from alembic import op

revision = "0801"
down_revision = "0702"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("categories", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_categories_name"), ["name"])


def downgrade():
    with op.batch_alter_table("categories", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_categories_name"), type_="unique")
