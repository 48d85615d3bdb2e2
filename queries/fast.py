"""Bulk reads the named queries need on large graphs, answered natively by each backend.

The Store interface returns whole relation and entity dicts; a query that
aggregates over every post or every agreement (interlocks, cooperation,
country filters) would decode ~10⁵ of them per call. These four primitives
return only what such queries use, in one round trip:

- :func:`edge_list` — ``(relation id, source, target)`` of one relation type;
- :func:`attribute` — one scalar attribute (country, kind, date, status) of every entity of a type;
- :func:`names` — display names of many entities;
- :func:`entities_many` — ``store.entity`` for many ids;
- :func:`evidence_many` — ``store.evidence`` for many facts;
- :func:`adjacent_many` — the relations at many nodes (a breadth-first level in one call);
- :func:`interlock_candidates`, :func:`ranked_facts` — the filtering and ordering of
  ``interlocks``, ``agreements`` and ``events`` pushed into the database, so that a
  ``limit`` reads only the rows it returns.

Each has a native version for the embedded store (SQL on its tables) and for
Neo4j (Cypher; values as parameters, labels only from the model's fixed type
lists) and a generic one over the interface for any other store. The answers
equal what the interface methods give, so query results stay identical across
backends (the parity test runs every query on both). They are candidates for
the Store interface itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from unionkg.graph.model import ENTITY_TYPES, RELATION_TYPES

__all__ = ["edge_list", "attribute", "names", "entities_many", "evidence_many", "adjacent_many",
           "interlock_candidates", "ranked_facts"]

_CHUNK = 500  # SQLite host parameters per IN (...) list


def _kind(store: Any) -> str:
    return getattr(store, "backend", "") if getattr(store, "backend", "") in ("sqlite", "neo4j") else "generic"


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def edge_list(store: Any, rel_type: str) -> list[tuple[str, str, str]]:
    """``(id, source, target)`` of every relation of ``rel_type``, in id order."""
    if rel_type not in RELATION_TYPES:
        raise ValueError(f"not a relation type: {rel_type!r}")
    kind = _kind(store)
    if kind == "sqlite":
        return [tuple(r) for r in store.db.execute(
            "SELECT id, source, target FROM relations WHERE type = ? ORDER BY id", (rel_type,))]
    if kind == "neo4j":
        rows = store._read(f"MATCH (a:Entity)-[r:`{rel_type}`]->(b:Entity) "
                           "RETURN r.id AS id, a.id AS source, b.id AS target ORDER BY r.id")
        return [(r["id"], r["source"], r["target"]) for r in rows]
    return [(r["id"], r["source"], r["target"]) for r in store.relations(rel_type)]


def attribute(store: Any, entity_type: str, key: str) -> dict[str, Any]:
    """``{entity id: value or None}`` for every entity of ``entity_type``; ``key`` is a scalar
    attribute (country, kind, date, status, location)."""
    if entity_type not in ENTITY_TYPES:
        raise ValueError(f"not an entity type: {entity_type!r}")
    if not key.isidentifier():
        raise ValueError(f"not an attribute name: {key!r}")
    kind = _kind(store)
    if kind == "sqlite":
        return {r[0]: r[1] for r in store.db.execute(
            "SELECT id, json_extract(attrs, '$.' || ?) FROM entities WHERE type = ? ORDER BY id", (key, entity_type))}
    if kind == "neo4j":
        # scalar attributes are also stored as properties of their own (see graph/neo4j_store._flat)
        rows = store._read(f"MATCH (e:Entity:`{entity_type}`) RETURN e.id AS id, e[$key] AS value ORDER BY e.id",
                           key=key)
        return {r["id"]: r["value"] for r in rows}
    return {e["id"]: e.get(key) for e in store.entities(entity_type)}


def names(store: Any, ids: Iterable[str]) -> dict[str, str]:
    """Display names of the given entity ids (missing ids are left out)."""
    ids = sorted(set(ids))
    kind = _kind(store)
    out: dict[str, str] = {}
    if kind == "sqlite":
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            out.update(store.db.execute(f"SELECT id, name FROM entities WHERE id IN ({marks})", chunk).fetchall())
        return out
    if kind == "neo4j":
        if ids:
            rows = store._read("UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, e.name AS name", ids=ids)
            out.update({r["id"]: r["name"] for r in rows})
        return out
    for i in ids:
        e = store.entity(i)
        if e is not None:
            out[i] = e["name"]
    return out


def entities_many(store: Any, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``{id: store.entity(id)}`` for many ids in one read (missing ids left out). The rows are
    turned into dicts by the store's own converter, so they equal what ``entity()`` returns."""
    ids = sorted(set(ids))
    kind = _kind(store)
    out: dict[str, dict[str, Any]] = {}
    if kind == "neo4j" and ids:
        from unionkg.graph import cypher

        rows = store._read(f"UNWIND $ids AS eid MATCH (e:Entity {{id: eid}}) {cypher._ENTITY_RETURN}", ids=ids)
        return {r["id"]: store._entity_dict(r) for r in rows}
    if kind == "sqlite":
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            aliases: dict[str, list[str]] = {}
            for eid, name in store.db.execute(f"SELECT DISTINCT entity, name FROM names WHERE entity IN ({marks})", chunk):
                aliases.setdefault(eid, []).append(name)
            rows = store.db.execute(f"SELECT * FROM entities WHERE id IN ({marks})", chunk).fetchall()
            out.update({e["id"]: e for e in store._entity_rows(rows, aliases)})
        return out
    for i in ids:
        e = store.entity(i)
        if e is not None:
            out[i] = e
    return out


