"""Latency of every named query on a generated graph of ≥100k nodes, on both stores.

    .venv/bin/python benchmarks/queries.py [--scale 1.0] [--samples 30] [--store /tmp/unionkg-bench.db]
                                           [--neo4j URI | --no-neo4j] [--reuse]

A seeded world of organisations (with affiliation trees), persons with posts,
agreements, events and places — scale 1.0 is 100 200 nodes and ~220k relations
— is cut into 200 synthetic documents (one generated sentence of evidence per
fact) and written through ``Store.write`` into the embedded store and into
Neo4j (a throwaway server started with ``unionkg.graph.launcher`` unless
``--neo4j URI`` is given). Each named query then runs on ``--samples``
parameter sets drawn from the world (after one warm-up run each); the script
prints rows per call, p50 and p95 in milliseconds per query and backend.
Goals: p95 ≤ 200 ms embedded, ≤ 50 ms on Neo4j.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import sys
import tempfile
import time
from typing import Any

from unionkg.graph.ids import compound_id, document_id, entity_id, relation_id
from unionkg.graph.model import Document, Entity, Evidence, Extraction, Relation
from unionkg.queries.named import run

COUNTRIES = ["ID", "MY", "VN", "TH", "PH", "KH", "LA", "MM", "SG", "BN"]
SEED = 20251215


class World:
    """The generated graph: entity and relation rows, each with one sentence of evidence."""

    def __init__(self, scale: float) -> None:
        from unionkg.ontology.vocab import scheme_ids

        rnd = random.Random(SEED)
        from unionkg.ontology.vocab import require_id

        roles, org_kinds = scheme_ids("role"), scheme_ids("org_kind")
        top_kind = require_id("org_kind", "confederation")  # the roots of the affiliation trees
        event_kinds = scheme_ids("event_kind")
        agr_kind, agr_status = scheme_ids("agreement_kind")[0], scheme_ids("agreement_status")[2]
        n_org, n_per = int(20000 * scale), int(60000 * scale)
        n_agr, n_evt, n_plc = int(10000 * scale), int(10000 * scale), 200
        self.entities: dict[str, dict[str, Any]] = {}
        self.relations: list[dict[str, Any]] = []

        def ent(etype: str, name: str, attrs: dict[str, Any], aliases=(), eid: str | None = None) -> str:
            eid = eid or entity_id(etype, name)
            self.entities[eid] = {"id": eid, "type": etype, "name": name, "aliases": list(aliases), "attrs": attrs,
                                  "sentence": f"{name} is mentioned here."}
            return eid

        def rel(rtype: str, s: str, t: str, role: str | None = None, **kw: Any) -> None:
            sentence = f"{self.entities[s]['name']} {rtype.lower().replace('_', ' ')} {self.entities[t]['name']}."
            self.relations.append({"id": relation_id(rtype, s, t, role), "type": rtype, "source": s, "target": t,
                                   "role": role, "sentence": sentence, **kw})

        places = [ent("Place", f"City {i} {COUNTRIES[i % 10]}", {"country": COUNTRIES[i % 10]}) for i in range(n_plc)]
        self.orgs: list[str] = []
        for i in range(n_org):
            c = COUNTRIES[i % 10]
            kind = top_kind if i < 500 else org_kinds[rnd.randrange(len(org_kinds))]
            oid = ent("Organization", f"Workers {kind.title()} {c} {i}", {"kind": kind, "country": c},
                      aliases=[f"W{kind[0].upper()}{c}{i}"])
            self.orgs.append(oid)
            if i >= 500:  # an affiliation tree under the 500 confederations, same country
                parent = self.orgs[rnd.randrange(min(i, 5000) // 10) * 10 + (i % 10)]
                if parent != oid:
                    rel("AFFILIATED_WITH", oid, parent)
            rel("BASED_IN", oid, places[(i % 10) + 10 * rnd.randrange(n_plc // 10)])
        self.persons: list[str] = []
        for i in range(n_per):
            pid = ent("Person", f"Given{i % 997} Family{i}", {})
            self.persons.append(pid)
            home = rnd.randrange(n_org)
            for k in range(1 if rnd.random() < 0.7 else 2):
                org = self.orgs[home if k == 0 else rnd.randrange(n_org)]
                start = f"{2010 + rnd.randrange(15)}-{1 + rnd.randrange(12):02d}" if rnd.random() < 0.3 else None
                rel("HOLDS_POSITION", pid, org, roles[rnd.randrange(len(roles))], start=start)
        for i in range(n_agr):
            parties = rnd.sample(self.orgs, 2 + rnd.randrange(3))
            date = f"{2015 + rnd.randrange(11)}-{1 + rnd.randrange(12):02d}-{1 + rnd.randrange(28):02d}"
            aid = ent("Agreement", f"Agreement {i}", {"kind": agr_kind, "status": agr_status, "date": date},
                      eid=compound_id("Agreement", agr_kind, date, parties))
            for p in parties:
                rel("PARTY_TO", p, aid)
        for i in range(n_evt):
            orgs = rnd.sample(self.orgs, 2 + rnd.randrange(4))
            date = f"{2015 + rnd.randrange(11)}-{1 + rnd.randrange(12):02d}-{1 + rnd.randrange(28):02d}"
            kind = event_kinds[rnd.randrange(len(event_kinds))]
            evid = ent("Event", f"Event {i}", {"kind": kind, "date": date}, eid=compound_id("Event", kind, date, orgs))
            for o in orgs:
                rel("PARTICIPATED_IN", o, evid)
            for p in rnd.sample(self.persons, 1 + rnd.randrange(3)):
                rel("PARTICIPATED_IN", p, evid, "participant")
            rel("HELD_IN", evid, places[rnd.randrange(n_plc)])
        self.rnd = rnd

    def extractions(self, n_docs: int = 200) -> list[Extraction]:
        """Relations dealt round-robin to documents; each document carries the entities its relations need."""
        buckets: list[list[dict[str, Any]]] = [[] for _ in range(n_docs)]
        for i, r in enumerate(self.relations):
            buckets[i % n_docs].append(r)
        placed: set[str] = set()
        out = []
        for d, rels in enumerate(buckets):
            ids: list[str] = []
            seen: set[str] = set()
            for r in rels:
                for x in (r["source"], r["target"]):
                    if x not in seen:
                        seen.add(x)
                        ids.append(x)
            if d == n_docs - 1:  # entities with no relation go into the last document
                ids += [x for x in self.entities if x not in placed and x not in seen]
            placed.update(ids)
            parts: list[str] = []
            offset = 0

            def evidence(sentence: str) -> list[Evidence]:
                nonlocal offset
                parts.append(sentence)
                ev = Evidence(offset, offset + len(sentence), sentence)
                offset += len(sentence) + 1
                return [ev]

            ents = []
            for x in ids:
                e = self.entities[x]
                ents.append(Entity(e["id"], e["type"], e["name"], e["aliases"], dict(e["attrs"]), evidence(e["sentence"])))
            relations = [Relation(r["id"], r["type"], r["source"], r["target"], role=r["role"], start=r.get("start"),
                                  evidence=evidence(r["sentence"])) for r in rels]
            text = f"Generated document {d}\n" + " ".join(parts)
            # offsets were computed on the body; shift them past the heading line
            shift = len(f"Generated document {d}\n")
            for obj in [*ents, *relations]:
                obj.evidence = [Evidence(v.start + shift, v.end + shift, v.text) for v in obj.evidence]
            doc = Document(document_id(text), f"bench/{d:03d}.txt", text, f"Generated document {d}",
                           f"2025-{1 + d % 12:02d}-01", "en")
            out.append(Extraction(doc, ents, relations))
        return out

    # -- parameter samples -------------------------------------------------------
    def samples(self, n: int) -> dict[str, list[dict[str, Any]]]:
        rnd = random.Random(SEED + 1)
        held = sorted({r["target"] for r in self.relations if r["type"] == "HOLDS_POSITION"})
        confeds = self.orgs[:500]
        name = lambda x: self.entities[x]["name"]  # noqa: E731
        alias = lambda x: (self.entities[x]["aliases"] or [self.entities[x]["name"]])[0]  # noqa: E731
        pick = lambda seq: seq[rnd.randrange(len(seq))]  # noqa: E731
        return {
            "officials": [{"org": alias(pick(held))} for _ in range(n)],
            "officials as_of": [{"org": name(pick(held)), "as_of": "2020-06"} for _ in range(n)],
            "posts": [{"person": name(pick(self.persons))} for _ in range(n)],
            "affiliations": [{"org": alias(pick(confeds))} for _ in range(n)],
            "interlocks country": [{"country": pick(COUNTRIES), "limit": 100} for _ in range(n)],
            "agreements org": [{"org": alias(pick(self.orgs))} for _ in range(n)],
            "agreements country": [{"country": pick(COUNTRIES), "limit": 100} for _ in range(n)],
            "events org": [{"org": name(pick(self.orgs))} for _ in range(n)],
            "events person": [{"person": name(pick(self.persons))} for _ in range(n)],
            "events country dates": [{"country": pick(COUNTRIES), "since": "2024-01", "until": "2024-03",
                                      "limit": 100} for _ in range(n)],
            "path": [{"from": name(pick(self.persons)), "to": name(pick(self.persons))} for _ in range(n)],
            "neighbours": [{"name": name(pick(self.orgs)), "depth": 1} for _ in range(n)],
            "neighbours depth 2": [{"name": name(pick(self.persons)), "depth": 2} for _ in range(n)],
            "cooperation": [{} for _ in range(max(3, n // 5))],
            "cooperation country": [{"country": pick(COUNTRIES)} for _ in range(max(3, n // 5))],
            "sources": [{"of": name(pick(self.orgs))} for _ in range(n)],
        }


def _write(store: Any, extractions: list[Extraction], label: str) -> None:
    t0 = time.perf_counter()
    for i, ex in enumerate(extractions, 1):
        store.write(ex)
        if i % 20 == 0:
            print(f"  {label}: {i}/{len(extractions)} documents, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    print(f"  {label}: loaded in {time.perf_counter() - t0:.0f} s: {store.stats()}", file=sys.stderr)


def _measure(store: Any, samples: dict[str, list[dict[str, Any]]], backend: str) -> list[dict[str, Any]]:
    rows = []
    for label, params_list in samples.items():
        query = label.split()[0]
        times, counts, errors = [], [], 0
        for params in params_list:
            try:
                run(store, query, **params)  # warm-up (and caches of the backend)
                t0 = time.perf_counter()
                out = run(store, query, **params)
                times.append((time.perf_counter() - t0) * 1000)
                counts.append(len(out))
            except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
                errors += 1
                last = f"{type(exc).__name__}: {exc}"
        if not times:
            rows.append({"backend": backend, "query": label, "error": last})
            continue
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        rows.append({"backend": backend, "query": label, "calls": len(times), "rows": round(statistics.mean(counts), 1),
                     "p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1), "errors": errors})
    return rows


def _print(rows: list[dict[str, Any]]) -> None:
    print(f"{'backend':<8} {'query':<22} {'calls':>5} {'rows':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for r in rows:
        if "error" in r:
            print(f"{r['backend']:<8} {r['query']:<22} error: {r['error']}")
        else:
            print(f"{r['backend']:<8} {r['query']:<22} {r['calls']:>5} {r['rows']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8}"
                  + (f"  ({r['errors']} errors)" if r["errors"] else ""))
    sys.stdout.flush()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = 100 200 nodes")
    ap.add_argument("--samples", type=int, default=30)
    ap.add_argument("--store", default=os.path.join(tempfile.gettempdir(), "unionkg-bench-queries.db"))
    ap.add_argument("--reuse", action="store_true", help="keep an existing --store file (and skip loading it)")
    ap.add_argument("--neo4j", metavar="URI", help="an existing Neo4j (its database is wiped!)")
    ap.add_argument("--neo4j-loaded", action="store_true",
                    help="with --neo4j: the database already holds this world; measure only")
    ap.add_argument("--no-neo4j", action="store_true")
    ap.add_argument("--only", help="comma-separated query labels to run")
    args = ap.parse_args()

    from unionkg.graph.store import open_store

    t0 = time.perf_counter()
    world = World(args.scale)
    exs = world.extractions()
    n_rel = len(world.relations)
    print(f"world: {len(world.entities)} nodes, {n_rel} relations, {len(exs)} documents "
          f"(generated in {time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    samples = world.samples(args.samples)
    if args.only:
        keep = set(args.only.split(","))
        samples = {k: v for k, v in samples.items() if k in keep or k.split()[0] in keep}
    results = []

    if not (args.reuse and os.path.exists(args.store)):
        if os.path.exists(args.store):
            os.remove(args.store)
        with open_store(args.store) as s:
            _write(s, exs, "sqlite")
    with open_store(args.store) as s:
        res = _measure(s, samples, "sqlite")
        _print(res)
        results += res

    if not args.no_neo4j:
        data_dir = None
        uri = args.neo4j or os.environ.get("NEO4J_URI")
        password = os.environ.get("NEO4J_PASSWORD")
        if not uri:
            from unionkg.graph import launcher

            data_dir = tempfile.mkdtemp(prefix="unionkg-bench-neo4j-")
            password = "bench-password"
            uri = launcher.start(port=_free_port(), data_dir=data_dir, password=password, heap="2g", pagecache_mb=1024)
        try:
            import neo4j

            from unionkg.graph import cypher

            if not args.neo4j_loaded:
                with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password or "")) as drv, drv.session() as sess:
                    sess.run(cypher.WIPE).consume()
            with open_store(neo4j_uri=uri, password=password) as s:
                if not args.neo4j_loaded:
                    _write(s, exs, "neo4j")
                res = _measure(s, samples, "neo4j")
                _print(res)
                results += res
        finally:
            if data_dir:
                from unionkg.graph import launcher

                launcher.stop(data_dir)
                shutil.rmtree(data_dir, ignore_errors=True)
    print("\nsummary")
    _print(results)


if __name__ == "__main__":
    main()
