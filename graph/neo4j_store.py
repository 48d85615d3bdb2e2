"""The Neo4j store: the same behaviour as the embedded store, in a real graph database.

Entities are nodes with two labels (``:Entity:Organization`` …), relations are
relationships of the relation types between them, and each document's
support — names, attribute claims, relation claims, evidence spans — is kept
as small statement nodes (``:Name``, ``:Claim``, ``:RelClaim``, ``:Evidence``)
so that replacing or deleting a document removes exactly what it said. The
merged view on the entity nodes and relationships is recomputed from those
statements with the same rules as :mod:`unionkg.graph.sqlite_store` (the
shared suite ``tests/test_store_contract.py`` holds both to it). Every
statement is in :mod:`unionkg.graph.cypher`; values travel as parameters.

Each :meth:`Neo4jStore.write` is one transaction (``session.execute_write``,
which also retries transient errors such as deadlocks or a leader switch),
so a failure never leaves half a document. Uniqueness constraints and
indexes are created on first use. Works with ``bolt://`` and ``neo4j://``
(routing: clusters, Aura) URIs.

>>> with Neo4jStore("bolt://127.0.0.1:7687", "neo4j", "secret-pw") as store:  # doctest: +SKIP
...     store.stats()
{'documents': 0, 'entities': {}, 'relations': {}}
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from unionkg.graph import cypher as q
from unionkg.graph.ids import fold
from unionkg.graph.model import ENTITY_TYPES, RELATION_TYPES, Entity, Evidence, Extraction, Relation
from unionkg.graph.store import Store, StoreError, best_claim

__all__ = ["Neo4jStore"]

REFERENCE = "@reference"
ANALYST = "@analyst"
_ENTITY_CORE = {"id", "type", "name", "aliases", "attrs", "reference", "refname"}
_RELATION_CORE = {"id", "type", "source", "target", "role", "title", "start", "end", "attrs", "reference"}
_PRIMITIVES = (str, int, float, bool)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _flat(attrs: dict[str, Any], reserved: set[str]) -> dict[str, Any]:
    """Attributes Neo4j can hold as properties of their own (primitives and
    homogeneous lists of them), so that analysts can write ``WHERE o.members > 1000``.
    The JSON ``attrs`` property stays the exact copy the store reads back."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if key in reserved or value is None:
            continue
        if isinstance(value, _PRIMITIVES):
            out[key] = value
        elif isinstance(value, list) and all(isinstance(v, _PRIMITIVES) for v in value) \
                and len({type(v) for v in value}) <= 1:
            out[key] = value
    return out


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(text).strip().splitlines()[0] if str(text).strip() else type(exc).__name__


