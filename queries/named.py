"""The analysts' named queries, written once over the ``Store`` interface.

Each query is a function ``(store, **params) -> list[dict]``; :data:`QUERIES`
maps its name to the function and its parameter spec, so ``unionkg query NAME
--param k=v`` and :func:`run` validate the same way. Because every query only
calls interface methods (``find``, ``entity``, ``entities``, ``relations``,
``evidence``), the embedded store and Neo4j give the same rows by construction;
rows are sorted on names and ids so the order is the same too.

Every row carries ``sources``: the documents and sentences behind it
(``{"document", "source", "published", "sentence"}``).

>>> from unionkg.graph.store import open_store
>>> with open_store(":memory:") as s:
...     run(s, "interlocks")
[]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from unionkg.queries import fast
from unionkg.queries.params import Param, QueryError, date_in_range, validate
from unionkg.queries.resolve import resolve

__all__ = [
    "QUERIES", "Query", "run", "officials", "posts", "affiliations", "interlocks", "agreements", "events",
    "path", "neighbours", "cooperation", "conflicts", "sources",
]

ORG, PER, AGR, EVT = "Organization", "Person", "Agreement", "Event"
HOLDS, AFFIL, PARTY, PART = "HOLDS_POSITION", "AFFILIATED_WITH", "PARTY_TO", "PARTICIPATED_IN"
# Relations to places say where something is, not who is connected to whom:
# left out of paths unless asked, so two events in one city are no "connection".
PLACE_RELATIONS = ("HELD_IN", "BASED_IN")


class _Ctx:
    """Per-call memo of entity lookups and evidence, so a query asks the store once per id."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._entities: dict[str, dict[str, Any] | None] = {}
        self._evidence: dict[str, list[dict[str, Any]]] = {}
        self._names: dict[str, str] = {}

    def entity(self, eid: str) -> dict[str, Any]:
        if eid not in self._entities:
            self._entities[eid] = self.store.entity(eid)
        e = self._entities[eid]
        return e if e is not None else {"id": eid, "type": None, "name": eid, "aliases": []}

    def name(self, eid: str) -> str:
        if eid in self._names and eid not in self._entities:
            return self._names[eid]
        return self.entity(eid)["name"]

    def load(self, ids: Iterable[str]) -> None:
        """Read the entities of many ids in one go (one round trip on Neo4j)."""
        todo = {i for i in ids if i not in self._entities}
        if todo:
            found = fast.entities_many(self.store, todo)
            for i in todo:
                self._entities[i] = found.get(i)

    def prime(self, entities: Iterable[dict[str, Any]]) -> None:
        for e in entities:
            self._entities[e["id"]] = e

    def prefetch(self, fact_ids: Iterable[str]) -> None:
        """Read the evidence of many facts in one go (one round trip on Neo4j)."""
        todo = [f for f in fact_ids if f not in self._evidence]
        if todo:
            self._evidence.update(fast.evidence_many(self.store, todo))

    def sources(self, *fact_ids: str) -> list[dict[str, Any]]:
        """Evidence of the facts, one entry per (document, span), in the store's order."""
        out, seen = [], set()
        for fid in fact_ids:
            if fid not in self._evidence:
                self._evidence[fid] = self.store.evidence(fid)
            for ev in self._evidence[fid]:
                key = (ev["document"], ev["start"], ev["end"])
                if key in seen:
                    continue
                seen.add(key)
                out.append({"document": ev["document"], "source": ev.get("source"),
                            "published": ev.get("published"), "sentence": ev["text"]})
        return out


def _finish(ctx: _Ctx, rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any],
            limit: int | None = None) -> list[dict[str, Any]]:
    """Sort ``rows``, keep the first ``limit`` (0/None: all), then fetch the evidence of each
    row's ``_facts`` into ``sources`` — after the cut, so a limit also saves the evidence reads —
    and drop the private ``_`` keys."""
    rows.sort(key=key)
    if limit:
        rows = rows[:limit]
    ctx.prefetch(f for row in rows for f in row["_facts"])
    out = []
    for row in rows:
        row["sources"] = ctx.sources(*row["_facts"])
        out.append({k: v for k, v in row.items() if not k.startswith("_")})
    return out


