"""index the labs that migrations created (the Agriculture Innovation Lab)

Rows inserted by migrations never pass through the session events that keep the search index,
so a fresh install would not find its agriculture lab until `flask search reindex`. Later edits
rebuild the document through the usual events.

Revision ID: 0601
Revises: 0502
"""

import re
import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0601"
down_revision = "0502"
branch_labels = None
depends_on = None

# A frozen copy of community.search.query.words as it was when this revision was written: a migration
# never imports app code, which may change or vanish while this revision must keep running as it did.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return _WORD.findall(folded)


def upgrade():
    connection = op.get_bind()
    labs = connection.execute(
        sa.text(
            "SELECT id, name, short_description, description, region FROM labs WHERE status = 'active' "
            "AND id NOT IN (SELECT object_id FROM search_documents WHERE kind = 'lab')"
        )
    ).all()
    now = datetime.now(UTC).replace(tzinfo=None)
    for lab_id, name, short, description, region in labs:
        body = " ".join(part for part in (short, description, region) if part)
        connection.execute(
            sa.text(
                "INSERT INTO search_documents (kind, object_id, audience, title, body, terms, updated_at) "
                "VALUES ('lab', :id, 'public', :title, :body, :terms, :now)"
            ),
            {
                "id": lab_id,
                "title": name,
                "body": body,
                "terms": " ".join(words(f"{name} {body}")),
                "now": now,
            },
        )


def downgrade():
    pass  # the documents are rebuilt by `flask search reindex` whenever needed
