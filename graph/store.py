"""The ``Store`` interface shared by the embedded (SQLite) and Neo4j backends.

Both backends pass one behavioural suite (``tests/test_store_contract.py``).
The semantics, in short:

- ``write(extraction)`` stores one document's facts atomically. The same
  document id again is a no-op ("unchanged"); a document with the same
  ``source`` but different text is replaced ("replaced"): its old facts go
  first, other documents' facts stay.
- Entities merge by id: extra names become aliases; each document's value of
  an attribute is kept as a *claim* and the entity shows the best-supported
  claim (most documents, then the latest published, then the smallest value
  for a stable tie-break). Relations merge by id; ``title``/``start``/``end``
  take the first non-empty value in document order.
- Evidence accumulates per document. An entity or relation whose evidence is
  all gone (its documents deleted or replaced) is removed, unless it is
  reference data.

>>> from unionkg.graph.store import open_store
>>> with open_store(":memory:") as store:
...     store.stats()["documents"]
0
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Any

import networkx as nx

from unionkg.graph.model import Entity, Extraction, Relation

__all__ = ["Store", "StoreError", "open_store", "DEFAULT_STORE", "best_claim"]

DEFAULT_STORE = "unionkg.db"


class StoreError(Exception):
    """A store cannot be opened or written; the message is one line fit for the user."""


def best_claim(claims: list[tuple[Any, str | None, int]]) -> Any:
    """Pick an attribute value from ``(value, published, order)`` claims: most
    supporting documents first, then the latest published date, then the
    earliest written. Shared by both backends so they agree.

    >>> best_claim([(10, "2025-01-01", 0), (12, "2025-06-01", 1)])
    12
    >>> best_claim([(10, None, 0), (12, None, 1), (10, None, 2)])
    10
    """
    import json

    groups: dict[str, list[tuple[Any, str | None, int]]] = {}
    for value, published, order in claims:
        groups.setdefault(json.dumps(value, sort_keys=True, ensure_ascii=False), []).append((value, published, order))

    def rank(items: list[tuple[Any, str | None, int]]) -> tuple:
        latest = max((p or "" for _, p, _ in items), default="")
        first = min(o for _, _, o in items)
        return (len(items), latest, -first)

    best = max(groups.values(), key=rank)
    return best[0][0]


class Store(ABC):
    """A graph store. Use as a context manager or call :meth:`close`."""

    backend = "abstract"

    # -- writing -----------------------------------------------------------
    @abstractmethod
    def write(self, extraction: Extraction, raw: Extraction | None = None) -> str:
        """Store one document whole or not at all; returns "added", "unchanged" or "replaced".

        A document whose facts were removed by :meth:`clear_facts` is written
        again ("added"). A relation pointing to an entity that is neither in the
        extraction nor in the store raises ``ValueError`` and nothing is stored."""

    @abstractmethod
    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and every fact that only it supported."""

    @abstractmethod
    def put_reference_entities(self, entities: list[Entity], relations: list[Relation] = ()) -> None:
        """Store reference data (no document); such entities are never garbage-collected."""

    @abstractmethod
    def set_attr(self, entity_id: str, key: str, value: Any) -> None:
        """Set an analyst/link attribute (e.g. ``wikidata``) outside any document."""

    @abstractmethod
    def clear_facts(self) -> None:
        """Remove every document-derived fact; keep documents, raw extractions, reference data, judgements."""

    # -- reading -----------------------------------------------------------
    @abstractmethod
    def documents(self) -> list[dict[str, Any]]: ...

    @abstractmethod
    def document(self, doc_id: str, with_text: bool = False) -> dict[str, Any] | None: ...

    @abstractmethod
    def entities(self, type: str | None = None) -> list[dict[str, Any]]: ...  # noqa: A002

    @abstractmethod
    def entity(self, entity_id: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def relations(self, type: str | None = None, source: str | None = None,  # noqa: A002
                  target: str | None = None) -> list[dict[str, Any]]: ...

    @abstractmethod
    def evidence(self, fact_id: str) -> list[dict[str, Any]]: ...

    @abstractmethod
    def claims(self, entity_id: str) -> list[dict[str, Any]]: ...

    @abstractmethod
    def raw_extractions(self) -> Iterator[Extraction]: ...

    def find(self, name: str, type: str | None = None) -> list[dict[str, Any]]:  # noqa: A002
        """Entities one of whose names or aliases folds (``ids.fold``) to the same key as ``name``."""
        from unionkg.graph.ids import fold

        key = fold(name)
        return [e for e in self.entities(type) if any(fold(n) == key for n in [e["name"], *e["aliases"]])]

    def stats(self) -> dict[str, Any]:
        ents: dict[str, int] = {}
        for e in self.entities():
            ents[e["type"]] = ents.get(e["type"], 0) + 1
        rels: dict[str, int] = {}
        for r in self.relations():
            rels[r["type"]] = rels.get(r["type"], 0) + 1
        return {"documents": len(self.documents()), "entities": dict(sorted(ents.items())),
                "relations": dict(sorted(rels.items()))}

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph for analytics: node attributes are the entity dicts,
        edge keys the relation ids."""
        g = nx.MultiDiGraph()
        for e in self.entities():
            g.add_node(e["id"], **e)
        for r in self.relations():
            g.add_edge(r["source"], r["target"], key=r["id"], **r)
        return g

    # -- judgement log (kept apart from extracted facts) -------------------
    @abstractmethod
    def add_judgement(self, judgement: dict[str, Any]) -> int: ...

    @abstractmethod
    def judgements(self) -> list[dict[str, Any]]: ...

    @abstractmethod
    def update_judgement(self, judgement_id: int, **fields: Any) -> None: ...

    # -- lifecycle -----------------------------------------------------------
    def close(self) -> None:  # pragma: no cover - trivial
        pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | None = None, *, neo4j_uri: str | None = None, user: str | None = None,
               password: str | None = None, database: str | None = None) -> Store:
    """Open the embedded store at ``path`` (``$UNIONKG_STORE`` or ``./unionkg.db``
    when None), or Neo4j when ``neo4j_uri`` is given."""
    if neo4j_uri:
        from unionkg.graph.neo4j_store import Neo4jStore

        return Neo4jStore(neo4j_uri, user=user or os.environ.get("NEO4J_USERNAME") or "neo4j",
                          password=password if password is not None else os.environ.get("NEO4J_PASSWORD"),
                          database=database or os.environ.get("NEO4J_DATABASE"))
    from unionkg.graph.sqlite_store import SQLiteStore

    return SQLiteStore(path or os.environ.get("UNIONKG_STORE") or DEFAULT_STORE)
