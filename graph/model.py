"""The data model: documents, entities, relations and the evidence behind them.

An :class:`Extraction` is what the extractor produces for one document and
what a :class:`~unionkg.graph.store.Store` consumes. It serialises to the
public JSON contract documented in ``docs/contract.md``::

    {"document": {"id", "source", "title", "published", "language"},
     "entities": [{"id", "type", "name", "aliases", ...type attributes, "evidence"}],
     "relations": [{"id", "type", "source", "target", "role", "title", "start", "end",
                    "evidence": [{"start", "end", "text"}]}]}

Entity and relation *types* are the ontology's classes and properties
(``ontology/unionkg.ttl``); ``tests/test_ontology.py`` checks that every type
named here exists there.

>>> ev = Evidence(start=0, end=5, text="KSPSI")
>>> e = Entity(id="org-1", type="Organization", name="KSPSI", attrs={"kind": "confederation"})
>>> e.to_dict()["kind"]
'confederation'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ENTITY_TYPES",
    "RELATION_TYPES",
    "ENTITY_ATTRS",
    "Evidence",
    "Document",
    "Entity",
    "Relation",
    "Extraction",
]

# Node labels and relationship types of the graph. The ontology maps each to
# an IRI (unionkg.ontology.vocab.type_iri); these tuples only fix their order.
ENTITY_TYPES = ("Organization", "Person", "Agreement", "Event", "Place")
RELATION_TYPES = (
    "HOLDS_POSITION",  # Person -> Organization (role, title, start, end)
    "AFFILIATED_WITH",  # Organization (member) -> Organization (parent)
    "PARTY_TO",  # Organization -> Agreement
    "PARTICIPATED_IN",  # Person | Organization -> Event (role)
    "HELD_IN",  # Event -> Place
    "BASED_IN",  # Organization -> Place
)

# Type-specific attributes an entity may carry (all optional) and in the JSON
# contract sit beside id/type/name/aliases.
ENTITY_ATTRS: dict[str, tuple[str, ...]] = {
    "Organization": ("kind", "country", "members", "wikidata"),
    "Person": ("honorific", "wikidata"),
    "Agreement": ("kind", "status", "topics", "date", "date_precision"),
    "Event": ("kind", "date", "date_precision", "location"),
    "Place": ("country",),
}


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: character offsets into the document text and the sentence."""

    start: int
    end: int
    text: str
    document: str | None = None  # document id; filled by the store, implicit in an Extraction

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.document is not None:
            d["document"] = self.document
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Evidence":
        return cls(int(d["start"]), int(d["end"]), str(d["text"]), d.get("document"))


@dataclass
class Document:
    """One input document. ``id`` is derived from the text (see :mod:`unionkg.graph.ids`);
    ``source`` is where it came from (path, URL, ``stdin``) and identifies the
    document across edits: re-ingesting a changed file replaces the old version."""

    id: str
    source: str
    text: str = ""
    title: str | None = None
    published: str | None = None  # ISO date
    language: str | None = None
    url: str | None = None

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        d = {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "language": self.language,
        }
        if self.url:
            d["url"] = self.url
        if with_text:
            d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        return cls(
            id=d["id"],
            source=d.get("source") or d["id"],
            text=d.get("text", ""),
            title=d.get("title"),
            published=d.get("published"),
            language=d.get("language"),
            url=d.get("url"),
        )


@dataclass
class Entity:
    """An organisation, person, agreement, event or place, with its names and evidence."""

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {self.type!r}")

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name, "aliases": list(self.aliases)}
        for key in ENTITY_ATTRS[self.type]:
            d[key] = self.attrs.get(key)
        for key, value in self.attrs.items():  # extra attributes are kept, not dropped
            d.setdefault(key, value)
        d["evidence"] = [e.to_dict() for e in self.evidence]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        core = {"id", "type", "name", "aliases", "evidence"}
        attrs = {k: v for k, v in d.items() if k not in core and v is not None}
        return cls(
            id=d["id"],
            type=d["type"],
            name=d["name"],
            aliases=list(d.get("aliases") or []),
            attrs=attrs,
            evidence=[Evidence.from_dict(e) for e in d.get("evidence") or []],
        )


@dataclass
class Relation:
    """A typed, directed relation between two entities (see RELATION_TYPES for directions)."""

    id: str
    type: str
    source: str
    target: str
    role: str | None = None
    title: str | None = None
    start: str | None = None
    end: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.type not in RELATION_TYPES:
            raise ValueError(f"unknown relation type {self.type!r}")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "role": self.role,
            "title": self.title,
            "start": self.start,
            "end": self.end,
        }
        for key, value in self.attrs.items():
            d.setdefault(key, value)
        d["evidence"] = [e.to_dict() for e in self.evidence]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Relation":
        core = {"id", "type", "source", "target", "role", "title", "start", "end", "evidence"}
        return cls(
            id=d["id"],
            type=d["type"],
            source=d["source"],
            target=d["target"],
            role=d.get("role"),
            title=d.get("title"),
            start=d.get("start"),
            end=d.get("end"),
            attrs={k: v for k, v in d.items() if k not in core and v is not None},
            evidence=[Evidence.from_dict(e) for e in d.get("evidence") or []],
        )


@dataclass
class Extraction:
    """Everything read from one document: the unit a store writes whole or not at all."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(with_text=with_text),
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Extraction":
        return cls(
            document=Document.from_dict(d["document"]),
            entities=[Entity.from_dict(e) for e in d.get("entities") or []],
            relations=[Relation.from_dict(r) for r in d.get("relations") or []],
        )
