"""Small helpers shared by the extraction tests: run the default extractor on a
text and look up what it found by name."""

from __future__ import annotations

from unionkg.graph.ids import document_id, fold
from unionkg.graph.model import Document, Entity, Extraction
from unionkg.ingest.pipeline import default_extractor

__all__ = ["extract", "entity", "posts"]


def extract(text: str, language: str) -> Extraction:
    return default_extractor().extract(Document(document_id(text), "test", text, language=language))


def entity(x: Extraction, type_: str, name: str) -> Entity | None:
    """The first entity of ``type_`` one of whose names folds like ``name``."""
    key = fold(name)
    hits = [e for e in x.entities if e.type == type_ and key in {fold(n) for n in [e.name, *e.aliases]}]
    return hits[0] if hits else None


def posts(x: Extraction, person: str) -> set[tuple[str, str, str | None]]:
    """(role, organisation name, printed title) of every post the person holds."""
    p = entity(x, "Person", person)
    assert p is not None, f"no person {person!r}"
    by_id = {e.id: e for e in x.entities}
    return {(r.role, by_id[r.target].name, r.title) for r in x.relations if r.type == "HOLDS_POSITION" and r.source == p.id}
