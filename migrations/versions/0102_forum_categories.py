"""forum categories: the six every install starts with (moderators manage the list afterwards)

Revision ID: 0102
Revises: 0101
Create Date: 2026-11-29 14:00:00

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0102'
down_revision = '0101'
branch_labels = None
depends_on = None

CATEGORIES = [
    ("digital-identity", "Digital identity & e-services",
     "National ID, digital signatures, online public services and one-stop portals."),
    ("data-sharing", "Data sharing & interoperability",
     "Registries, data exchange between agencies, open data and data protection."),
    ("agriculture", "Agriculture & food security",
     "Farmers' registries, extension services, markets, fisheries and climate resilience."),
    ("skills-leadership", "Skills, leadership & change",
     "Training public servants, managing change, digital leadership and culture."),
    ("funding-partnerships", "Funding & partnerships",
     "Donors, procurement, regional cooperation and public-private partnerships."),
    ("questions", "Questions & help", "Ask the network: advice, contacts, tools and templates."),
]

categories = sa.table(
    "categories",
    sa.column("slug", sa.String),
    sa.column("name", sa.String),
    sa.column("description", sa.String),
    sa.column("position", sa.Integer),
    sa.column("created_at", sa.DateTime),
)


def upgrade():
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    op.bulk_insert(
        categories,
        [
            {"slug": slug, "name": name, "description": description, "position": position, "created_at": now}
            for position, (slug, name, description) in enumerate(CATEGORIES, start=1)
        ],
    )


def downgrade():
    # Categories that initiatives use stay until 0101's downgrade drops both tables.
    used = sa.select(sa.column("category_id")).select_from(sa.table("initiatives"))
    op.execute(
        categories.delete()
        .where(categories.c.slug.in_([slug for slug, _name, _d in CATEGORIES]))
        .where(sa.column("id").not_in(used))
    )