def _role_rank(role: str | None) -> tuple[int, str]:
    """Posts in the ontology's order of roles (president first), unknown roles last."""
    from unionkg.ontology.vocab import scheme_ids

    order = scheme_ids("role")
    return (order.index(role), "") if role in order else (len(order), role or "")


def _held(rel: dict[str, Any], as_of: str | None) -> bool:
    return as_of is None or date_in_range(rel.get("start"), rel.get("end"), as_of)


def _is_unit(member: dict[str, Any], parent: dict[str, Any]) -> bool:
    """A department, bureau, branch or office of ``parent`` rather than an affiliate.

    Following the annotation guide, units carry the organisation kind ``other``
    (or none), or the parent's own kind for units of a government body or an
    IGO; an affiliated union or federation has a union kind of its own."""
    kind = member.get("kind")
    if kind in (None, "other"):
        return True
    return kind == parent.get("kind") and kind in ("government", "igo")


# -- officials / posts -------------------------------------------------------

def officials(store: Any, org: str, as_of: str | None = None, units: bool = True) -> list[dict[str, Any]]:
    """Who holds which post in ``org`` and (``units``) in its departments and branches, optionally on ``as_of``."""
    ctx = _Ctx(store)
    root = resolve(store, org, ORG)
    ctx.prime([root])
    todo: list[tuple[dict[str, Any], int, dict[str, Any] | None]] = [(root, 0, None)]
    seen = {root["id"]}
    rows: list[dict[str, Any]] = []
    while todo:
        unit, depth, parent = todo.pop(0)
        posts_here = store.relations(HOLDS, target=unit["id"])
        members = store.relations(AFFIL, target=unit["id"]) if units else []
        ctx.load([r["source"] for r in posts_here] + [a["source"] for a in members])
        for r in posts_here:
            if not _held(r, as_of):
                continue
            rows.append({
                "organisation": unit["name"], "organisation_id": unit["id"],
                "unit_of": parent["name"] if parent else None,
                "person": ctx.name(r["source"]), "person_id": r["source"], "role": r.get("role"),
                "title": r.get("title"), "start": r.get("start"), "end": r.get("end"),
                "relation_id": r["id"], "sources": None, "_facts": (r["id"],), "_depth": depth,
            })
        if not units:
            continue
        for a in members:
            member = ctx.entity(a["source"])
            if member["id"] not in seen and _is_unit(member, unit):
                seen.add(member["id"])
                todo.append((member, depth + 1, unit))
    return _finish(ctx, rows, lambda x: (x["_depth"], x["organisation"], x["organisation_id"],
                                         _role_rank(x["role"]), x["person"], x["relation_id"]))


def posts(store: Any, person: str, as_of: str | None = None) -> list[dict[str, Any]]:
    """Every post ``person`` holds (or held, when dated), with the organisation's country."""
    ctx = _Ctx(store)
    p = resolve(store, person, PER)
    rows = []
    held = store.relations(HOLDS, source=p["id"])
    ctx.load(r["target"] for r in held)
    for r in held:
        if not _held(r, as_of):
            continue
        o = ctx.entity(r["target"])
        rows.append({
            "person": p["name"], "person_id": p["id"], "role": r.get("role"), "title": r.get("title"),
            "organisation": o["name"], "organisation_id": o["id"], "country": o.get("country"),
            "start": r.get("start"), "end": r.get("end"), "relation_id": r["id"], "sources": None,
            "_facts": (r["id"],),
        })
    return _finish(ctx, rows, lambda x: (x["organisation"], x["organisation_id"], x["role"] or "", x["relation_id"]))


# -- affiliations / interlocks ---------------------------------------------

