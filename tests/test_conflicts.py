"""Contradictions stay side by side: two general chairs at once, member counts that differ."""

from __future__ import annotations

from unionkg.graph.sqlite_store import SQLiteStore
from unionkg.ingest.resolve import Resolver
from unionkg.queries.conflicts import find_conflicts
from unionkg.tests.resolution_corpus import build


def _ksbsi(file, person, members, start=None, end=None):
    ex = build(file, "id",
               orgs=[{"name": "KSBSI" if "b" in file[-6:] else "Konfederasi Serikat Buruh Sejahtera Indonesia",
                      "aliases": [] if "b" in file[-6:] else ["KSBSI"], "country": "ID", "kind": "confederation"}],
               persons=[{"name": person}],
               posts=[(person, "general_chair", "KSBSI" if "b" in file[-6:] else
                       "Konfederasi Serikat Buruh Sejahtera Indonesia")])
    org = next(e for e in ex.entities if e.type == "Organization")
    org.attrs["members"] = members
    ex.relations[0].start, ex.relations[0].end = start, end
    return ex


def test_two_general_chairs_and_member_counts(tmp_path):
    with SQLiteStore(tmp_path / "c.db") as store:
        r = Resolver(store)
        for ex in (_ksbsi("07-id-ksbsi-ketua-a.txt", "Markus Tambunan", 250000),
                   _ksbsi("08-id-ksbsi-ketua-b.txt", "Sarah Panjaitan", 180000, start="2026-04-05")):
            store.write(r.resolve(ex), raw=ex)
        rows = find_conflicts(store)
        post = [c for c in rows if c["kind"] == "post"]
        assert len(post) == 1 and post[0]["entity"] == "org-ref-ksbsi" and post[0]["key"] == "general_chair"
        assert {v["value"] for v in post[0]["values"]} == {"Markus Tambunan", "Sarah Panjaitan"}
        assert all(len(v["documents"]) == 1 for v in post[0]["values"])
        members = [c for c in rows if c["kind"] == "attribute" and c["key"] == "members"]
        assert len(members) == 1
        assert sorted(v["value"] for v in members[0]["values"]) == [180000, 250000]
        # the reference data's own country/kind never count as a disagreement
        assert not [c for c in rows if c["key"] in ("country", "kind")]


def test_successive_chairs_are_no_conflict(tmp_path):
    with SQLiteStore(tmp_path / "c.db") as store:
        r = Resolver(store)
        for ex in (_ksbsi("07-id-ksbsi-ketua-a.txt", "Markus Tambunan", 250000, start="2020-01-01", end="2025-12-31"),
                   _ksbsi("08-id-ksbsi-ketua-b.txt", "Sarah Panjaitan", 250000, start="2026-04-05")):
            store.write(r.resolve(ex), raw=ex)
        assert find_conflicts(store) == []


def test_former_chair_and_year_precision_are_no_conflict(tmp_path):
    with SQLiteStore(tmp_path / "c.db") as store:
        r = Resolver(store)
        # "mantan Ketua Umum" (an end, no start) and an undated current chair: a succession
        for ex in (_ksbsi("07-id-ksbsi-ketua-a.txt", "Markus Tambunan", 250000, end="2026-04-05"),
                   _ksbsi("08-id-ksbsi-ketua-b.txt", "Sarah Panjaitan", 250000)):
            store.write(r.resolve(ex), raw=ex)
        assert find_conflicts(store) == []
    with SQLiteStore(tmp_path / "d.db") as store:
        r = Resolver(store)
        # term "2026-2031" against an end on 2026-04-05: the year cannot say they overlapped
        for ex in (_ksbsi("07-id-ksbsi-ketua-a.txt", "Markus Tambunan", 250000, end="2026-04-05"),
                   _ksbsi("08-id-ksbsi-ketua-b.txt", "Sarah Panjaitan", 250000, start="2026", end="2031")):
            store.write(r.resolve(ex), raw=ex)
        assert find_conflicts(store) == []