class Neo4jStore(Store):
    """A store in Neo4j at ``uri`` (``bolt://host:7687`` or ``neo4j://…``).

    Connection problems (unreachable server, wrong credentials, unknown
    database) raise :class:`StoreError` with one line naming the URI — never
    the password."""

    backend = "neo4j"

    def __init__(self, uri: str, user: str | None = "neo4j", password: str | None = None,
                 database: str | None = None) -> None:
        import neo4j
        from neo4j.exceptions import AuthError, ConfigurationError, Forbidden, Neo4jError, ServiceUnavailable

        self.uri = uri
        self.database = database or None
        user = user or "neo4j"
        try:
            self.driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password or ""), connection_timeout=10.0, connection_acquisition_timeout=30.0,
                max_transaction_retry_time=30.0,
                # server notifications (hints, deprecations) would be logged to the user's terminal
                notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF)
        except (ValueError, ConfigurationError) as exc:
            raise StoreError(f"{uri}: not a usable Neo4j URI ({_first_line(exc)})") from None
        # One bookmark manager for all our sessions: a read after a write sees it, even on a cluster.
        self._bookmarks = self.driver.execute_query_bookmark_manager
        try:
            self.driver.verify_connectivity()
            with self._session() as session:
                session.run("RETURN 1").consume()
            self._ensure_schema()
        except AuthError:
            self.driver.close()
            raise StoreError(f"cannot log in to Neo4j at {uri} as {user!r}: authentication failed "
                             "(check NEO4J_USERNAME / NEO4J_PASSWORD)") from None
        except (ServiceUnavailable, OSError) as exc:
            self.driver.close()
            raise StoreError(f"cannot reach Neo4j at {uri}: {_first_line(exc)}") from None
        except Forbidden as exc:
            self.driver.close()
            raise StoreError(f"Neo4j at {uri}: {_first_line(exc)}") from None
        except Neo4jError as exc:
            self.driver.close()
            raise StoreError(f"Neo4j at {uri}: {_first_line(exc)}") from None

    # -- plumbing ------------------------------------------------------------
    def _session(self):
        return self.driver.session(database=self.database, bookmark_manager=self._bookmarks)

    def _ensure_schema(self) -> None:
        from neo4j.exceptions import Forbidden, Neo4jError

        with self._session() as session:
            try:
                if session.run(q.SCHEMA_PRESENT).single()["n"] >= len(q.SCHEMA):
                    return  # made by an earlier store: one round trip instead of one per statement
            except Neo4jError:
                pass  # not allowed to list indexes: just try to create them
            try:
                for statement in q.SCHEMA:
                    session.run(statement).consume()
                session.run("CALL db.awaitIndexes(300)").consume()
            except Forbidden:
                pass  # a read-only user: the schema is the writer's business

    def _run_write(self, work: Callable[..., Any], *args: Any) -> Any:
        from neo4j.exceptions import ServiceUnavailable, SessionExpired

        try:
            with self._session() as session:
                return session.execute_write(work, *args)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreError(f"lost the connection to Neo4j at {self.uri}: {_first_line(exc)}") from None

    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        from neo4j.exceptions import ServiceUnavailable, SessionExpired

        def work(tx: Any) -> list[dict[str, Any]]:
            return tx.run(query, params).data()

        try:
            with self._session() as session:
                return session.execute_read(work)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreError(f"lost the connection to Neo4j at {self.uri}: {_first_line(exc)}") from None

    # -- writing ---------------------------------------------------------------
    def write(self, extraction: Extraction, raw: Extraction | None = None) -> str:
        doc = extraction.document
        types: dict[str, str] = {}
        for e in extraction.entities:
            if types.setdefault(e.id, e.type) != e.type:
                raise ValueError(f"entity {e.id} is both a {types[e.id]} and a {e.type} in {doc.id}")
        doc_row = {"id": doc.id, "source": doc.source, "title": doc.title, "published": doc.published,
                   "language": doc.language, "url": doc.url, "text": doc.text,
                   "raw": _dumps((raw or extraction).to_dict())}
        return self._run_write(self._write_tx, extraction, doc_row)

    def _write_tx(self, tx: Any, ex: Extraction, doc_row: dict[str, Any]) -> str:
        # Everything here may be re-run by the driver's retry: keep all state local.
        found = tx.run(q.DOC_LOOKUP, id=doc_row["id"], source=doc_row["source"]).single()
        if found["stored"] and found["facts"]:
            return "unchanged"
        status = "added"
        touched_e: set[str] = set()
        touched_r: dict[str, str] = {}
        if not found["stored"]:
            for old in found["older"]:
                self._remove_doc_facts(tx, old, touched_e, touched_r)
                tx.run(q.DELETE_DOCUMENT, id=old).consume()
                status = "replaced"
            tx.run(q.CREATE_DOCUMENT, **doc_row).consume()
        else:
            tx.run(q.SET_DOC_FACTS, id=doc_row["id"]).consume()
        self._insert_facts(tx, ex, touched_e, touched_r)
        self._refresh(tx, touched_e, touched_r)
        return status

    def _insert_facts(self, tx: Any, ex: Extraction, touched_e: set[str], touched_r: dict[str, str]) -> None:
        doc_id = ex.document.id
        conflict = tx.run(q.ENTITY_TYPE_CONFLICTS, rows=[{"id": e.id, "type": e.type} for e in ex.entities]).single()
        if conflict is not None:
            raise ValueError(f"entity {conflict['id']} is a {conflict['stored']}, not a {conflict['wanted']}")
        known = {e.id for e in ex.entities}
        outside = sorted({end for r in ex.relations for end in (r.source, r.target) if end not in known})
        if outside:
            missing = set(tx.run(q.MISSING_ENTITIES, ids=outside).value("id"))
            for r in ex.relations:
                for end in (r.source, r.target):
                    if end in missing:
                        raise ValueError(f"relation {r.id} points to unknown entity {end}")
        self._merge_entities(tx, ex.entities)
        self._merge_relations(tx, ex.relations)
        claims: dict[tuple[str, str], str] = {}
        for e in ex.entities:
            for key, value in e.attrs.items():
                if value is not None and key != "reference":
                    claims[(e.id, key)] = _dumps(value)  # the last value of a key wins, as INSERT OR REPLACE
        rel_claims: dict[str, dict[str, Any]] = {}
        for r in ex.relations:
            rel_claims[r.id] = {"relation": r.id, "type": r.type, "source": r.source, "doc": doc_id,
                                "title": r.title, "start": r.start, "end": r.end, "attrs": _dumps(r.attrs)}
        facts: list[tuple[str, Iterable[Evidence]]] = [(e.id, e.evidence) for e in ex.entities]
        facts += [(r.id, r.evidence) for r in ex.relations]
        tx.run(q.CREATE_STATEMENTS,
               names=_name_rows(ex.entities, doc_id),
               claims=[{"entity": eid, "doc": doc_id, "key": k, "value": v} for (eid, k), v in claims.items()],
               rel_claims=list(rel_claims.values()),
               evidence=_evidence_rows(facts, doc_id)).consume()
        touched_e.update(known)
        touched_r.update({r.id: r.source for r in ex.relations})

    @staticmethod
    def _merge_entities(tx: Any, entities: Iterable[Entity]) -> None:
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in entities:
            by_type[e.type].append({"id": e.id, "type": e.type, "name": e.name})
        for entity_type, rows in by_type.items():
            tx.run(q.merge_entities(entity_type), rows=rows).consume()

    @staticmethod
    def _merge_relations(tx: Any, relations: Iterable[Relation]) -> None:
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in relations:
            by_type[r.type].append({"id": r.id, "source": r.source, "target": r.target, "role": r.role})
        for relation_type, rows in by_type.items():
            tx.run(q.merge_relations(relation_type), rows=rows).consume()

    def _remove_doc_facts(self, tx: Any, doc_id: str, touched_e: set[str], touched_r: dict[str, str]) -> None:
        for rec in tx.run(q.DOC_STATEMENTS, doc=doc_id):
            if rec["kind"] == "entity":
                touched_e.add(rec["id"])
            else:
                touched_r[rec["id"]] = rec["source"]
        tx.run(q.DELETE_DOC_STATEMENTS, doc=doc_id).consume()

    def _refresh(self, tx: Any, entity_ids: Iterable[str], relations: dict[str, str]) -> None:
        """Recompute the merged view of the given facts from their statements; drop
        those left without support (the rules of the embedded store)."""
        ids = sorted(set(entity_ids))
        relations = dict(relations)
        if ids:
            view = {r["id"]: r for r in tx.run(q.ENTITY_VIEW, ids=ids).data()}
            doomed: list[str] = []
            updates: list[dict[str, Any]] = []
            for eid in ids:
                row = view.get(eid)
                if row is None:
                    continue
                doc_names = [n for n in row["names"] if not n["doc"].startswith("@")]
                if not doc_names and not row["reference"]:
                    doomed.append(eid)
                    continue
                # display name: the reference name, else the name as the earliest document gave it
                ordered = sorted(doc_names, key=lambda n: (n["seq"] or 0, n["pos"] or 0))
                name = row["refname"] or ordered[0]["name"]
                attrs = _merged_attrs(row["claims"])
                aliases = sorted({n["name"] for n in row["names"]} - {name})
                props = {**_flat(attrs, _ENTITY_CORE), "id": eid, "type": row["type"], "name": name,
                         "aliases": aliases, "attrs": _dumps(attrs), "reference": bool(row["reference"])}
                if row["refname"] is not None:
                    props["refname"] = row["refname"]
                updates.append({"id": eid, "props": props})
            if doomed:
                # their relationships go with them: note them so that their statements go too
                for r in tx.run(q.ENTITY_RELATIONSHIPS, ids=doomed):
                    relations[r["id"]] = r["source"]
                tx.run(q.DELETE_ENTITIES, ids=doomed).consume()
            if updates:
                tx.run(q.UPDATE_ENTITIES, rows=updates).consume()
        if not relations:
            return
        rel_ids = sorted(relations)
        keys = [{"id": rid, "source": relations[rid]} for rid in rel_ids]
        view = tx.run(q.RELATION_VIEW, rows=keys).data()
        existing = {r["id"]: r for r in view if r["exists"]}
        rel_claims = {r["id"]: r["claims"] for r in view}
        gone: list[str] = []
        drop: list[dict[str, str]] = []
        updates = []
        for rid in rel_ids:
            if rid not in existing:  # an endpoint was deleted, and the relationship with it
                gone.append(rid)
                continue
            found = rel_claims[rid]
            if not found and not existing[rid]["reference"]:
                gone.append(rid)
                drop.append({"id": rid, "source": relations[rid]})
                continue
            found.sort(key=lambda c: (0 if c["doc"] == REFERENCE else 1, c["seq"] or 0))
            merged: dict[str, Any] = {"title": None, "start": None, "end": None}
            attrs: dict[str, Any] = {}
            for c in found:
                for key in merged:
                    if merged[key] is None and c[key] is not None:
                        merged[key] = c[key]
                for key, value in json.loads(c["attrs"] or "{}").items():
                    attrs.setdefault(key, value)
            props = {**_flat(attrs, _RELATION_CORE), **{k: v for k, v in merged.items() if v is not None},
                     "id": rid, "attrs": _dumps(attrs), "reference": bool(existing[rid]["reference"])}
            if existing[rid]["role"] is not None:
                # SET r = props replaces every property: keep the role, part of the relation's identity
                props["role"] = existing[rid]["role"]
            updates.append({"id": rid, "source": relations[rid], "props": props})
        if drop:
            tx.run(q.DELETE_RELATIONS, rows=drop).consume()
        if gone:
            tx.run(q.DELETE_RELATION_STATEMENTS, ids=gone).consume()
        if updates:
            tx.run(q.UPDATE_RELATIONS, rows=updates).consume()

    def delete_document(self, doc_id: str) -> bool:
        def work(tx: Any) -> bool:
            if tx.run(q.DOC_FACTS, id=doc_id).single() is None:  # no such document
                return False
            touched_e: set[str] = set()
            touched_r: dict[str, str] = {}
            self._remove_doc_facts(tx, doc_id, touched_e, touched_r)
            tx.run(q.DELETE_DOCUMENT, id=doc_id).consume()
            self._refresh(tx, touched_e, touched_r)
            return True

        return self._run_write(work)

    def put_reference_entities(self, entities: list[Entity], relations: list[Relation] = ()) -> None:
        latest = {e.id: e for e in entities}  # the same id twice: the later one wins, as row by row
        rels = {r.id: r for r in relations}

        def work(tx: Any) -> None:
            ids = list(latest)
            self._merge_entities(tx, latest.values())
            tx.run(q.MARK_REFERENCE_ENTITIES, rows=[{"id": e.id, "name": e.name} for e in latest.values()]).consume()
            tx.run(q.DELETE_REFERENCE_STATEMENTS, ids=ids).consume()
            tx.run(q.CREATE_NAMES, rows=_name_rows(latest.values(), REFERENCE)).consume()
            tx.run(q.CREATE_CLAIMS, rows=[{"entity": e.id, "doc": REFERENCE, "key": k, "value": _dumps(v)}
                                          for e in latest.values() for k, v in e.attrs.items()
                                          if v is not None and k != "reference"]).consume()
            self._merge_relations(tx, rels.values())
            keys = [{"id": r.id, "source": r.source} for r in rels.values()]
            tx.run(q.MARK_REFERENCE_RELATIONS, rows=keys).consume()
            tx.run(q.DELETE_REL_CLAIM, rows=[{"relation": r.id, "doc": REFERENCE} for r in rels.values()]).consume()
            tx.run(q.CREATE_REL_CLAIMS, rows=[
                {"relation": r.id, "type": r.type, "source": r.source, "doc": REFERENCE, "title": r.title,
                 "start": r.start, "end": r.end, "attrs": _dumps(r.attrs)} for r in rels.values()]).consume()
            self._refresh(tx, ids, {r.id: r.source for r in rels.values()})

        self._run_write(work)

    def set_attr(self, entity_id: str, key: str, value: Any) -> None:
        def work(tx: Any) -> None:
            if not tx.run(q.ENTITY_EXISTS, id=entity_id).single()["n"]:
                raise KeyError(entity_id)
            if value is None:
                tx.run(q.DELETE_ANALYST_CLAIM, id=entity_id, key=key).consume()
            else:
                tx.run(q.SET_ANALYST_CLAIM, id=entity_id, key=key, value=_dumps(value)).consume()
            self._refresh(tx, [entity_id], {})

        self._run_write(work)

    def clear_facts(self) -> None:
        def work(tx: Any) -> None:
            for statement in (q.CLEAR_DOC_NAMES, q.CLEAR_DOC_CLAIMS, q.CLEAR_DOC_REL_CLAIMS, q.CLEAR_EVIDENCE):
                tx.run(statement).consume()
            doomed = tx.run(q.UNSUPPORTED_ENTITIES).value("id")
            if doomed:
                # reference relationships that hang on a doomed entity lose their statements too
                attached = [r["id"] for r in tx.run(q.ENTITY_RELATIONSHIPS, ids=doomed)]
                tx.run(q.DELETE_RELATION_STATEMENTS, ids=attached).consume()
                tx.run(q.DETACH_DELETE_ENTITIES, ids=doomed).consume()
            tx.run(q.CLEAR_DOC_RELATIONS).consume()
            tx.run(q.CLEAR_DOC_FLAGS).consume()
            entity_ids = tx.run(q.ALL_ENTITY_IDS).value("id")
            rels = {r["id"]: r["source"] for r in tx.run(q.ALL_RELATION_KEYS)}
            self._refresh(tx, entity_ids, rels)

        self._run_write(work)

    # -- reading -------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        return self._read(q.DOCUMENTS)

    def document(self, doc_id: str, with_text: bool = False) -> dict[str, Any] | None:
        rows = self._read(q.document_query(with_text), id=doc_id)
        return rows[0] if rows else None

    @staticmethod
    def _entity_dict(row: dict[str, Any]) -> dict[str, Any]:
        d: dict[str, Any] = {"id": row["id"], "type": row["type"], "name": row["name"],
                             "aliases": list(row["aliases"] or [])}
        d.update(json.loads(row["attrs"] or "{}"))
        if row["reference"]:
            d["reference"] = True
        return d

    def entities(self, type: str | None = None) -> list[dict[str, Any]]:  # noqa: A002
        if type is not None and type not in ENTITY_TYPES:
            return []
        return [self._entity_dict(r) for r in self._read(q.entities_query(type))]

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        rows = self._read(q.ENTITY, id=entity_id)
        return self._entity_dict(rows[0]) if rows else None

    def find(self, name: str, type: str | None = None) -> list[dict[str, Any]]:  # noqa: A002
        """Entities one of whose names folds to the same key as ``name`` (index on ``Name.key``)."""
        ids = [r["id"] for r in self._read(q.FIND, key=fold(name))]
        found = [e for e in (self.entity(i) for i in ids) if e is not None]
        return sorted((e for e in found if type is None or e["type"] == type), key=lambda e: e["id"])

    def relations(self, type: str | None = None, source: str | None = None,  # noqa: A002
                  target: str | None = None) -> list[dict[str, Any]]:
        if type is not None and type not in RELATION_TYPES:
            return []
        rows = self._read(q.relations_query(type, source is not None, target is not None),
                          source=source, target=target)
        out = []
        for r in rows:
            d = {k: r[k] for k in ("id", "type", "source", "target", "role", "title", "start", "end")}
            d.update(json.loads(r["attrs"] or "{}"))
            if r["reference"]:
                d["reference"] = True
            out.append(d)
        return out

    def evidence(self, fact_id: str) -> list[dict[str, Any]]:
        return self._read(q.EVIDENCE, id=fact_id)

    def claims(self, entity_id: str) -> list[dict[str, Any]]:
        return [{"document": r["document"], "key": r["key"], "value": json.loads(r["value"])}
                for r in self._read(q.CLAIMS, id=entity_id)]

    def raw_extractions(self) -> Iterator[Extraction]:
        for r in self._read(q.RAW_EXTRACTIONS):
            ex = Extraction.from_dict(json.loads(r["raw"]))
            ex.document.text = r["text"] or ""
            yield ex

    def stats(self) -> dict[str, Any]:
        docs = self._read(q.STATS_DOCUMENTS)[0]["n"]
        ents = {r["type"]: r["n"] for r in self._read(q.STATS_ENTITIES)}
        rels = {r["type"]: r["n"] for r in self._read(q.STATS_RELATIONS)}
        return {"documents": docs, "entities": ents, "relations": rels}

    # -- judgements ------------------------------------------------------------
    def add_judgement(self, judgement: dict[str, Any]) -> int:
        data = _dumps(judgement)

        def work(tx: Any) -> int:
            jid = tx.run(q.NEXT_COUNTER, key="judgement_id").single()["value"]
            tx.run(q.CREATE_JUDGEMENT, id=jid, data=data).consume()
            return int(jid)

        return self._run_write(work)

    def judgements(self) -> list[dict[str, Any]]:
        return [{**json.loads(r["data"]), "id": r["id"]} for r in self._read(q.JUDGEMENTS)]

    def update_judgement(self, judgement_id: int, **fields: Any) -> None:
        def work(tx: Any) -> None:
            row = tx.run(q.JUDGEMENT, id=judgement_id).single()
            if row is None:
                raise KeyError(judgement_id)
            data = {**json.loads(row["data"]), **fields}
            data.pop("id", None)
            tx.run(q.UPDATE_JUDGEMENT, id=judgement_id, data=_dumps(data)).consume()

        self._run_write(work)

    def close(self) -> None:
        self.driver.close()