def affiliations(store: Any, org: str, depth: int = 10) -> list[dict[str, Any]]:
    """The chain of bodies ``org`` is affiliated to (negative levels, farthest first)
    and the tree of organisations affiliated to it (positive levels)."""
    ctx = _Ctx(store)
    root = resolve(store, org, ORG)
    ctx.prime([root])
    rows: list[dict[str, Any]] = []
    for direction, sign in (("parent", -1), ("affiliate", 1)):
        seen = {root["id"]}
        frontier = [root["id"]]
        for level in range(1, depth + 1):
            nxt = []
            level_rels = {oid: store.relations(AFFIL, source=oid) if sign < 0 else store.relations(AFFIL, target=oid)
                          for oid in sorted(frontier)}
            ctx.load(r["target"] if sign < 0 else r["source"] for rels in level_rels.values() for r in rels)
            for oid, rels in level_rels.items():
                for r in rels:
                    other = r["target"] if sign < 0 else r["source"]
                    if other in seen:
                        continue
                    seen.add(other)
                    nxt.append(other)
                    o = ctx.entity(other)
                    rows.append({
                        "direction": direction, "level": sign * level, "organisation": o["name"],
                        "organisation_id": other, "kind": o.get("kind"), "country": o.get("country"),
                        "of": ctx.name(oid), "of_id": oid, "relation_id": r["id"], "sources": None,
                        "_facts": (r["id"],),
                    })
            frontier = nxt
            if not frontier:
                break
    return _finish(ctx, rows, lambda x: (x["level"], x["of"], x["of_id"], x["organisation"], x["organisation_id"]))


def interlocks(store: Any, min_orgs: int = 2, country: str | None = None, limit: int = 0) -> list[dict[str, Any]]:
    """Persons holding posts in at least ``min_orgs`` organisations (one row per post);
    ``country`` keeps persons with a post in an organisation of that country."""
    ctx = _Ctx(store)
    # persons in row order; each has ≥ min_orgs posts, so `limit` persons give ≥ `limit` rows
    chosen = fast.interlock_candidates(store, min_orgs, country, limit)
    shown = {pid: name for pid, name, _ in chosen}
    count = {pid: n for pid, _, n in chosen}
    rows: list[dict[str, Any]] = []
    picked: list[tuple[str, dict[str, Any]]] = []
    for pid, _, _ in chosen:
        picked += [(pid, r) for r in store.relations(HOLDS, source=pid)]
    ctx.load(r["target"] for _, r in picked)
    for pid, r in picked:
        o = ctx.entity(r["target"])
        rows.append({
            "person": shown.get(pid, pid), "person_id": pid, "organisations": count[pid],
            "organisation": o["name"], "organisation_id": o["id"], "country": o.get("country"),
            "role": r.get("role"), "title": r.get("title"), "relation_id": r["id"], "sources": None,
            "_facts": (r["id"],),
        })
    return _finish(ctx, rows, lambda x: (x["person"], x["person_id"], x["organisation"], x["organisation_id"],
                                         x["role"] or "", x["relation_id"]), limit)


# -- agreements / events -------------------------------------------------------

# Above this many candidate facts, attributes and links are read for the whole
# graph in one call each (lib: queries/fast.py) instead of one call per fact.
ONE_CALL_ABOVE = 40


class _Facts:
    """Agreements or events under consideration: their scalar attributes, names, participating
    organisations' countries and (events) places — read per fact when few, in bulk when many."""

    def __init__(self, store: Any, ctx: _Ctx, etype: str, ids: list[str] | None, link: str,
                 keys: tuple[str, ...]) -> None:
        self.store, self.ctx = store, ctx
        bulk = ids is None or len(ids) > ONE_CALL_ABOVE
        self.attrs: dict[str, dict[str, Any]] = {}
        if bulk:
            columns = {k: fast.attribute(store, etype, k) for k in keys}
            every = ids if ids is not None else list(next(iter(columns.values())))
            self.ids = list(every)
            self.attrs = {i: {k: columns[k].get(i) for k in keys} for i in self.ids}
            self.names = fast.names(store, self.ids)
            wanted = set(self.ids)
            self.links: dict[str, list[tuple[str, str]]] = {i: [] for i in self.ids}
            for rid, src, tgt in fast.edge_list(store, link):
                if tgt in wanted:
                    self.links[tgt].append((rid, src))
            self.country = fast.attribute(store, ORG, "country")
        else:
            self.ids = list(ids)
            for i in self.ids:
                e = ctx.entity(i)
                self.attrs[i] = {k: e.get(k) for k in keys}
            self.names = {i: ctx.name(i) for i in self.ids}
            self.links = {i: [(r["id"], r["source"]) for r in store.relations(link, target=i)] for i in self.ids}
            self.country = None
        self.bulk = bulk

    def countries(self, fid: str) -> set[str]:
        if self.country is not None:
            found = (self.country.get(src) for _, src in self.links[fid])
        else:
            found = (self.ctx.entity(src).get("country") for _, src in self.links[fid])
        return {c for c in found if c}

    def facts(self, fid: str) -> tuple[str, ...]:
        return (fid, *(rid for rid, _ in self.links[fid]))

    def participants(self, fid: str) -> list[str]:
        return sorted(self.ctx.name(src) for _, src in self.links[fid])

    def prime_names(self, fids: list[str]) -> None:
        """Names of the participants of ``fids`` in one read."""
        ids = {src for f in fids for _, src in self.links[f]}
        for i, n in fast.names(self.store, ids).items():
            if i not in self.ctx._entities:
                self.ctx._names[i] = n


