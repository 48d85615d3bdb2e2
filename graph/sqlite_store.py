"""The embedded default store: one SQLite file, no server.

Tables (see ``_SCHEMA``): ``documents`` (text, raw and resolved extraction
JSON), ``entities``/``relations`` (the merged view), and the per-document
statements they are derived from — ``names``, ``claims``, ``rel_claims``,
``evidence`` — so that removing a document removes exactly its support.
``judgements`` is the analyst's log, never touched by ingest.

Each document is written in one ``BEGIN IMMEDIATE`` transaction in WAL
mode: a crash (even ``kill -9``) leaves only whole documents.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from unionkg.graph.ids import fold
from unionkg.graph.model import Entity, Extraction, Relation
from unionkg.graph.store import Store, StoreError, best_claim

__all__ = ["SQLiteStore"]

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, published TEXT, language TEXT, url TEXT,
    text TEXT, raw TEXT, extraction TEXT, seq INTEGER NOT NULL, facts INTEGER NOT NULL DEFAULT 1);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, attrs TEXT NOT NULL DEFAULT '{}',
    reference INTEGER NOT NULL DEFAULT 0, refname TEXT);
CREATE INDEX IF NOT EXISTS entities_type ON entities(type);
-- doc is a document id, '@reference' or '@analyst'
CREATE TABLE IF NOT EXISTS names (entity TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (entity, name, doc));
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS names_doc ON names(doc);
CREATE TABLE IF NOT EXISTS claims (entity TEXT NOT NULL, doc TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (entity, doc, key));
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc);
CREATE TABLE IF NOT EXISTS relations (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, role TEXT,
    title TEXT, start TEXT, "end" TEXT, attrs TEXT NOT NULL DEFAULT '{}', reference INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS relations_source ON relations(source);
CREATE INDEX IF NOT EXISTS relations_target ON relations(target);
CREATE INDEX IF NOT EXISTS relations_type ON relations(type);
-- (queries) endpoint + type: without these SQLite answers relations(type=T, source=X) from the
-- type index, scanning every relation of T (10 ms a call at 5k nodes, seconds at 100k)
CREATE INDEX IF NOT EXISTS relations_source_type ON relations(source, type);
CREATE INDEX IF NOT EXISTS relations_target_type ON relations(target, type);
CREATE TABLE IF NOT EXISTS rel_claims (relation TEXT NOT NULL, doc TEXT NOT NULL, title TEXT, start TEXT,
    "end" TEXT, attrs TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (relation, doc));
CREATE INDEX IF NOT EXISTS rel_claims_doc ON rel_claims(doc);
CREATE TABLE IF NOT EXISTS evidence (fact TEXT NOT NULL, doc TEXT NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (fact, doc, start, "end"));
CREATE INDEX IF NOT EXISTS evidence_doc ON evidence(doc);
CREATE TABLE IF NOT EXISTS judgements (id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL);
"""

