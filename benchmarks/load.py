"""Load a generated graph into Neo4j: the batched writer against a naive one, in one run.

    .venv/bin/python benchmarks/load.py                      # starts its own Neo4j (launcher)
    .venv/bin/python benchmarks/load.py --uri bolt://127.0.0.1:7687 --wipe

The graph: ``--entities`` (default 20 000) organisations, persons, events,
agreements and places and ``--relations`` (default 60 000) relations of the
six model types with derived ids, reproducible from ``--seed``.

- batched: the store's writers (``cypher.merge_entities`` /
  ``cypher.merge_relations``): ``UNWIND $rows`` batches of ``--batch`` rows,
  each batch one ``execute_write`` transaction, MERGE on the constrained
  entity ``id`` and the derived relation ``id``;
- naive: the same MERGE, one statement (and one auto-commit transaction)
  per relation, on a sample of ``--naive`` relations;
- store: ``Neo4jStore.write`` of ``--documents`` whole documents (entities,
  relations, names, claims, evidence; one transaction each), the path
  ``unionkg ingest`` takes.

A short warm-up load (then wiped) comes first: the JVM's first batches run
several times slower until its JIT has compiled the hot paths.
Prints relations/s for each and the batched/naive ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import sys
import tempfile
import time
from collections import defaultdict
from typing import Any, Callable

from unionkg.graph import cypher
from unionkg.graph.ids import document_id, entity_id, relation_id
from unionkg.graph.model import Document, Entity, Evidence, Extraction, Relation

__all__ = ["generate", "main"]

# (type, share of the entities)
ENTITY_MIX = [("Organization", 0.4), ("Person", 0.4), ("Event", 0.1), ("Agreement", 0.05), ("Place", 0.05)]
# (relation type, source type, target type, role choices, share of the relations)
RELATION_MIX = [
    ("HOLDS_POSITION", "Person", "Organization", ["chair", "secretary_general", "member"], 0.35),
    ("AFFILIATED_WITH", "Organization", "Organization", [None], 0.2),
    ("PARTICIPATED_IN", "Person", "Event", ["speaker", None], 0.15),
    ("PARTY_TO", "Organization", "Agreement", [None], 0.1),
    ("HELD_IN", "Event", "Place", [None], 0.05),
    ("BASED_IN", "Organization", "Place", [None], 0.15),
]


def generate(n_entities: int, n_relations: int, seed: int = 7, prefix: str = "") -> tuple[list[dict], list[dict]]:
    """Entity rows ``{id, type, name}`` and relation rows ``{id, type, source, target, role}``."""
    rng = random.Random(seed)
    by_type: dict[str, list[str]] = defaultdict(list)
    entities = []
    for entity_type, share in ENTITY_MIX:
        for i in range(max(1, int(n_entities * share))):
            name = f"{prefix}{entity_type} {i:06d}"
            eid = entity_id(entity_type, name)
            by_type[entity_type].append(eid)
            entities.append({"id": eid, "type": entity_type, "name": name})
    relations: dict[str, dict[str, Any]] = {}
    for rel_type, src_type, dst_type, roles, share in RELATION_MIX:
        want = len(relations) + int(n_relations * share)
        while len(relations) < want:
            source, target = rng.choice(by_type[src_type]), rng.choice(by_type[dst_type])
            if source == target:
                continue
            role = rng.choice(roles)
            rid = relation_id(rel_type, source, target, role)
            relations[rid] = {"id": rid, "type": rel_type, "source": source, "target": target, "role": role}
    return entities, list(relations.values())


def _batches(rows: list[dict], size: int):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _write(driver: Any, database: str | None, query: str, rows: list[dict]) -> None:
    with driver.session(database=database) as session:
        session.execute_write(lambda tx: tx.run(query, rows=rows).consume())


def _load_batched(driver: Any, database: str | None, rows: list[dict], batch: int,
                  statement: Callable[[str], str]) -> float:
    """The batched writer: rows grouped by ``type``, one ``statement(type)`` per
    batch of ``batch`` rows; returns seconds."""
    t0 = time.perf_counter()
    by_type: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_type[row["type"]].append(row)
    for row_type, typed in by_type.items():
        for chunk in _batches(typed, batch):
            _write(driver, database, statement(row_type), chunk)
    return time.perf_counter() - t0


def load_entities(driver: Any, database: str | None, entities: list[dict], batch: int) -> float:
    """The batched entity writer; returns seconds."""
    return _load_batched(driver, database, entities, batch, cypher.merge_entities)


def load_relations(driver: Any, database: str | None, relations: list[dict], batch: int) -> float:
    """The batched relation writer; returns seconds."""
    return _load_batched(driver, database, relations, batch, cypher.merge_relations)


def load_naive(driver: Any, database: str | None, relations: list[dict]) -> float:
    """One MERGE statement per relation, each its own auto-commit transaction."""
    t0 = time.perf_counter()
    with driver.session(database=database) as session:
        for row in relations:
            session.run(cypher.naive_merge_relation(row["type"]), **{k: row[k] for k in
                        ("id", "source", "target", "role")}).consume()
    return time.perf_counter() - t0


def documents(n_docs: int, per_doc: int, seed: int = 11) -> list[Extraction]:
    """Small articles for the store path: each names ``per_doc`` people holding positions."""
    rng = random.Random(seed)
    out = []
    for d in range(n_docs):
        ents, rels = {}, []
        text = f"Report {d}.\n\n"
        for k in range(per_doc):
            org = f"Federation {rng.randrange(2000):04d}"
            person = f"Person {rng.randrange(20000):05d}"
            sentence = f"{person} chairs the {org}. "
            start = len(text)
            text += sentence
            o = ents.setdefault(org, Entity(entity_id("Organization", org), "Organization", org,
                                            attrs={"kind": "federation"}))
            p = ents.setdefault(person, Entity(entity_id("Person", person), "Person", person))
            o.evidence.append(Evidence(start + sentence.index(org), start + sentence.index(org) + len(org), org))
            p.evidence.append(Evidence(start, start + len(person), person))
            rid = relation_id("HOLDS_POSITION", p.id, o.id, "chair")
            rels.append(Relation(rid, "HOLDS_POSITION", p.id, o.id, role="chair",
                                 evidence=[Evidence(start, start + len(sentence) - 1, sentence.strip())]))
        doc = Document(document_id(text), f"bench-{d}.txt", text, title=f"Report {d}", published="2025-01-01")
        unique = {r.id: r for r in rels}
        out.append(Extraction(doc, list(ents.values()), list(unique.values())))
    return out


class Meter:
    """Wall time, this process's CPU time and (when its pid is known, Linux) the
    Neo4j JVM's CPU time over a block. On a machine shared with other work the
    wall time stretches, while relations per CPU-second (client + server, which
    work in turn for one session) stay an estimate of the idle machine's speed."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid

    def _server_cpu(self) -> float | None:
        if not self.server_pid:
            return None
        try:
            fields = open(f"/proc/{self.server_pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime, all threads

    def __enter__(self) -> "Meter":
        self.wall0, self.cpu0, self.srv0 = time.perf_counter(), time.process_time(), self._server_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.client = time.process_time() - self.cpu0
        srv = self._server_cpu()
        self.server = srv - self.srv0 if srv is not None and self.srv0 is not None else None

    def cpu_note(self, n: int) -> str:
        if self.server is None:
            return f"client CPU {self.client:.2f} s"
        return (f"CPU client {self.client:.2f} s + server {self.server:.2f} s = "
                f"{n / (self.client + self.server):,.0f} relations per CPU-second")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wipe(driver: Any, database: str | None) -> None:
    with driver.session(database=database) as session:
        session.run(cypher.WIPE).consume()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"), help="Neo4j URI (default: start one)")
    parser.add_argument("--user", default=os.environ.get("NEO4J_USERNAME", "neo4j"))
    parser.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD"))
    parser.add_argument("--database", default=os.environ.get("NEO4J_DATABASE"))
    parser.add_argument("--wipe", action="store_true", help="allow emptying a non-empty database given by --uri")
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--relations", type=int, default=60_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=1_000, help="relations written by the naive writer")
    parser.add_argument("--documents", type=int, default=100, help="documents written through Neo4jStore.write")
    parser.add_argument("--per-doc", type=int, default=30, help="relations per document for the store path")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--server-pid", type=int, default=None,
                        help="pid of the Neo4j JVM given by --uri, to report its CPU time (Linux)")
    args = parser.parse_args(argv)

    from unionkg.graph import launcher
    from unionkg.graph.neo4j_store import Neo4jStore

    data_dir = None
    uri = args.uri
    if not uri:
        data_dir = tempfile.mkdtemp(prefix="unionkg-bench-neo4j-")
        t = time.perf_counter()
        uri = launcher.start(port=_free_port(), data_dir=data_dir, password=args.password)
        print(f"started Neo4j {launcher.NEO4J_VERSION} at {uri} in {time.perf_counter() - t:.1f} s")
        args.server_pid = launcher.status(data_dir)["pid"]
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    try:
        store = Neo4jStore(uri, args.user, args.password, args.database)  # creates constraints and indexes
        driver, db = store.driver, store.database
        nodes = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=db).records[0]["n"]
        if nodes and args.uri and not args.wipe:
            print(f"{uri} holds {nodes} nodes; pass --wipe to let the benchmark empty it", file=sys.stderr)
            return 2
        _wipe(driver, db)

        t = time.perf_counter()
        entities, relations = generate(args.entities, args.relations, args.seed)
        print(f"generated {len(entities)} entities, {len(relations)} relations in {time.perf_counter() - t:.1f} s")
        # warm-up: a graph of the same size (other ids), then wiped
        warm_e, warm_r = generate(args.entities, args.relations, args.seed + 1, prefix="warm ")
        load_entities(driver, db, warm_e, args.batch)
        load_relations(driver, db, warm_r, args.batch)
        _wipe(driver, db)

        t_ent = load_entities(driver, db, entities, args.batch)
        with Meter(args.server_pid) as m_rel:
            t_rel = load_relations(driver, db, relations, args.batch)
        batched = len(relations) / t_rel
        print(f"batched  entities {len(entities):>6} in {t_ent:6.2f} s = {len(entities) / t_ent:8.0f} entities/s")
        print(f"batched  relations {len(relations):>5} in {t_rel:6.2f} s = {batched:8.0f} relations/s"
              f"  (UNWIND batches of {args.batch})")
        print(f"         {m_rel.cpu_note(len(relations))}")
        again = load_relations(driver, db, relations, args.batch)
        print(f"batched  re-load (all MERGEs match) {len(relations) / again:8.0f} relations/s")
        counted = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n", database_=db).records[0]["n"]
        assert counted == len(relations), (counted, len(relations))

        # naive: fresh relations between the loaded entities (new ids, so every MERGE creates)
        _, extra = generate(args.entities, args.relations + args.naive, args.seed + 2)
        known = {r["id"] for r in relations}
        sample = [r for r in extra if r["id"] not in known][: args.naive]
        with Meter(args.server_pid) as m_naive:
            t_naive = load_naive(driver, db, sample)
        naive = len(sample) / t_naive
        print(f"naive    relations {len(sample):>5} in {t_naive:6.2f} s = {naive:8.0f} relations/s"
              "  (one MERGE statement and transaction each)")
        print(f"         {m_naive.cpu_note(len(sample))}")
        print(f"ratio    batched / naive = {batched / naive:.1f}x")

        if args.documents:
            _wipe(driver, db)
            docs = documents(args.documents, args.per_doc)
            store.write(documents(1, args.per_doc, seed=99)[0])  # plan the store's statements once
            _wipe(driver, db)
            t = time.perf_counter()
            for ex in docs:
                store.write(ex)
            t_docs = time.perf_counter() - t
            n_rel = sum(len(ex.relations) for ex in docs)
            print(f"store    {len(docs)} documents ({n_rel} relations with evidence) in {t_docs:6.2f} s = "
                  f"{len(docs) / t_docs:6.1f} documents/s, {n_rel / t_docs:6.0f} relations/s  (Neo4jStore.write)")
        store.close()
        print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        if data_dir:
            launcher.stop(data_dir)
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
