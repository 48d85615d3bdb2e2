"""The shared devset (gold annotations as extractions, resolved in file order):
one node for each national centre issue 5 names, one node per person met in several files."""

from __future__ import annotations

import pytest

from unionkg.graph.ids import fold
from unionkg.graph.sqlite_store import SQLiteStore
from unionkg.ingest.names import person_tokens
from unionkg.ingest.resolve import Resolver
from unionkg.tests.resolution_corpus import DEVSET, gold_extraction

pytestmark = pytest.mark.skipif(not DEVSET.is_dir(), reason="the shared devset is not here")

BODIES = ["KSPSI", "KSPI", "KSBSI", "VGCL", "LFTU", "MTUC", "NTUC", "TUCP", "CLC", "ASEAN TUC"]


def test_devset_resolves_bodies_and_people(tmp_path):
    files = sorted(DEVSET.glob("*.json"))
    assert len(files) >= 15
    seen: dict[str, set[int]] = {}
    with SQLiteStore(tmp_path / "dev.db") as store:
        resolver = Resolver(store)
        for i, f in enumerate(files):
            ex, mentions = gold_extraction(f)
            store.write(resolver.resolve(ex), raw=ex)
            for type_, name, _names in mentions:
                if type_ == "Person":
                    seen.setdefault(" ".join(person_tokens(name)), set()).add(i)
        for body in BODIES:
            assert len(store.find(body, "Organization")) == 1, body
        # full names of persons printed in two or more files
        several = [n for n, fs in seen.items() if len(fs) > 1]
        assert len(several) >= 10
        persons = store.entities("Person")
        for n in several:
            nodes = [p for p in persons if any(" ".join(person_tokens(x)) == n for x in [p["name"], *p["aliases"]])]
            assert len(nodes) == 1, (n, [p["id"] for p in nodes])
        # and nobody was merged with someone else: as many person nodes as distinct gold people
        assert len(persons) == len({k for k in seen}) - _short_forms(seen)


def _short_forms(seen: dict[str, set[int]]) -> int:
    """Gold names that are the short form of another gold name of the same person
    (Jasmine Koh / Jasmine Koh Li Ying): they count once."""
    names = [tuple(n.split()) for n in seen]
    return sum(1 for a in names if any(a != b and len(a) >= 2 and b[: len(a)] == a for b in names))