REFERENCE = "@reference"
ANALYST = "@analyst"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class SQLiteStore(Store):
    """The embedded store. ``path`` may be ``":memory:"`` for throwaway use."""

    backend = "sqlite"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = os.path.dirname(os.path.abspath(self.path))
            if not os.path.isdir(parent):
                raise StoreError(f"{self.path}: folder {parent} does not exist")
            if os.path.isdir(self.path):
                raise StoreError(f"{self.path}: is a folder, not a store file")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a unionkg store ({exc})") from None

    # -- transactions ------------------------------------------------------
    def _tx(self) -> "_Tx":
        return _Tx(self.db)

    # -- writing -----------------------------------------------------------
    def write(self, extraction: Extraction, raw: Extraction | None = None) -> str:
        doc = extraction.document
        with self._tx():
            row = self.db.execute("SELECT facts FROM documents WHERE id = ?", (doc.id,)).fetchone()
            if row is not None and row["facts"]:
                return "unchanged"
            status = "added"
            touched_e: set[str] = set()
            touched_r: set[str] = set()
            if row is None:
                for old in self.db.execute("SELECT id FROM documents WHERE source = ? AND id != ?",
                                           (doc.source, doc.id)).fetchall():
                    self._remove_doc_facts(old["id"], touched_e, touched_r)
                    self.db.execute("DELETE FROM documents WHERE id = ?", (old["id"],))
                    status = "replaced"
                seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
                self.db.execute(
                    "INSERT INTO documents (id, source, title, published, language, url, text, raw, extraction, seq)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (doc.id, doc.source, doc.title, doc.published, doc.language, doc.url, doc.text,
                     _dumps((raw or extraction).to_dict()), _dumps(extraction.to_dict()), seq))
            else:
                self.db.execute("UPDATE documents SET facts = 1, extraction = ? WHERE id = ?",
                                (_dumps(extraction.to_dict()), doc.id))
            self._insert_facts(extraction, touched_e, touched_r)
            self._refresh(touched_e, touched_r)
        return status

    def _insert_facts(self, ex: Extraction, touched_e: set[str], touched_r: set[str]) -> None:
        doc_id = ex.document.id
        known = {e.id for e in ex.entities}
        for e in ex.entities:
            self.db.execute("INSERT OR IGNORE INTO entities (id, type, name) VALUES (?,?,?)", (e.id, e.type, e.name))
            existing_type = self.db.execute("SELECT type FROM entities WHERE id = ?", (e.id,)).fetchone()[0]
            if existing_type != e.type:
                raise ValueError(f"entity {e.id} is a {existing_type}, not a {e.type}")
            for name in [e.name, *e.aliases]:
                if name and name.strip():
                    self.db.execute("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", (e.id, name, fold(name), doc_id))
            for key, value in e.attrs.items():
                if value is not None and key != "reference":
                    self.db.execute("INSERT OR REPLACE INTO claims VALUES (?,?,?,?)", (e.id, doc_id, key, _dumps(value)))
            self._insert_evidence(e.id, doc_id, e.evidence)
            touched_e.add(e.id)
        for r in ex.relations:
            for end in (r.source, r.target):
                if end not in known and self.db.execute("SELECT 1 FROM entities WHERE id = ?", (end,)).fetchone() is None:
                    raise ValueError(f"relation {r.id} points to unknown entity {end}")
            self.db.execute("INSERT OR IGNORE INTO relations (id, type, source, target, role) VALUES (?,?,?,?,?)",
                            (r.id, r.type, r.source, r.target, r.role))
            self.db.execute("INSERT OR REPLACE INTO rel_claims VALUES (?,?,?,?,?,?)",
                            (r.id, doc_id, r.title, r.start, r.end, _dumps(r.attrs)))
            self._insert_evidence(r.id, doc_id, r.evidence)
            touched_r.add(r.id)

    def _insert_evidence(self, fact: str, doc_id: str, evidence: Iterable[Any]) -> None:
        for ev in evidence:
            self.db.execute("INSERT OR IGNORE INTO evidence VALUES (?,?,?,?,?)", (fact, doc_id, ev.start, ev.end, ev.text))

    def _remove_doc_facts(self, doc_id: str, touched_e: set[str], touched_r: set[str]) -> None:
        touched_e.update(r[0] for r in self.db.execute("SELECT DISTINCT entity FROM names WHERE doc = ?", (doc_id,)))
        touched_r.update(r[0] for r in self.db.execute("SELECT relation FROM rel_claims WHERE doc = ?", (doc_id,)))
        for table, col in (("names", "doc"), ("claims", "doc"), ("rel_claims", "doc"), ("evidence", "doc")):
            self.db.execute(f"DELETE FROM {table} WHERE {col} = ?", (doc_id,))

    def _refresh(self, entity_ids: set[str], relation_ids: set[str]) -> None:
        """Recompute the merged view of the given facts; drop those left without support."""
        seq = {r["id"]: (r["seq"], r["published"]) for r in self.db.execute("SELECT id, seq, published FROM documents")}
        for eid in entity_ids:
            row = self.db.execute("SELECT reference, refname FROM entities WHERE id = ?", (eid,)).fetchone()
            if row is None:
                continue
            # rowid order = the order a document listed the names (its entity name first), as
            # Neo4j's "pos": without it the earliest document's alphabetically first alias won
            names = self.db.execute("SELECT name, doc FROM names WHERE entity = ? ORDER BY rowid", (eid,)).fetchall()
            doc_names = [n for n in names if not n["doc"].startswith("@")]
            if not doc_names and not row["reference"]:
                self._delete_entity(eid)
                continue
            # display name: the reference name, else the name from the earliest document
            ordered = sorted(doc_names, key=lambda n: seq.get(n["doc"], (0,))[0])
            name = row["refname"] or ordered[0]["name"]
            attrs = self._merged_attrs(eid, seq)
            self.db.execute("UPDATE entities SET name = ?, attrs = ? WHERE id = ?", (name, _dumps(attrs), eid))
        # relations of deleted entities go too
        for (rid,) in self.db.execute(
                "SELECT id FROM relations WHERE source NOT IN (SELECT id FROM entities)"
                " OR target NOT IN (SELECT id FROM entities)").fetchall():
            relation_ids.add(rid)
        for rid in relation_ids:
            row = self.db.execute("SELECT reference, source, target FROM relations WHERE id = ?", (rid,)).fetchone()
            if row is None:
                continue
            ends_ok = all(self.db.execute("SELECT 1 FROM entities WHERE id = ?", (x,)).fetchone()
                          for x in (row["source"], row["target"]))
            claims = self.db.execute("SELECT doc, title, start, \"end\", attrs FROM rel_claims WHERE relation = ?",
                                     (rid,)).fetchall()
            if not ends_ok or (not claims and not row["reference"]):
                self.db.execute("DELETE FROM relations WHERE id = ?", (rid,))
                self.db.execute("DELETE FROM rel_claims WHERE relation = ?", (rid,))
                self.db.execute("DELETE FROM evidence WHERE fact = ?", (rid,))
                continue
            claims = sorted(claims, key=lambda c: (0 if c["doc"] == REFERENCE else 1, seq.get(c["doc"], (0,))[0]))
            merged: dict[str, Any] = {"title": None, "start": None, "end": None}
            attrs: dict[str, Any] = {}
            for c in claims:
                for key in merged:
                    if merged[key] is None and c[key] is not None:
                        merged[key] = c[key]
                for key, value in json.loads(c["attrs"]).items():
                    attrs.setdefault(key, value)
            self.db.execute("UPDATE relations SET title = ?, start = ?, \"end\" = ?, attrs = ? WHERE id = ?",
                            (merged["title"], merged["start"], merged["end"], _dumps(attrs), rid))

    def _merged_attrs(self, eid: str, seq: dict[str, tuple[int, str | None]]) -> dict[str, Any]:
        by_key: dict[str, dict[str, list]] = {}
        for c in self.db.execute("SELECT doc, key, value FROM claims WHERE entity = ?", (eid,)):
            by_key.setdefault(c["key"], {}).setdefault(c["doc"], []).append(json.loads(c["value"]))
        attrs: dict[str, Any] = {}
        for key, per_doc in by_key.items():
            if ANALYST in per_doc:
                attrs[key] = per_doc[ANALYST][0]
                continue
            doc_claims = [(v[0], seq.get(d, (0, None))[1], seq.get(d, (0, None))[0])
                          for d, v in per_doc.items() if not d.startswith("@")]
            if doc_claims:
                attrs[key] = best_claim(doc_claims)
            elif REFERENCE in per_doc:
                attrs[key] = per_doc[REFERENCE][0]
        return attrs

    def _delete_entity(self, eid: str) -> None:
        for sql in ("DELETE FROM entities WHERE id = ?", "DELETE FROM names WHERE entity = ?",
                    "DELETE FROM claims WHERE entity = ?", "DELETE FROM evidence WHERE fact = ?"):
            self.db.execute(sql, (eid,))

    def delete_document(self, doc_id: str) -> bool:
        with self._tx():
            if self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
                return False
            te: set[str] = set()
            tr: set[str] = set()
            self._remove_doc_facts(doc_id, te, tr)
            self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self._refresh(te, tr)
        return True

    def put_reference_entities(self, entities: list[Entity], relations: list[Relation] = ()) -> None:
        with self._tx():
            te: set[str] = set()
            tr: set[str] = set()
            for e in entities:
                self.db.execute("INSERT OR IGNORE INTO entities (id, type, name) VALUES (?,?,?)", (e.id, e.type, e.name))
                self.db.execute("UPDATE entities SET reference = 1, refname = ? WHERE id = ?", (e.name, e.id))
                self.db.execute("DELETE FROM names WHERE entity = ? AND doc = ?", (e.id, REFERENCE))
                self.db.execute("DELETE FROM claims WHERE entity = ? AND doc = ?", (e.id, REFERENCE))
                for name in [e.name, *e.aliases]:
                    if name and name.strip():
                        self.db.execute("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", (e.id, name, fold(name), REFERENCE))
                for key, value in e.attrs.items():
                    if value is not None and key != "reference":
                        self.db.execute("INSERT OR REPLACE INTO claims VALUES (?,?,?,?)", (e.id, REFERENCE, key, _dumps(value)))
                te.add(e.id)
            for r in relations:
                self.db.execute("INSERT OR IGNORE INTO relations (id, type, source, target, role) VALUES (?,?,?,?,?)",
                                (r.id, r.type, r.source, r.target, r.role))
                self.db.execute("UPDATE relations SET reference = 1 WHERE id = ?", (r.id,))
                self.db.execute("INSERT OR REPLACE INTO rel_claims VALUES (?,?,?,?,?,?)",
                                (r.id, REFERENCE, r.title, r.start, r.end, _dumps(r.attrs)))
                tr.add(r.id)
            self._refresh(te, tr)

    def set_attr(self, entity_id: str, key: str, value: Any) -> None:
        with self._tx():
            if self.db.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is None:
                raise KeyError(entity_id)
            if value is None:
                self.db.execute("DELETE FROM claims WHERE entity = ? AND doc = ? AND key = ?", (entity_id, ANALYST, key))
            else:
                self.db.execute("INSERT OR REPLACE INTO claims VALUES (?,?,?,?)", (entity_id, ANALYST, key, _dumps(value)))
            self._refresh({entity_id}, set())

    def clear_facts(self) -> None:
        with self._tx():
            for table in ("names", "claims"):
                self.db.execute(f"DELETE FROM {table} WHERE doc NOT LIKE '@%'")
            self.db.execute("DELETE FROM rel_claims WHERE doc NOT LIKE '@%'")
            self.db.execute("DELETE FROM evidence")
            self.db.execute("DELETE FROM entities WHERE reference = 0 AND id NOT IN (SELECT entity FROM names)")
            self.db.execute("DELETE FROM relations WHERE reference = 0")
            self.db.execute("UPDATE documents SET facts = 0")
            ents = {r[0] for r in self.db.execute("SELECT id FROM entities")}
            rels = {r[0] for r in self.db.execute("SELECT id FROM relations")}
            self._refresh(ents, rels)

    # -- reading -----------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT id, source, title, published, language, url FROM documents ORDER BY seq")
        return [dict(r) for r in rows]

    def document(self, doc_id: str, with_text: bool = False) -> dict[str, Any] | None:
        cols = "id, source, title, published, language, url" + (", text" if with_text else "")
        row = self.db.execute(f"SELECT {cols} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return dict(row) if row else None

    def _entity_rows(self, rows: Iterable[sqlite3.Row], aliases: dict[str, list[str]]) -> list[dict[str, Any]]:
        out = []
        for r in rows:
            d: dict[str, Any] = {"id": r["id"], "type": r["type"], "name": r["name"],
                                 "aliases": sorted(a for a in aliases.get(r["id"], []) if a != r["name"])}
            d.update(json.loads(r["attrs"]))
            if r["reference"]:
                d["reference"] = True
            out.append(d)
        return out

    def entities(self, type: str | None = None) -> list[dict[str, Any]]:  # noqa: A002
        aliases: dict[str, list[str]] = {}
        q = "SELECT DISTINCT n.entity, n.name FROM names n"
        args: tuple = ()
        if type:
            q += " JOIN entities e ON e.id = n.entity WHERE e.type = ?"
            args = (type,)
        for r in self.db.execute(q, args):
            aliases.setdefault(r[0], []).append(r[1])
        rows = self.db.execute("SELECT * FROM entities" + (" WHERE type = ?" if type else "") + " ORDER BY id", args)
        return self._entity_rows(rows, aliases)

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            return None
        names = [r[0] for r in self.db.execute("SELECT DISTINCT name FROM names WHERE entity = ?", (entity_id,))]
        return self._entity_rows([row], {entity_id: names})[0]

    def find(self, name: str, type: str | None = None) -> list[dict[str, Any]]:  # noqa: A002
        """Entities one of whose names folds to the same key as ``name``."""
        ids = [r[0] for r in self.db.execute("SELECT DISTINCT entity FROM names WHERE key = ?", (fold(name),))]
        found = [e for e in (self.entity(i) for i in ids) if e is not None]
        return sorted((e for e in found if type is None or e["type"] == type), key=lambda e: e["id"])

    def relations(self, type: str | None = None, source: str | None = None,  # noqa: A002
                  target: str | None = None) -> list[dict[str, Any]]:
        where, args = [], []
        for col, val in (("type", type), ("source", source), ("target", target)):
            if val is not None:
                where.append(f"{col} = ?")
                args.append(val)
        q = "SELECT * FROM relations" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        out = []
        for r in self.db.execute(q, args):
            d = {k: r[k] for k in ("id", "type", "source", "target", "role", "title", "start", "end")}
            d.update(json.loads(r["attrs"]))
            if r["reference"]:
                d["reference"] = True
            out.append(d)
        return out

    def evidence(self, fact_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT e.doc AS document, d.source, d.title, d.published, e.start, e.\"end\", e.text"
            " FROM evidence e JOIN documents d ON d.id = e.doc WHERE e.fact = ? ORDER BY d.seq, e.start", (fact_id,))
        return [dict(r) for r in rows]

    def claims(self, entity_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT c.doc AS document, c.key, c.value FROM claims c LEFT JOIN documents d ON d.id = c.doc"
            " WHERE c.entity = ? ORDER BY COALESCE(d.seq, 0), c.key", (entity_id,))
        return [{"document": r["document"], "key": r["key"], "value": json.loads(r["value"])} for r in rows]

    def raw_extractions(self) -> Iterator[Extraction]:
        for r in self.db.execute("SELECT raw, text FROM documents ORDER BY seq").fetchall():
            ex = Extraction.from_dict(json.loads(r["raw"]))
            ex.document.text = r["text"] or ""
            yield ex

    def stats(self) -> dict[str, Any]:
        ents = dict(self.db.execute("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY type").fetchall())
        rels = dict(self.db.execute("SELECT type, COUNT(*) FROM relations GROUP BY type ORDER BY type").fetchall())
        docs = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        return {"documents": docs, "entities": ents, "relations": rels}

    # -- judgements ----------------------------------------------------------
    def add_judgement(self, judgement: dict[str, Any]) -> int:
        with self._tx():
            cur = self.db.execute("INSERT INTO judgements (data) VALUES (?)", (_dumps(judgement),))
            return int(cur.lastrowid)

    def judgements(self) -> list[dict[str, Any]]:
        return [{**json.loads(r["data"]), "id": r["id"]}
                for r in self.db.execute("SELECT id, data FROM judgements ORDER BY id")]

    def update_judgement(self, judgement_id: int, **fields: Any) -> None:
        with self._tx():
            row = self.db.execute("SELECT data FROM judgements WHERE id = ?", (judgement_id,)).fetchone()
            if row is None:
                raise KeyError(judgement_id)
            data = {**json.loads(row["data"]), **fields}
            data.pop("id", None)
            self.db.execute("UPDATE judgements SET data = ? WHERE id = ?", (_dumps(data), judgement_id))

    def close(self) -> None:
        self.db.close()


class _Tx:
    """``BEGIN IMMEDIATE`` … ``COMMIT``/``ROLLBACK``; nested use joins the outer transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.outer = False

    def __enter__(self) -> "_Tx":
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self.outer = True
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not self.outer:
            return
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")