def agreements(store: Any, org: str | None = None, country: str | None = None, status: str | None = None,
               kind: str | None = None, limit: int = 0) -> list[dict[str, Any]]:
    """Agreements (MoUs, cooperation and collective agreements, joint statements) with their parties."""
    ctx = _Ctx(store)
    ids = None
    if org:
        o = resolve(store, org, ORG)
        ids = sorted({r["target"] for r in store.relations(PARTY, source=o["id"])})
    else:  # filtered, ordered and cut in the database when the backend can
        ids = fast.ranked_facts(store, AGR, PARTY, country=country, equals={"status": status, "kind": kind},
                                limit=limit)
    facts = _Facts(store, ctx, AGR, ids, PARTY, ("date", "status", "kind"))
    rows = []
    for fid in facts.ids:
        a = facts.attrs[fid]
        if status and a["status"] != status or kind and a["kind"] != kind:
            continue
        countries = sorted(facts.countries(fid))
        if country and country not in countries:
            continue
        rows.append({"date": a["date"], "agreement": facts.names.get(fid, fid), "agreement_id": fid,
                     "_facts": facts.facts(fid)})
    rows = _finish(ctx, rows, lambda x: (x["date"] is None, x["date"] or "", x["agreement"], x["agreement_id"]), limit)
    out = []
    facts.prime_names([row["agreement_id"] for row in rows])
    ctx.load(row["agreement_id"] for row in rows)
    for row in rows:
        e = ctx.entity(row["agreement_id"])
        out.append({**row, "kind": e.get("kind"), "status": e.get("status"), "topics": e.get("topics"),
                    "parties": facts.participants(row["agreement_id"]),
                    "countries": sorted(facts.countries(row["agreement_id"])), "sources": row["sources"]})
    return out


def events(store: Any, org: str | None = None, person: str | None = None, country: str | None = None,
           since: str | None = None, until: str | None = None, kind: str | None = None,
           limit: int = 0) -> list[dict[str, Any]]:
    """A timeline of meetings, visits, congresses… by organisation, person, country and date range."""
    ctx = _Ctx(store)
    if since and until and since > until:
        raise QueryError(f"events: since {since} is after until {until}")
    ids: list[str] | None = None
    for value, types in ((org, ORG), (person, PER)):
        if value:
            who = resolve(store, value, types)
            found = {r["target"] for r in store.relations(PART, source=who["id"])}
            ids = sorted(found if ids is None else set(ids) & found)
    if ids is None:  # filtered, ordered and cut in the database when the backend can
        ids = fast.ranked_facts(store, EVT, PART, country=country, equals={"kind": kind}, since=since, until=until,
                                limit=limit)
    facts = _Facts(store, ctx, EVT, ids, PART, ("date", "kind", "location"))

    def dated(d: str | None) -> bool:
        if not (since or until):
            return True
        if not d:
            return False
        return not (since and d[: len(since)] < since[: len(d)] or until and d[: len(until)] > until[: len(d)])

    keep = [fid for fid in facts.ids if not (kind and facts.attrs[fid]["kind"] != kind) and dated(facts.attrs[fid]["date"])]
    places: dict[str, list[str]] = {fid: [] for fid in keep}
    if facts.bulk:
        for _, src, tgt in fast.edge_list(store, "HELD_IN"):
            if src in places:
                places[src].append(tgt)
        place_country = fast.attribute(store, "Place", "country")
    else:
        for fid in keep:
            places[fid] = [r["target"] for r in store.relations("HELD_IN", source=fid)]
        place_country = {p: ctx.entity(p).get("country") for ps in places.values() for p in ps}
    rows = []
    for fid in keep:
        a = facts.attrs[fid]
        countries = facts.countries(fid) | {place_country.get(p) for p in places[fid] if place_country.get(p)}
        if a["location"]:
            countries.add(a["location"])
        if country and country not in countries:
            continue
        rows.append({"date": a["date"], "event": facts.names.get(fid, fid), "event_id": fid, "kind": a["kind"],
                     "location": a["location"], "_facts": facts.facts(fid), "_places": places[fid]})
    rows = _finish(ctx, rows, lambda x: (x["date"] is None, x["date"] or "", x["event"], x["event_id"]), limit)
    facts.prime_names([row["event_id"] for row in rows])
    for row in rows:
        if not row["location"] and places.get(row["event_id"]):
            row["location"] = ctx.name(sorted(places[row["event_id"]])[0])
        row["participants"] = facts.participants(row["event_id"])
        row["sources"] = row.pop("sources")  # keep sources last
    return rows


