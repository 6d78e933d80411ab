"""moderation: members' flags, and the append-only audit log guarded by a trigger

Revision ID: 0701
Revises: 0601
"""

import sqlalchemy as sa
from alembic import op

revision = "0701"
down_revision = "0601"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("moderator_id", sa.Integer(), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "hide",
                "auto-hide",
                "restore",
                "lock",
                "unlock",
                "pin",
                "unpin",
                "move",
                "edit",
                "dismiss",
                "warn",
                "suspend",
                "ban",
                "lift",
                "promote",
                "demote",
                name="action",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "target_kind",
            sa.Enum(
                "initiative", "comment", "member", "lab", name="targetkind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["users.id"], name=op.f("fk_audit_entries_member_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["moderator_id"],
            ["users.id"],
            name=op.f("fk_audit_entries_moderator_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entries_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entries_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entries_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entries_moderator_id"), ["moderator_id"], unique=False)

    op.create_table(
        "flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=False),
        sa.Column(
            "target_kind",
            sa.Enum(
                "initiative", "comment", "member", "lab", name="targetkind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column(
            "reason",
            sa.Enum(
                "spam",
                "abuse",
                "off-topic",
                "misinformation",
                "other",
                name="flagreason",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column(
            "state",
            sa.Enum("open", "dismissed", "actioned", name="flagstate", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reporter_id"], ["users.id"], name=op.f("fk_flags_reporter_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flags")),
        sa.UniqueConstraint("reporter_id", "target_kind", "target_id", name="uq_flags_reporter_target"),
    )
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_flags_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_flags_reporter_id"), ["reporter_id"], unique=False)
        batch_op.create_index("ix_flags_state_target", ["state", "target_kind", "target_id"], unique=False)

    _guard_audit_log()


# What an entry says never changes; only a deleted account's id may become NULL (ON DELETE SET NULL).
_CHANGED = ("action", "target_kind", "target_id", "summary", "reason", "created_at")
_UNLINKED = ("moderator_id", "member_id")


def _guard_audit_log():
    if op.get_bind().dialect.name == "postgresql":
        changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in _CHANGED)
        relinked = " OR ".join(
            f"(NEW.{c} IS NOT NULL AND NEW.{c} IS DISTINCT FROM OLD.{c})" for c in _UNLINKED
        )
        op.execute(
            "CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_entries_append_only BEFORE UPDATE ON audit_entries FOR EACH ROW "
            f"WHEN ({changed} OR {relinked}) EXECUTE FUNCTION audit_entries_append_only()"
        )
    else:
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _CHANGED)
        relinked = " OR ".join(f"(NEW.{c} IS NOT NULL AND NEW.{c} IS NOT OLD.{c})" for c in _UNLINKED)
        op.execute(
            f"CREATE TRIGGER audit_entries_append_only BEFORE UPDATE ON audit_entries "
            f"WHEN {changed} OR {relinked} BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )


def downgrade():
    op.execute(
        "DROP TRIGGER IF EXISTS audit_entries_append_only"
        + (" ON audit_entries" if op.get_bind().dialect.name == "postgresql" else "")
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_entries_append_only()")
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.drop_index("ix_flags_state_target")
        batch_op.drop_index(batch_op.f("ix_flags_reporter_id"))
        batch_op.drop_index(batch_op.f("ix_flags_created_at"))

    op.drop_table("flags")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entries_moderator_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entries_member_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entries_created_at"))
        batch_op.drop_index(batch_op.f("ix_audit_entries_action"))

    op.drop_table("audit_entries")
