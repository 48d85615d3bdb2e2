"""The working state of one document as it passes through the extraction pipeline.

The pipeline (``unionkg.ingest.pipeline``) is a list of small components,
each a callable ``component(ctx: DocContext) -> None`` that reads what
earlier ones left on the context and adds its own part:

    load -> language -> sentences -> mentions -> relations -> in-document resolution

At the end ``ctx.to_extraction()`` yields the public
:class:`~unionkg.graph.model.Extraction`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from unionkg.graph.model import Document, Entity, Evidence, Extraction, Relation

__all__ = ["Sentence", "Mention", "DocContext"]


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # offset of the first character in the document text
    end: int  # offset one past the last character
    text: str


@dataclass
class Mention:
    """A span of the text recognised as something: an organisation, person,
    place, a post title, a date. ``entity`` is the local entity id it refers
    to (set by recognition or by in-document resolution)."""

    start: int
    end: int
    text: str
    type: str  # "Organization" | "Person" | "Place" | "Title" | "Date" | ...
    sentence: int
    entity: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class DocContext:
    document: Document
    language: str | None = None
    published: date | None = None  # anchor for relative dates
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _starts_for: list | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.document.text

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset`` (binary search: sentences are in text order)."""
        if self._starts_for is not self.sentences or len(self._starts) != len(self.sentences):
            self._starts_for = self.sentences
            self._starts = [s.start for s in self.sentences]
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def evidence_for(self, start: int, end: int) -> Evidence:
        """Evidence for a span: the offsets of the whole sentence holding it and its text."""
        s = self.sentence_at(start)
        if s is None:
            return Evidence(start, end, self.text[start:end])
        return Evidence(s.start, s.end, s.text)

    def add_entity(self, entity: Entity) -> Entity:
        """Add or merge (names, attrs, evidence) an entity by id; returns the stored one."""
        old = self.entities.get(entity.id)
        if old is None:
            self.entities[entity.id] = entity
            return entity
        for alias in [entity.name, *entity.aliases]:
            if alias != old.name and alias not in old.aliases:
                old.aliases.append(alias)
        for key, value in entity.attrs.items():
            if old.attrs.get(key) is None and value is not None:
                old.attrs[key] = value
        _extend_unique(old.evidence, entity.evidence)
        return old

    def add_relation(self, relation: Relation) -> Relation:
        """Add or merge (evidence, missing fields) a relation by id; returns the stored one."""
        old = self.relations.get(relation.id)
        if old is None:
            self.relations[relation.id] = relation
            return relation
        for name in ("title", "start", "end"):
            if getattr(old, name) is None and getattr(relation, name) is not None:
                setattr(old, name, getattr(relation, name))
        for key, value in relation.attrs.items():
            old.attrs.setdefault(key, value)
        _extend_unique(old.evidence, relation.evidence)
        return old

    def to_extraction(self) -> Extraction:  # noqa: D102
        used = {r.source for r in self.relations.values()} | {r.target for r in self.relations.values()}
        ents = [e for e in self.entities.values() if e.evidence or e.id in used]
        return Extraction(document=self.document, entities=ents, relations=list(self.relations.values()))


def _extend_unique(target: list[Evidence], new: list[Evidence]) -> None:
    """Append the evidence not yet in ``target`` (a set check: a fact repeated
    many times in a long text must not make merging quadratic)."""
    if not new:
        return
    seen = set(target)
    for ev in new:
        if ev not in seen:
            seen.add(ev)
            target.append(ev)
