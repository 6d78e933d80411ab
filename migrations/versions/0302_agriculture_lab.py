"""agriculture lab: the Agriculture Innovation Lab exists on every install

Revision ID: 0302
Revises: 0301
Create Date: 2026-11-29 14:00:00

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0302'
down_revision = '0301'
branch_labels = None
depends_on = None

SLUG = 'agriculture'
DESCRIPTION = """The Agriculture Innovation Lab brings together the agents who work on farming, fisheries and food security across the region.

## What we work on

- digital services for farmers and fishers: registration, permits, subsidies and extension advice;
- data on production, prices, weather and pests that ministries can share and reuse;
- early warning and recovery after hurricanes, droughts and floods.

## How to take part

Join the lab, introduce your ministry's work, and share your initiatives and lessons learned. Leads curate resources and organise regular online meetings."""
# What community.markdown.render_markdown (RENDERER_VERSION 1) makes of DESCRIPTION; a later renderer
# version renders it again on display, so this copy never needs to follow the code.
DESCRIPTION_HTML = (
    "<p>The Agriculture Innovation Lab brings together the agents who work on farming, fisheries and food "
    "security across the region.</p>\n<h3>What we work on</h3>\n<ul>\n<li>digital services for farmers and "
    "fishers: registration, permits, subsidies and extension advice;</li>\n<li>data on production, prices, "
    "weather and pests that ministries can share and reuse;</li>\n<li>early warning and recovery after "
    "hurricanes, droughts and floods.</li>\n</ul>\n<h3>How to take part</h3>\n<p>Join the lab, introduce your "
    "ministry's work, and share your initiatives and lessons learned. Leads curate resources and organise "
    "regular online meetings.</p>\n"
)

labs = sa.table(
    'labs',
    sa.column('name', sa.String), sa.column('name_key', sa.String), sa.column('slug', sa.String),
    sa.column('theme', sa.String), sa.column('short_description', sa.String),
    sa.column('description', sa.Text), sa.column('description_html', sa.Text),
    sa.column('description_renderer', sa.Integer), sa.column('region', sa.String),
    sa.column('contact', sa.String), sa.column('status', sa.String), sa.column('join_policy', sa.String),
    sa.column('created_at', sa.DateTime), sa.column('latest_activity_at', sa.DateTime),
)


def upgrade():
    connection = op.get_bind()
    if connection.execute(sa.select(sa.func.count()).select_from(labs).where(labs.c.slug == SLUG)).scalar():
        return
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    op.bulk_insert(labs, [{
        'name': 'Agriculture Innovation Lab',
        'name_key': 'agriculture innovation lab',
        'slug': SLUG,
        'theme': 'agriculture',
        'short_description': 'Digital services and data for farmers, fishers and food security across the Caribbean.',
        'description': DESCRIPTION,
        'description_html': DESCRIPTION_HTML,
        'description_renderer': 1,
        'region': 'Caribbean',
        'contact': '',
        'status': 'active',
        'join_policy': 'open',
        'created_at': now,
        'latest_activity_at': now,
    }])


def downgrade():
    op.execute(labs.delete().where(labs.c.slug == SLUG))
