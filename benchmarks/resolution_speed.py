"""Resolution speed: the devset's gold extractions replayed N times as new documents.

    .venv/bin/python benchmarks/resolution_speed.py [--rounds 30]

Prints seconds spent resolving and writing (embedded store, in memory), per document.
"""

from __future__ import annotations

import argparse
import copy
import time

from unionkg.graph.model import Document
from unionkg.graph.store import open_store
from unionkg.ingest.resolve import Resolver
from unionkg.tests.resolution_corpus import DEVSET, gold_extraction


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    exs = [gold_extraction(f)[0] for f in sorted(DEVSET.glob("*.json"))]
    store = open_store(":memory:")
    t = time.perf_counter()
    resolver = Resolver(store)
    init = time.perf_counter() - t
    resolving = writing = 0.0
    n = 0
    for k in range(args.rounds):
        for ex in exs:
            e = copy.deepcopy(ex)
            e.document = Document(f"doc-{k}-{n}", f"replay-{k}-{n}", f"{e.document.text} {k}",
                                  language=e.document.language)
            t0 = time.perf_counter()
            out = resolver.resolve(e)
            t1 = time.perf_counter()
            store.write(out, raw=e)
            resolving += t1 - t0
            writing += time.perf_counter() - t1
            n += 1
    print(f"{n} documents: resolver start {init:.2f} s; resolving {resolving:.2f} s "
          f"({1000 * resolving / n:.1f} ms/doc); writing {writing:.2f} s ({1000 * writing / n:.1f} ms/doc)")
    print(f"store: {store.stats()['entities']}")


if __name__ == "__main__":
    main()
