"""Named queries on a small hand-made graph (tests/querygraph.py), through the public API,
on the embedded store and on Neo4j (``neo4j_store`` fixture, a real server over Bolt),
plus a parity check that both backends return identical rows for every query."""

from __future__ import annotations

import json

import pytest

import unionkg
from unionkg.graph.sqlite_store import SQLiteStore
from unionkg.queries import QUERIES, QueryError, run
from unionkg.tests.querygraph import build, shown


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = build(SQLiteStore(tmp_path / "q.db"))
        yield s
        s.close()
    else:
        yield build(request.getfixturevalue("neo4j_store"))


def _names(rows, key):
    return [r[key] for r in rows]


def _sentences(row):
    return [s["sentence"] for s in row["sources"]]


def test_officials_lists_posts_in_the_organisation_and_its_units_with_sources(store):
    rows = run(store, "officials", org="KSPN")
    got = [(r["organisation"], r["person"], r["role"]) for r in rows]
    kspn = rows[0]["organisation"]
    assert got[:3] == [(kspn, "Rahmat Hidayat", "president"), (kspn, "Dewi Kartika", "vice_president"),
                       (kspn, "Lina Marlina", "vice_president")]
    assert got[3] == ("Departemen Hukum KSPN", "Joko Susilo", "head") and rows[3]["unit_of"] == kspn
    # the affiliated federation is not a unit: its chair is not an official of KSPN
    assert "Budi Santoso" not in _names(rows, "person") and len(rows) == 4
    assert _sentences(rows[0]) == ["Presiden Konfederasi Serikat Pekerja Nusantara (KSPN) Rahmat Hidayat membuka "
                                   "rapat di Jakarta."]
    assert rows[0]["sources"][0]["source"] == "doc1.txt"
    assert all(r["sources"] for r in rows)


def test_officials_as_of_a_date_keeps_the_posts_held_then(store):
    before = _names(run(store, "officials", org="KSPN", as_of="2023-05"), "person")
    after = _names(run(store, "officials", org="Konfederasi Serikat Pekerja Nusantara", as_of="2025-06-01"), "person")
    assert "Lina Marlina" in before and "Dewi Kartika" not in before
    assert "Dewi Kartika" in after and "Lina Marlina" not in after
    assert _names(run(store, "officials", org="kspn", units=False), "organisation") == [run(store, "officials", org="KSPN")[0]["organisation"]] * 3


def test_posts_resolves_a_partial_name_and_lists_every_post(store):
    rows = run(store, "posts", person="Rahmat")
    assert [(r["role"], r["country"]) for r in rows] == [("advisor", "ID"), ("president", "ID")]
    assert {r["person"] for r in rows} == {"Rahmat Hidayat"}


def test_an_ambiguous_name_lists_its_candidates_instead_of_guessing(store):
    with pytest.raises(QueryError) as err:
        run(store, "posts", person="Budi")
    msg = str(err.value)
    assert "ambiguous" in msg and "Budi Santoso" in msg and "Budi Hartono" in msg and "per-" in msg
    assert "\n" not in msg
    with pytest.raises(QueryError, match="no person named 'Nobody'"):
        run(store, "posts", person="Nobody")


def test_parameters_are_validated(store):
    with pytest.raises(QueryError, match="unknown parameter 'asof'"):
        run(store, "officials", org="KSPN", asof="2025")
    with pytest.raises(QueryError, match="'2025-13-01' is not a date"):
        run(store, "officials", org="KSPN", as_of="2025-13-01")
    with pytest.raises(QueryError, match="required"):
        run(store, "posts")
    with pytest.raises(QueryError, match="not one of"):
        run(store, "agreements", status="done")
    with pytest.raises(QueryError, match="unknown query"):
        run(store, "leaders")


def test_affiliations_give_the_parent_chain_and_the_affiliates_tree(store):
    up = run(store, "affiliations", org="FBL")
    assert [(r["direction"], r["level"], r["organisation"]) for r in up][0] == ("parent", -2, shown(store, "ARTC"))
    assert up[1]["level"] == -1 and up[1]["of"] == shown(store, "FBL")
    down = run(store, "affiliations", org="ARTC")
    assert [(r["level"], r["organisation"]) for r in down][1:] == [(2, "Departemen Hukum KSPN"), (2, shown(store, "FBL"))]
    assert all(r["sources"] for r in up + down)


def test_interlocks_find_persons_with_posts_in_two_organisations(store):
    rows = run(store, "interlocks")
    assert {r["person"] for r in rows} == {"Rahmat Hidayat"}
    assert [r["organisations"] for r in rows] == [2, 2]
    assert run(store, "interlocks", country="VN") == []


def test_agreements_and_events_filter_by_org_country_status_and_dates(store):
    agr = run(store, "agreements", country="MY")
    assert len(agr) == 1 and agr[0]["countries"] == ["ID", "MY"] and agr[0]["date"] == "2025-03-10"
    assert "memorandum of understanding" in _sentences(agr[0])[0]
    assert run(store, "agreements", org="MWC", status="signed") == agr
    assert run(store, "agreements", country="VN") == []
    timeline = run(store, "events")
    assert _names(timeline, "date") == ["2025-03-10", "2025-06-01"]
    assert _names(run(store, "events", since="2025-04"), "date") == ["2025-06-01"]
    assert _names(run(store, "events", until="2025-03"), "date") == ["2025-03-10"]
    assert _names(run(store, "events", country="VN"), "date") == ["2025-06-01"]
    assert _names(run(store, "events", person="Siti Aminah", org="KSPN"), "date") == ["2025-03-10"]
    with pytest.raises(QueryError, match="after until"):
        run(store, "events", since="2025-06", until="2025-01")


