"""Events in the site's search: how a session is indexed, kept in step and shown (registered from here)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.events.models import Event
from community.search import documents, queries, sync
from community.search.documents import PUBLIC, Document, plain
from community.search.models import EVENT


def event_documents(event: Event) -> list[Document]:
    """Visible sessions are found by everyone; hidden ones by nobody."""
    if event.is_hidden:
        return []
    body = " ".join(part for part in (plain(event.description_markup), event.place or "") if part)
    return [Document(PUBLIC, event.title, body, event.updated_at)]


documents.BUILDERS[EVENT] = (Event, event_documents)
documents._LOADS[EVENT] = lambda: select(Event)
sync.MODELS[EVENT] = Event
sync._OWN[Event] = EVENT
queries._LOADS[EVENT] = lambda ids: select(Event).where(Event.id.in_(ids)).options(joinedload(Event.lab))
