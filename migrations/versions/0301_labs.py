"""labs: innovation labs, their countries, members, resources and events

Revision ID: 0301
Revises: 0201
Create Date: 2026-11-29 13:48:12.318168

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0301'
down_revision = '0201'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('labs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_key', sa.String(length=120), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('theme', sa.Enum('agriculture', 'digital-identity', 'data-statistics', 'service-design', 'climate-resilience', 'health', 'education', 'tourism', 'open-government', 'other', name='labtheme', native_enum=False, length=32), nullable=False),
    sa.Column('short_description', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('description_html', sa.Text(), nullable=False),
    sa.Column('description_renderer', sa.Integer(), nullable=False),
    sa.Column('region', sa.String(length=120), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('cover', sa.String(length=255), nullable=True),
    sa.Column('status', sa.Enum('proposed', 'active', 'archived', name='labstatus', native_enum=False, length=32), nullable=False),
    sa.Column('join_policy', sa.Enum('open', 'by_request', name='joinpolicy', native_enum=False, length=32), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('latest_activity_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_labs_proposed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labs')),
    sa.UniqueConstraint('name_key', name=op.f('uq_labs_name_key')),
    sa.UniqueConstraint('slug', name=op.f('uq_labs_slug'))
    )
    with op.batch_alter_table('labs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_labs_latest_activity_at'), ['latest_activity_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_labs_proposed_by_id'), ['proposed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_labs_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_labs_theme'), ['theme'], unique=False)

    op.create_table('lab_countries',
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_lab_countries_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('lab_id', 'code', name=op.f('pk_lab_countries'))
    )
    with op.batch_alter_table('lab_countries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_countries_code'), ['code'], unique=False)

    op.create_table('lab_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.String(length=2000), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('online_url', sa.String(length=1000), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_lab_events_added_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_lab_events_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_events'))
    )
    with op.batch_alter_table('lab_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_events_lab_id'), ['lab_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_events_starts_at'), ['starts_at'], unique=False)

    op.create_table('lab_memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('member', 'lead', name='labrole', native_enum=False, length=32), nullable=False),
    sa.Column('state', sa.Enum('pending', 'active', name='membershipstate', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_lab_memberships_lab_id_labs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_lab_memberships_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_memberships')),
    sa.UniqueConstraint('lab_id', 'user_id', name=op.f('uq_lab_memberships_lab_id'))
    )
    with op.batch_alter_table('lab_memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_memberships_user_id'), ['user_id'], unique=False)

    op.create_table('lab_resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=True),
    sa.Column('file_name', sa.String(length=200), nullable=True),
    sa.Column('stored_name', sa.String(length=80), nullable=True),
    sa.Column('file_size', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(length=1000), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_lab_resources_added_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_lab_resources_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_resources'))
    )
    with op.batch_alter_table('lab_resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_resources_lab_id'), ['lab_id'], unique=False)



def downgrade():
    with op.batch_alter_table('lab_resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_resources_lab_id'))

    op.drop_table('lab_resources')
    with op.batch_alter_table('lab_memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_memberships_user_id'))

    op.drop_table('lab_memberships')
    with op.batch_alter_table('lab_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_events_starts_at'))
        batch_op.drop_index(batch_op.f('ix_lab_events_lab_id'))

    op.drop_table('lab_events')
    with op.batch_alter_table('lab_countries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_countries_code'))

    op.drop_table('lab_countries')
    with op.batch_alter_table('labs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_labs_theme'))
        batch_op.drop_index(batch_op.f('ix_labs_status'))
        batch_op.drop_index(batch_op.f('ix_labs_proposed_by_id'))
        batch_op.drop_index(batch_op.f('ix_labs_latest_activity_at'))

    op.drop_table('labs')