def test_path_runs_through_the_relations_in_order(store):
    rows = run(store, "path", **{"from": "Siti Aminah", "to": "Tran Van Binh"})
    names = [rows[0]["from"]] + [r["to"] for r in rows]
    assert names[0] == "Siti Aminah" and names[-1] == "Tran Van Binh"
    assert len(rows) == 4 and shown(store, "MWC") in names
    for a, b in zip(rows, rows[1:]):
        assert a["to_id"] == b["from_id"]
    assert all(r["sources"] for r in rows)
    # places do not connect unless asked
    assert all(r["relation"] != "HELD_IN" for r in run(store, "path", **{"from": "Kuala Lumpur", "to": "KSPN"})) is True
    assert run(store, "path", **{"from": "Kuala Lumpur", "to": "KSPN"}) == []
    via = run(store, "path", **{"from": "Kuala Lumpur", "to": "KSPN", "via_places": "true"})
    assert via[0]["relation"] == "HELD_IN" and len(via) == 2


def test_neighbours_by_depth(store):
    one = run(store, "neighbours", name="Siti Aminah")
    assert sorted(_names(one, "type")) == ["Event", "Organization"]
    two = run(store, "neighbours", name="Siti Aminah", depth=2)
    assert {r["depth"] for r in two} == {1, 2} and shown(store, "KSPN") in _names(two, "entity")


def test_cooperation_counts_agreements_and_events_per_country_pair(store):
    rows = run(store, "cooperation")
    assert [(r["country_a"], r["country_b"], r["agreements"], r["events"]) for r in rows] == [
        ("ID", "MY", 1, 1), ("MY", "VN", 0, 1)]
    assert all(r["sources"] for r in rows)
    assert [r["country_b"] for r in run(store, "cooperation", country="VN")] == ["VN"]


def test_sources_for_an_entity_or_a_relation(store):
    rows = run(store, "sources", of="Siti Aminah")
    assert [r["sentence"] for r in rows] == ["MWC president Siti Aminah and Rahmat Hidayat met before the signing."]
    rel = run(store, "posts", person="Siti Aminah")[0]["relation_id"]
    assert run(store, "sources", of=rel)[0]["source"] == "doc2.txt"


def test_python_api_opens_a_store_and_runs_queries(tmp_path):
    with unionkg.open(str(tmp_path / "api.db")) as s:
        build(s)
        assert run(s, "posts", person="Tran Van Binh")[0]["role"] == "president"


# -- parity ---------------------------------------------------------------------

PARITY_CASES = [
    ("officials", {"org": "KSPN"}), ("officials", {"org": "KSPN", "as_of": "2023"}),
    ("posts", {"person": "Rahmat Hidayat"}), ("affiliations", {"org": "FBL"}), ("affiliations", {"org": "ARTC"}),
    ("interlocks", {}), ("agreements", {}), ("agreements", {"country": "ID"}), ("events", {}),
    ("events", {"org": "MWC", "since": "2025"}), ("path", {"from": "Joko Susilo", "to": "Tran Van Binh"}),
    ("neighbours", {"name": "MWC", "depth": 2}), ("cooperation", {}), ("conflicts", {}),
    ("sources", {"of": "Rahmat Hidayat"}),
]


def test_parity_cases_cover_every_named_query():
    assert {name for name, _ in PARITY_CASES} == set(QUERIES)


def _outcome(s, name, params):
    try:
        return json.dumps(run(s, name, **params), sort_keys=True, ensure_ascii=False, default=str)
    except QueryError as exc:
        return f"error: {exc}"


@pytest.mark.neo4j
def test_every_query_gives_identical_rows_on_sqlite_and_neo4j(tmp_path, request):
    neo = build(request.getfixturevalue("neo4j_store"))
    with SQLiteStore(tmp_path / "parity.db") as lite:
        build(lite)
        for name, params in PARITY_CASES:
            assert _outcome(lite, name, params) == _outcome(neo, name, params), (name, params)


def test_limit_keeps_the_first_rows_in_order(store):
    assert len(run(store, "interlocks", limit=1)) == 1
    assert run(store, "interlocks", limit=1) == run(store, "interlocks")[:1]
    assert run(store, "events", limit=1) == run(store, "events")[:1]
    assert run(store, "agreements", country="MY", limit=1) == run(store, "agreements", country="MY")


class _InterfaceOnly:
    """The store seen only through the Store interface (no native fast paths)."""

    backend = "interface"

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        if name in ("db", "_read"):
            raise AttributeError(name)
        return getattr(self._store, name)


def test_native_fast_paths_agree_with_the_interface(store):
    plain = _InterfaceOnly(store)
    for name, params in PARITY_CASES + [("interlocks", {"country": "ID", "limit": 1}),
                                        ("events", {"country": "MY", "since": "2025-03", "until": "2025-03-31"}),
                                        ("agreements", {"status": "signed", "limit": 5})]:
        assert _outcome(plain, name, params) == _outcome(store, name, params), (name, params)


def test_fuzzy_names_match_whole_words_or_close_spellings_only(store):
    with pytest.raises(QueryError, match="no person named"):
        run(store, "posts", person="Rahma")  # a word prefix is not a name
    assert run(store, "posts", person="Rahmat Hidayt")[0]["person"] == "Rahmat Hidayat"  # a close spelling
