"""profiles' activity counts from the forum's existing initiatives and comments

Revision ID: 0502
Revises: 0501
"""

from alembic import op

revision = "0502"
down_revision = "0501"
branch_labels = None
depends_on = None


def upgrade():
    # Initiatives plus comments not deleted: what the forum services count from now on.
    op.execute(
        "UPDATE profiles SET activity_count = "
        "(SELECT COUNT(*) FROM initiatives WHERE initiatives.author_id = profiles.user_id) + "
        "(SELECT COUNT(*) FROM comments WHERE comments.author_id = profiles.user_id "
        "AND comments.deleted_at IS NULL)"
    )


def downgrade():
    pass  # the counts stay: they were zero or a guess before