# -- path / neighbours -------------------------------------------------------

def _adjacent(store: Any, nodes: list[str], via_places: bool) -> dict[str, list[fast.Adjacent]]:
    """Relations at each node of a breadth-first level (one bulk read), places left out unless asked."""
    adj = fast.adjacent_many(store, nodes)
    if not via_places:
        adj = {n: [a for a in lst if a[2] not in PLACE_RELATIONS] for n, lst in adj.items()}
    return adj


def _step_row(ctx: _Ctx, i: int, a: str, b: str, rel: fast.Adjacent, direction: str) -> dict[str, Any]:
    _, rid, rtype, role, _ = rel
    return {"step": i, "from": ctx.name(a), "from_id": a, "direction": direction, "relation": rtype,
            "role": role, "to": ctx.name(b), "to_id": b, "relation_id": rid, "sources": ctx.sources(rid)}


def path(store: Any, source: str, target: str, max_depth: int = 8, via_places: bool = False) -> list[dict[str, Any]]:
    """The shortest chain of relations between two entities (any direction), one row per step.

    Bidirectional breadth-first search, one whole level at a time; among equally
    short paths the one through the smallest meeting id and, on each side, the
    first parent in id order is taken, so both stores return the same path."""
    ctx = _Ctx(store)
    a = resolve(store, source)
    b = resolve(store, target)
    if a["id"] == b["id"]:
        return []
    # parent[node] = (previous node, relation, direction as walked from the start side)
    parents = [{a["id"]: None}, {b["id"]: None}]
    frontiers = [[a["id"]], [b["id"]]]
    meet: str | None = None
    for _ in range(max_depth):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        nxt: list[str] = []
        level = _adjacent(store, frontiers[side], via_places)
        for node in sorted(frontiers[side]):
            for rel in level[node]:
                other, direction = rel[0], rel[4]
                if other in parents[side]:
                    continue
                parents[side][other] = (node, rel, direction)
                nxt.append(other)
        frontiers[side] = nxt
        common = sorted(set(parents[0]) & set(parents[1]))
        if common:
            meet = common[0]
            break
        if not nxt:
            break
    if meet is None:
        return []
    left: list[tuple[str, str, fast.Adjacent, str]] = []
    node = meet
    while parents[0][node] is not None:
        prev, rel, direction = parents[0][node]
        left.append((prev, node, rel, direction))
        node = prev
    left.reverse()
    node = meet
    while parents[1][node] is not None:
        prev, rel, direction = parents[1][node]
        # walked from the target side: flip to read from start to end
        left.append((node, prev, rel, "<-" if direction == "->" else "->"))
        node = prev
    if len(left) > max_depth:
        return []
    ctx.load(x for step in left for x in step[:2])
    ctx.prefetch(step[2][1] for step in left)
    return [_step_row(ctx, i, x, y, rel, d) for i, (x, y, rel, d) in enumerate(left, 1)]