def evidence_many(store: Any, fact_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """``{fact id: store.evidence(fact id)}`` for many facts at once (same rows, same order)."""
    ids = sorted(set(fact_ids))
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    kind = _kind(store)
    if kind == "neo4j" and ids:
        rows = store._read(
            "UNWIND $ids AS fid MATCH (v:Evidence {fact: fid}) MATCH (d:Document {id: v.doc}) "
            "RETURN fid, v.doc AS document, d.source AS source, d.title AS title, d.published AS published, "
            "v.start AS start, v.end AS end, v.text AS text ORDER BY fid, d.seq, v.start", ids=ids)
        for r in rows:
            fid = r.pop("fid")
            out[fid].append(r)
        return out
    if kind == "sqlite":
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for r in store.db.execute(
                    "SELECT e.fact AS fid, e.doc AS document, d.source, d.title, d.published, e.start, e.\"end\", e.text"
                    f" FROM evidence e JOIN documents d ON d.id = e.doc WHERE e.fact IN ({marks})"
                    " ORDER BY e.fact, d.seq, e.start", chunk):
                row = dict(r)
                out[row.pop("fid")].append(row)
        return out
    for i in ids:
        out[i] = store.evidence(i)
    return out


Adjacent = tuple[str, str, str, "str | None", str]  # (other end, relation id, type, role, "->" or "<-")


def adjacent_many(store: Any, ids: Iterable[str]) -> dict[str, list[Adjacent]]:
    """For each node, every relation at it as ``(other, relation id, type, role, direction)``
    ("->" when the node is the source), sorted by (other, relation id)."""
    ids = sorted(set(ids))
    out: dict[str, list[Adjacent]] = {i: [] for i in ids}
    kind = _kind(store)
    if kind == "sqlite":
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for rid, rtype, src, tgt, role in store.db.execute(
                    f"SELECT id, type, source, target, role FROM relations WHERE source IN ({marks})", chunk):
                out[src].append((tgt, rid, rtype, role, "->"))
            for rid, rtype, src, tgt, role in store.db.execute(
                    f"SELECT id, type, source, target, role FROM relations WHERE target IN ({marks})", chunk):
                out[tgt].append((src, rid, rtype, role, "<-"))
    elif kind == "neo4j":
        if ids:
            rows = store._read(
                "UNWIND $ids AS nid MATCH (n:Entity {id: nid})-[r]-(m:Entity) "
                "RETURN nid, m.id AS other, r.id AS id, type(r) AS type, r.role AS role, "
                "startNode(r) = n AS outgoing", ids=ids)
            for r in rows:
                out[r["nid"]].append((r["other"], r["id"], r["type"], r["role"], "->" if r["outgoing"] else "<-"))
    else:
        for i in ids:
            out[i] += [(r["target"], r["id"], r["type"], r.get("role"), "->") for r in store.relations(source=i)]
            out[i] += [(r["source"], r["id"], r["type"], r.get("role"), "<-") for r in store.relations(target=i)]
    for adj in out.values():
        adj.sort(key=lambda t: (t[0], t[1], t[4]))
    return out


def interlock_candidates(store: Any, min_orgs: int, country: str | None, limit: int) -> list[tuple[str, str, int]]:
    """``(person id, name, organisations)`` of persons with posts in ≥ ``min_orgs`` organisations
    (one of them of ``country`` when given), ordered by (name, id); the first ``limit`` (0: all)."""
    kind = _kind(store)
    if kind == "sqlite":
        sql = ("SELECT r.source, e.name, COUNT(DISTINCT r.target) AS n FROM relations r"
               " JOIN entities e ON e.id = r.source WHERE r.type = 'HOLDS_POSITION' GROUP BY r.source"
               " HAVING n >= ?")
        args: list[Any] = [min_orgs]
        if country:
            sql += (" AND EXISTS (SELECT 1 FROM relations r2 JOIN entities o ON o.id = r2.target"
                    " WHERE r2.source = r.source AND r2.type = 'HOLDS_POSITION'"
                    " AND json_extract(o.attrs, '$.country') = ?)")
            args.append(country)
        sql += " ORDER BY e.name, r.source" + (" LIMIT ?" if limit else "")
        if limit:
            args.append(limit)
        return [(a, b, c) for a, b, c in store.db.execute(sql, args)]
    if kind == "neo4j":
        rows = store._read(
            "MATCH (p:Entity:`Person`)-[:`HOLDS_POSITION`]->(o:Entity) WITH p, count(DISTINCT o) AS n "
            "WHERE n >= $min AND ($country IS NULL OR EXISTS { "
            "MATCH (p)-[:`HOLDS_POSITION`]->(c:Entity) WHERE c.country = $country }) "
            "RETURN p.id AS id, p.name AS name, n ORDER BY p.name, p.id"
            + (" LIMIT $limit" if limit else ""), min=min_orgs, country=country, limit=limit)
        return [(r["id"], r["name"], r["n"]) for r in rows]
    orgs_of: dict[str, set[str]] = {}
    for _, person, org in edge_list(store, "HOLDS_POSITION"):
        orgs_of.setdefault(person, set()).add(org)
    chosen = [p for p, orgs in orgs_of.items() if len(orgs) >= min_orgs]
    if country:
        where = attribute(store, "Organization", "country")
        chosen = [p for p in chosen if any(where.get(o) == country for o in orgs_of[p])]
    shown = names(store, chosen)
    ranked = sorted(((p, shown.get(p, p), len(orgs_of[p])) for p in chosen), key=lambda t: (t[1], t[0]))
    return ranked[:limit] if limit else ranked


def ranked_facts(store: Any, entity_type: str, link: str, *, country: str | None = None,
                 equals: dict[str, str] | None = None, since: str | None = None, until: str | None = None,
                 limit: int = 0) -> list[str] | None:
    """Ids of agreements or events (``entity_type``) in timeline order — date (undated last),
    name, id — keeping those with a participating organisation (over ``link``) of ``country``
    (for events also a place or location in it), attributes ``equals`` and a date within
    [``since``, ``until``] compared at the coarser precision; the first ``limit`` (0: all).
    None when the backend has no native version (the caller then filters itself)."""
    if entity_type not in ("Agreement", "Event") or link not in RELATION_TYPES:
        raise ValueError(f"not a fact type and link: {entity_type!r}, {link!r}")
    equals = {k: v for k, v in (equals or {}).items() if v is not None}
    if any(not k.isidentifier() for k in equals):
        raise ValueError("attribute names must be identifiers")
    kind = _kind(store)
    if kind == "sqlite":
        date = "json_extract(a.attrs, '$.date')"
        where, args = ["a.type = ?"], [entity_type]
        for k, v in sorted(equals.items()):
            where.append("json_extract(a.attrs, '$.' || ?) = ?")
            args += [k, v]
        if since:
            where.append(f"{date} IS NOT NULL AND substr({date}, 1, length(?)) >= substr(?, 1, length({date}))")
            args += [since, since]
        if until:
            where.append(f"{date} IS NOT NULL AND substr({date}, 1, length(?)) <= substr(?, 1, length({date}))")
            args += [until, until]
        if country:
            alts = ["EXISTS (SELECT 1 FROM relations r JOIN entities o ON o.id = r.source WHERE r.target = a.id"
                    " AND r.type = ? AND json_extract(o.attrs, '$.country') = ?)"]
            args += [link, country]
            if entity_type == "Event":
                alts.append("EXISTS (SELECT 1 FROM relations h JOIN entities p ON p.id = h.target WHERE h.source = a.id"
                            " AND h.type = 'HELD_IN' AND json_extract(p.attrs, '$.country') = ?)")
                alts.append("json_extract(a.attrs, '$.location') = ?")
                args += [country, country]
            where.append("(" + " OR ".join(alts) + ")")
        sql = (f"SELECT a.id FROM entities a WHERE {' AND '.join(where)}"
               f" ORDER BY {date} IS NULL, {date}, a.name, a.id" + (" LIMIT ?" if limit else ""))
        if limit:
            args.append(limit)
        return [r[0] for r in store.db.execute(sql, args)]
    if kind == "neo4j":
        where = ["all(k IN keys($equals) WHERE a[k] = $equals[k])"]
        if since:
            where.append("a.date IS NOT NULL AND substring(a.date, 0, size($since)) >= substring($since, 0, size(a.date))")
        if until:
            where.append("a.date IS NOT NULL AND substring(a.date, 0, size($until)) <= substring($until, 0, size(a.date))")
        if country:
            alts = [f"EXISTS {{ MATCH (o:Entity)-[:`{link}`]->(a) WHERE o.country = $country }}"]
            if entity_type == "Event":
                alts.append("EXISTS { MATCH (a)-[:`HELD_IN`]->(p:Entity) WHERE p.country = $country }")
                alts.append("a.location = $country")
            where.append("(" + " OR ".join(alts) + ")")
        rows = store._read(
            f"MATCH (a:Entity:`{entity_type}`) WHERE {' AND '.join(where)} "
            "RETURN a.id AS id ORDER BY a.date IS NULL, a.date, a.name, a.id" + (" LIMIT $limit" if limit else ""),
            equals=equals, since=since, until=until, country=country, limit=limit)
        return [r["id"] for r in rows]
    return None
