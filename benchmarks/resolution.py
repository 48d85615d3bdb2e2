"""Merge precision and recall of cross-document resolution on the shared devset.

    .venv/bin/python benchmarks/resolution.py [--devset ../shared/devset] [--extractor]

Each devset file's gold annotations become one extraction (organisations with
aliases, country and kind; persons; posts; affiliations — local ids as the
extractor makes them), or, with ``--extractor``, the rule extractor's output
for the text. All are resolved into a fresh store in file order.

Gold identity across files: two mentions are one entity when one of their
folded names/aliases agree (the devset scoring rule). Over every pair of
mentions from *different* files: precision = pairs put on one node that are
one entity / pairs put on one node; recall = pairs that are one entity and put
on one node / pairs that are one entity. Also prints whether the ten bodies of
issue 5 ended as exactly one node each.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from unionkg.graph.ids import fold
from unionkg.graph.store import open_store
from unionkg.ingest.names import person_tokens
from unionkg.ingest.resolve import Resolver
from unionkg.tests.resolution_corpus import gold_extraction

BODIES = ["KSPSI", "KSPI", "KSBSI", "VGCL", "LFTU", "MTUC", "NTUC", "TUCP", "CLC", "ASEAN TUC"]


def _key(type_: str, name: str) -> str:
    return " ".join(person_tokens(name)) if type_ == "Person" else fold(name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", default=str(Path(__file__).resolve().parents[2] / "shared" / "devset"))
    ap.add_argument("--extractor", action="store_true", help="resolve the rule extractor's output, not gold")
    args = ap.parse_args()
    files = sorted(Path(args.devset).glob("*.json"))
    store = open_store(":memory:")
    resolver = Resolver(store)
    # mention -> (file index, type, names, resolved node)
    rows = []
    for i, f in enumerate(files):
        ex, mentions = gold_extraction(f)
        if args.extractor:
            from unionkg.ingest.pipeline import default_extractor

            ex = default_extractor().extract(ex.document)
        resolved = resolver.resolve(ex)
        store.write(resolved, raw=ex)
        for type_, name, names in mentions:
            keys = {_key(type_, n) for n in names} - {""}
            node = None
            for e in resolved.entities:
                if e.type == type_ and keys & {_key(type_, n) for n in [e.name, *e.aliases]}:
                    node = e.id
                    break
            rows.append((i, type_, keys, node))
    # gold clusters: union-find over shared keys
    parent = list(range(len(rows)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in itertools.combinations(range(len(rows)), 2):
        if rows[a][1] == rows[b][1] and rows[a][2] & rows[b][2]:
            parent[find(a)] = find(b)
    tp = fp = fn = 0
    for a, b in itertools.combinations(range(len(rows)), 2):
        ra, rb = rows[a], rows[b]
        if ra[0] == rb[0] or ra[1] != rb[1]:
            continue
        same_gold = find(a) == find(b)
        same_pred = ra[3] is not None and ra[3] == rb[3]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"files: {len(files)}  mentions: {len(rows)}  cross-file gold pairs: {tp + fn}")
    print(f"merge precision: {precision:.3f}  recall: {recall:.3f}  (tp={tp} fp={fp} fn={fn})")
    for body in BODIES:
        nodes = {e['id'] for e in store.find(body, 'Organization')}
        print(f"  {body:10s} nodes: {len(nodes)} {sorted(nodes)}")
    multi = {}
    for r in rows:
        if r[1] == "Person":
            multi.setdefault(find(rows.index(r)), []).append(r)
    people = [v for v in multi.values() if len({x[0] for x in v}) > 1]
    split_people = [sorted(v[0][2])[0] for v in people if len({x[3] for x in v}) > 1]
    print(f"persons in several files: {len(people)}; on more than one node: {len(split_people)} {split_people}")
    if fp:
        for a, b in itertools.combinations(range(len(rows)), 2):
            ra, rb = rows[a], rows[b]
            if ra[0] != rb[0] and ra[1] == rb[1] and ra[3] and ra[3] == rb[3] and find(a) != find(b):
                print(f"  false merge: {sorted(ra[2])[0]!r} (file {ra[0]}) ~ {sorted(rb[2])[0]!r} (file {rb[0]}) -> {ra[3]}")
    if fn:
        seen = set()
        for a, b in itertools.combinations(range(len(rows)), 2):
            ra, rb = rows[a], rows[b]
            if ra[0] != rb[0] and ra[1] == rb[1] and find(a) == find(b) and (ra[3] is None or ra[3] != rb[3]):
                key = (ra[3], rb[3])
                if key not in seen:
                    seen.add(key)
                    print(f"  missed merge: {sorted(ra[2])[0]!r} (file {ra[0]}) -> {ra[3]} ~ "
                          f"{sorted(rb[2])[0]!r} (file {rb[0]}) -> {rb[3]}")


if __name__ == "__main__":
    main()