def neighbours(store: Any, name: str, depth: int = 1, via_places: bool = True) -> list[dict[str, Any]]:
    """Entities within ``depth`` relations of ``name``, each with the relation it was first reached by."""
    ctx = _Ctx(store)
    root = resolve(store, name)
    seen = {root["id"]}
    frontier = [root["id"]]
    rows = []
    for level in range(1, depth + 1):
        nxt = []
        adj = _adjacent(store, frontier, via_places)
        ctx.load(a[0] for lst in adj.values() for a in lst if a[0] not in seen)
        for node in sorted(frontier):
            for other, rid, rtype, role, direction in adj[node]:
                if other in seen:
                    continue
                seen.add(other)
                nxt.append(other)
                e = ctx.entity(other)
                rows.append({
                    "depth": level, "entity": e["name"], "entity_id": other, "type": e["type"],
                    "kind": e.get("kind"), "country": e.get("country"), "via": ctx.name(node), "via_id": node,
                    "direction": direction, "relation": rtype, "role": role,
                    "relation_id": rid, "sources": None, "_facts": (rid,),
                })
        frontier = nxt
    return _finish(ctx, rows, lambda x: (x["depth"], x["type"] or "", x["entity"], x["entity_id"]))


# -- cooperation ---------------------------------------------------------------

# A country pair may rest on hundreds of facts: its row lists them all in
# ``facts`` but quotes the evidence of the first few only.
SOURCES_PER_PAIR = 10


def cooperation(store: Any, country: str | None = None, event_kind: str | None = None) -> list[dict[str, Any]]:
    """For each pair of countries, how many agreements and events (``event_kind`` to keep one
    kind, e.g. ``meeting``) have participating organisations from both; ``sources`` quotes the
    evidence of the first ``SOURCES_PER_PAIR`` facts of ``facts``."""
    ctx = _Ctx(store)
    where = fast.attribute(store, ORG, "country")
    event_kinds = fast.attribute(store, EVT, "kind") if event_kind else {}
    facts: dict[str, set[str]] = {}
    column: dict[str, str] = {}
    # by the model's directions, PARTY_TO points at agreements and PARTICIPATED_IN at events
    for rel_type, col in ((PARTY, "agreements"), (PART, "events")):
        for _, src, tgt in fast.edge_list(store, rel_type):
            c = where.get(src)
            if c:
                facts.setdefault(tgt, set()).add(c)
                column[tgt] = col
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for fid in sorted(facts):
        if len(facts[fid]) < 2 or column[fid] == "events" and event_kind and event_kinds.get(fid) != event_kind:
            continue
        for pair in combinations(sorted(facts[fid]), 2):
            if country and country not in pair:
                continue
            row = pairs.setdefault(pair, {"country_a": pair[0], "country_b": pair[1], "agreements": 0,
                                          "events": 0, "facts": []})
            row[column[fid]] += 1
            row["facts"].append(fid)
    rows = [pairs[p] for p in sorted(pairs)]
    ctx.prefetch(f for row in rows for f in row["facts"][:SOURCES_PER_PAIR])
    for row in rows:
        row["sources"] = ctx.sources(*row["facts"][:SOURCES_PER_PAIR])
    rows.sort(key=lambda x: (-(x["agreements"] + x["events"]), x["country_a"], x["country_b"]))
    return rows


# -- conflicts / sources -------------------------------------------------------

def conflicts(store: Any) -> list[dict[str, Any]]:
    """Disagreements between documents (member counts, posts…), found by the resolution engineer's
    ``unionkg.queries.conflicts.find_conflicts``."""
    try:
        from unionkg.queries.conflicts import find_conflicts
    except ImportError:
        raise QueryError("conflicts: the conflict finder (unionkg.queries.conflicts) is not installed") from None
    return list(find_conflicts(store))


def sources(store: Any, of: str) -> list[dict[str, Any]]:
    """The evidence for an entity (by name, alias or id) or a relation (by id): one row per sentence."""
    text = of.strip()
    ev = store.evidence(text)
    fact = text
    if not ev and store.entity(text) is None:
        fact = resolve(store, text)["id"]
        ev = store.evidence(fact)
    return [{"fact": fact, "document": e["document"], "source": e.get("source"), "title": e.get("title"),
             "published": e.get("published"), "start": e["start"], "end": e["end"], "sentence": e["text"]}
            for e in ev]


