"""events: learning events of the network and of labs, series, registrations, evaluations;
the labs' events move into the new table, keeping their ids

Revision ID: 1701
Revises: 1101
"""

import sqlalchemy as sa
from alembic import op

revision = "1701"
down_revision = "1101"
branch_labels = None
depends_on = None

LAB_EVENT_COLUMNS = (
    "id", "lab_id", "title", "description", "starts_at", "ends_at", "timezone", "online_url", "place",
    "created_at", "updated_at",
)  # fmt: skip


def _lab_events_table():
    return sa.table(
        "lab_events",
        *(sa.column(name) for name in LAB_EVENT_COLUMNS),
        sa.column("added_by_id"),
    )


def _events_table():
    return sa.table(
        "events",
        *(sa.column(name) for name in LAB_EVENT_COLUMNS),
        sa.column("author_id"),
        sa.column("series_id"),
        sa.column("languages"),
        sa.column("extra_questions"),
        sa.column("attendance_taken"),
        sa.column("evaluation_closed"),
        sa.column("results_published"),
        sa.column("is_hidden"),
        sa.column("awaiting_approval"),
    )


def upgrade():
    op.create_table(
        "event_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lab_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_event_series_author_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["lab_id"], ["labs.id"], name=op.f("fk_event_series_lab_id_labs"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_series")),
    )
    op.create_index(op.f("ix_event_series_lab_id"), "event_series", ["lab_id"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("lab_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("online_url", sa.String(length=1000), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("languages", sa.String(length=40), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("registration_deadline", sa.DateTime(), nullable=True),
        sa.Column("extra_questions", sa.Text(), nullable=False),
        sa.Column("checkin_code", sa.String(length=12), nullable=True),
        sa.Column("attendance_taken", sa.Boolean(), nullable=False),
        sa.Column("evaluation_closed", sa.Boolean(), nullable=False),
        sa.Column("results_published", sa.Boolean(), nullable=False),
        sa.Column("invitations_sent_at", sa.DateTime(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_hidden", sa.Boolean(), nullable=False),
        sa.Column("hidden_at", sa.DateTime(), nullable=True),
        sa.Column("awaiting_approval", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("hidden_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_events_author_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["hidden_by_id"], ["users.id"], name=op.f("fk_events_hidden_by_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["lab_id"], ["labs.id"], name=op.f("fk_events_lab_id_labs"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["series_id"], ["event_series.id"], name=op.f("fk_events_series_id_event_series"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_hidden_by_id"), "events", ["hidden_by_id"], unique=False)
    op.create_index(op.f("ix_events_lab_id"), "events", ["lab_id"], unique=False)
    op.create_index(op.f("ix_events_series_id"), "events", ["series_id"], unique=False)
    op.create_index(op.f("ix_events_starts_at"), "events", ["starts_at"], unique=False)

    op.create_table(
        "event_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("stored_name", sa.String(length=80), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["added_by_id"], ["users.id"], name=op.f("fk_event_materials_added_by_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_event_materials_event_id_events"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_materials")),
    )
    op.create_index(op.f("ix_event_materials_event_id"), "event_materials", ["event_id"], unique=False)

    op.create_table(
        "event_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.Enum("registered", "waiting", "cancelled", name="registrationstate", native_enum=False, length=32), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_event_registrations_event_id_events"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_event_registrations_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registrations")),
        sa.UniqueConstraint("event_id", "user_id", name=op.f("uq_event_registrations_event_id")),
    )
    op.create_index(op.f("ix_event_registrations_user_id"), "event_registrations", ["user_id"], unique=False)

    op.create_table(
        "event_evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("liked", sa.Text(), nullable=False),
        sa.Column("liked_less", sa.Text(), nullable=False),
        sa.Column("differently", sa.Text(), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("quoted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_event_evaluations_rating_range")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_event_evaluations_event_id_events"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_event_evaluations_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_evaluations")),
        sa.UniqueConstraint("event_id", "user_id", name=op.f("uq_event_evaluations_event_id")),
    )
    op.create_index(op.f("ix_event_evaluations_user_id"), "event_evaluations", ["user_id"], unique=False)

    op.create_table(
        "event_calendar_tokens",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_event_calendar_tokens_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_event_calendar_tokens")),
        sa.UniqueConstraint("token", name=op.f("uq_event_calendar_tokens_token")),
    )

    _carry_lab_events_over()
    with op.batch_alter_table("lab_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lab_events_starts_at"))
        batch_op.drop_index(batch_op.f("ix_lab_events_lab_id"))
    op.drop_table("lab_events")


def _carry_lab_events_over():
    """Every lab event becomes a session of the lab, with the same id (old addresses redirect by it)."""
    bind = op.get_bind()
    old, new = _lab_events_table(), _events_table()
    rows = [dict(row._mapping) for row in bind.execute(sa.select(old).order_by(old.c.id))]
    for row in rows:
        row["author_id"] = row.pop("added_by_id")
        row.update(
            series_id=None, languages="", extra_questions="", attendance_taken=False,
            evaluation_closed=False, results_published=False, is_hidden=False, awaiting_approval=False,
        )  # fmt: skip
    if rows:
        op.bulk_insert(new, rows)
        if bind.dialect.name == "postgresql":  # ids were given: the sequence continues after them
            bind.execute(sa.text("SELECT setval(pg_get_serial_sequence('events', 'id'), (SELECT MAX(id) FROM events))"))


def downgrade():
    op.create_table(
        "lab_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lab_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("online_url", sa.String(length=1000), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["added_by_id"], ["users.id"], name=op.f("fk_lab_events_added_by_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["lab_id"], ["labs.id"], name=op.f("fk_lab_events_lab_id_labs"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_events")),
    )
    with op.batch_alter_table("lab_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lab_events_lab_id"), ["lab_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lab_events_starts_at"), ["starts_at"], unique=False)
    bind = op.get_bind()
    old, new = _lab_events_table(), _events_table()
    rows = []
    for row in bind.execute(sa.select(new).where(new.c.lab_id.is_not(None)).order_by(new.c.id)):
        row = dict(row._mapping)
        rows.append({name: row[name] for name in LAB_EVENT_COLUMNS} | {"added_by_id": row["author_id"]})
    for row in rows:
        row["description"] = (row["description"] or "")[:2000]
    if rows:
        op.bulk_insert(old, rows)
    for table in ("event_calendar_tokens", "event_evaluations", "event_registrations", "event_materials"):
        op.drop_table(table)
    op.drop_table("events")
    op.drop_table("event_series")