def _name_rows(entities: Iterable[Entity], doc: str) -> list[dict[str, Any]]:
    """One row per distinct (entity, name) of ``doc``; ``pos`` keeps the entity's own name first."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for e in entities:
        for pos, name in enumerate([e.name, *e.aliases]):
            if name and name.strip() and (e.id, name) not in rows:
                rows[(e.id, name)] = {"entity": e.id, "doc": doc, "name": name, "key": fold(name), "pos": pos}
    return list(rows.values())


def _evidence_rows(facts: Iterable[tuple[str, Iterable[Evidence]]], doc: str) -> list[dict[str, Any]]:
    rows: dict[tuple[str, int, int], dict[str, Any]] = {}
    for fact, evidence in facts:
        for ev in evidence:
            rows.setdefault((fact, ev.start, ev.end),
                            {"fact": fact, "doc": doc, "start": ev.start, "end": ev.end, "text": ev.text})
    return list(rows.values())


def _merged_attrs(claims: list[dict[str, Any]]) -> dict[str, Any]:
    """The entity's attributes: the analyst's value, else the best-supported document
    claim (``store.best_claim``), else the reference value."""
    by_key: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for c in claims:
        by_key[c["key"]][c["doc"]] = c
    attrs: dict[str, Any] = {}
    for key, per_doc in by_key.items():
        if ANALYST in per_doc:
            attrs[key] = json.loads(per_doc[ANALYST]["value"])
            continue
        doc_claims = [(json.loads(c["value"]), c["published"], c["seq"] or 0)
                      for d, c in per_doc.items() if not d.startswith("@")]
        if doc_claims:
            attrs[key] = best_claim(doc_claims)
        elif REFERENCE in per_doc:
            attrs[key] = json.loads(per_doc[REFERENCE]["value"])
    return attrs