# -- registry ------------------------------------------------------------------

@dataclass(frozen=True)
class Query:
    """A named query: its function, parameters, one-line help and the columns shown in a table."""

    function: Callable[..., list[dict[str, Any]]]
    params: tuple[Param, ...]
    help: str
    columns: tuple[str, ...] = ()


_NAME_HELP = "a name, alias, acronym or id"
QUERIES: dict[str, Query] = {
    "officials": Query(officials, (
        Param("org", "name", True, help=_NAME_HELP), Param("as_of", "date", help="posts held on this date"),
        Param("units", "bool", default=True, help="include departments and branches")),
        "posts in an organisation and its units",
        ("organisation", "unit_of", "person", "role", "title", "start", "end", "sources")),
    "posts": Query(posts, (Param("person", "name", True, help=_NAME_HELP), Param("as_of", "date")),
                   "posts a person holds", ("person", "role", "title", "organisation", "country", "start", "end",
                                            "sources")),
    "affiliations": Query(affiliations, (Param("org", "name", True, help=_NAME_HELP),
                                         Param("depth", "int", default=10, minimum=1)),
                          "parent chain and affiliates tree of an organisation",
                          ("direction", "level", "organisation", "kind", "country", "of", "sources")),
    "interlocks": Query(interlocks, (Param("min_orgs", "int", default=2, minimum=2), Param("country", "country"),
                                     Param("limit", "int", default=0, minimum=0, help="at most this many rows")),
                        "persons holding posts in two or more organisations",
                        ("person", "organisations", "organisation", "role", "title", "sources")),
    "agreements": Query(agreements, (Param("org", "name", help=_NAME_HELP), Param("country", "country"),
                                     Param("status", scheme="agreement_status"),
                                     Param("kind", scheme="agreement_kind"),
                                     Param("limit", "int", default=0, minimum=0, help="at most this many rows")),
                        "agreements by organisation, country, status or kind",
                        ("date", "agreement", "kind", "status", "parties", "sources")),
    "events": Query(events, (Param("org", "name"), Param("person", "name"), Param("country", "country"),
                             Param("since", "date"), Param("until", "date"), Param("kind", scheme="event_kind"),
                             Param("limit", "int", default=0, minimum=0, help="at most this many rows")),
                    "timeline of events by organisation, person, country and dates",
                    ("date", "event", "kind", "location", "participants", "sources")),
    "path": Query(path, (Param("from", "name", True, help=_NAME_HELP), Param("to", "name", True, help=_NAME_HELP),
                         Param("max_depth", "int", default=8, minimum=1),
                         Param("via_places", "bool", default=False)),
                  "shortest connection between two entities",
                  ("step", "from", "direction", "relation", "role", "to", "sources")),
    "neighbours": Query(neighbours, (Param("name", "name", True, help=_NAME_HELP),
                                     Param("depth", "int", default=1, minimum=1)),
                        "entities within N relations",
                        ("depth", "entity", "type", "via", "direction", "relation", "role", "sources")),
    "cooperation": Query(cooperation, (Param("country", "country"), Param("event_kind", scheme="event_kind")),
                         "country × country counts of agreements and events",
                         ("country_a", "country_b", "agreements", "events", "sources")),
    "conflicts": Query(conflicts, (), "facts on which documents disagree"),
    "sources": Query(sources, (Param("of", "name", True, help="an entity name or id, or a relation id"),),
                     "evidence for an entity or a fact",
                     ("fact", "source", "published", "sentence")),
}

# Parameter names that are Python keywords get another argument name.
_ARG = {"from": "source", "to": "target"}


def run(store: Any, query: str, /, **params: Any) -> list[dict[str, Any]]:
    """Validate ``params`` for the named ``query`` and run it.

    Raises :class:`~unionkg.queries.params.QueryError` for an unknown query or bad parameters."""
    q = QUERIES.get(query)
    if q is None:
        raise QueryError(f"unknown query {query!r} (known: {', '.join(QUERIES)})")
    args = validate(query, q.params, params)
    return q.function(store, **{_ARG.get(k, k): v for k, v in args.items()})
