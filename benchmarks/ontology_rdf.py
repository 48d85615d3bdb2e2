"""RDF export, SHACL validation and import speed on a generated graph.

    .venv/bin/python benchmarks/ontology_rdf.py [--documents 200] [--seed 7]

Each generated document (our own template wording) holds 4 organisations,
3 persons, an agreement, an event and a place with 10 relations and evidence,
written into a throwaway SQLite store. Prints seconds and triples per second
for store_to_rdf, validate (pyshacl) and import_rdf (wall clock and this
process's CPU time, which is the fairer figure on a shared machine), and
whether the round trip is isomorphic.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from rdflib.compare import isomorphic

from unionkg.graph.ids import compound_id, document_id, entity_id, relation_id
from unionkg.graph.model import Document, Entity, Evidence, Extraction, Relation
from unionkg.graph.store import open_store
from unionkg.ontology import rdf

WORDS = ["Logam", "Tekstil", "Kebun", "Angkutan", "Kimia", "Energi", "Pelabuhan", "Farmasi", "Kayu", "Semen"]
GIVEN = ["Budi", "Siti", "Rahmat", "Dewi", "Agus", "Nur", "Hendra", "Ayu", "Joko", "Lina"]
FAMILY = ["Santoso", "Hassan", "Wijaya", "Pratama", "Lestari", "Rahman", "Siregar", "Gunawan"]


def _doc(i: int, rng: random.Random) -> Extraction:
    w = rng.sample(WORDS, 3)
    orgs = [f"Serikat Pekerja {w[0]} {i % 37}", f"Federasi Serikat Pekerja {w[1]} {i % 23}",
            f"Konfederasi Pekerja {w[2]} {i % 7}", f"PT {w[0]} Jaya {i}"]
    people = [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {i % 41}" for _ in range(3)]
    text = (f"Dokumen {i}. {orgs[0]} dan {orgs[1]} menandatangani nota kesepahaman. Ketua Umum {people[0]} "
            f"bertemu Sekjen {people[1]} dan Bendahara {people[2]}. {orgs[1]} berafiliasi dengan {orgs[2]}.")
    ev = Evidence(0, len(text), text)
    kinds = ["union", "federation", "confederation", "company"]
    ents = [Entity(entity_id("Organization", n), "Organization", n, attrs={"kind": k, "members": 1000 + i},
                   evidence=[ev]) for n, k in zip(orgs, kinds)]
    ents += [Entity(entity_id("Person", n), "Person", n, evidence=[ev]) for n in people]
    o = [e.id for e in ents[:4]]
    p = [e.id for e in ents[4:]]
    date = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
    agr = Entity(compound_id("Agreement", "mou", date, o[:2]), "Agreement", f"MoU {i}",
                 attrs={"kind": "mou", "status": "signed", "date": date, "topics": ["training"]}, evidence=[ev])
    evt = Entity(compound_id("Event", "meeting", date, o[:2]), "Event", f"Pertemuan {i}",
                 attrs={"kind": "meeting", "date": date}, evidence=[ev])
    plc = Entity(entity_id("Place", f"Kota {i % 11}"), "Place", f"Kota {i % 11}", evidence=[ev])
    ents += [agr, evt, plc]
    rels = []
    for person, org, role in ((p[0], o[0], "general_chair"), (p[1], o[1], "secretary_general"), (p[2], o[1], "treasurer")):
        rels.append(Relation(relation_id("HOLDS_POSITION", person, org, role), "HOLDS_POSITION", person, org,
                             role=role, title=role, start="2024", evidence=[ev]))
    rels.append(Relation(relation_id("AFFILIATED_WITH", o[1], o[2]), "AFFILIATED_WITH", o[1], o[2], evidence=[ev]))
    rels.append(Relation(relation_id("AFFILIATED_WITH", o[0], o[1]), "AFFILIATED_WITH", o[0], o[1], evidence=[ev]))
    for org in o[:2]:
        rels.append(Relation(relation_id("PARTY_TO", org, agr.id), "PARTY_TO", org, agr.id, evidence=[ev]))
        rels.append(Relation(relation_id("PARTICIPATED_IN", org, evt.id), "PARTICIPATED_IN", org, evt.id,
                             evidence=[ev]))
    rels.append(Relation(relation_id("HELD_IN", evt.id, plc.id), "HELD_IN", evt.id, plc.id, evidence=[ev]))
    return Extraction(Document(document_id(text), f"gen/{i}.txt", text, f"Dokumen {i}", date, "id"), ents, rels)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(str(Path(tmp) / "a.db")) as store:
            for i in range(args.documents):
                store.write(_doc(i, rng))
            stats = store.stats()
            t, c = time.perf_counter(), time.process_time()
            g = rdf.store_to_rdf(store)
            t_export, c_export = time.perf_counter() - t, time.process_time() - c
        rdf.validate(rdf.store_to_rdf(open_store(":memory:")))  # load pyshacl and the shapes first
        t, c = time.perf_counter(), time.process_time()
        violations = rdf.validate(g)
        t_validate, c_validate = time.perf_counter() - t, time.process_time() - c
        with open_store(str(Path(tmp) / "b.db")) as store:
            t, c = time.perf_counter(), time.process_time()
            rdf.import_rdf(g, store)
            t_import, c_import = time.perf_counter() - t, time.process_time() - c
            same = isomorphic(g, rdf.store_to_rdf(store))
    n = len(g)
    print(f"documents {stats['documents']}, entities {sum(stats['entities'].values())}, "
          f"relations {sum(stats['relations'].values())}, triples {n}")
    for what, wall, cpu in (("store_to_rdf", t_export, c_export), ("validate", t_validate, c_validate),
                            ("import_rdf", t_import, c_import)):
        print(f"{what:13s} wall {wall:7.2f} s  cpu {cpu:7.2f} s  {n / cpu:8.0f} triples per cpu-second")
    print(f"violations: {len(violations)}")
    print(f"round trip isomorphic: {same}")


if __name__ == "__main__":
    main()
