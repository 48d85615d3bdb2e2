"""Analyst judgements (merge, split, reject, keep-apart, undo) survive rebuilds and full re-ingests, on both stores."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from unionkg.cli import main
from unionkg.graph.sqlite_store import SQLiteStore
from unionkg.ingest import judgements as J
from unionkg.ingest.resolve import Resolver
from unionkg.ingest.review import review_candidates
from unionkg.tests.resolution_corpus import corpus


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request, tmp_path):
    if request.param == "sqlite":
        s = SQLiteStore(tmp_path / "judge.db")
        yield s
        s.close()
    else:
        yield request.getfixturevalue("neo4j_store")


def _ingest(store):
    resolver = Resolver(store)
    for ex in corpus():
        store.write(resolver.resolve(ex), raw=ex)


def _full_reingest(store):
    """Delete every document, then ingest the articles again with a fresh resolver."""
    for d in store.documents():
        store.delete_document(d["id"])
    assert not [e for e in store.entities() if not e.get("reference")]
    _ingest(store)


def _ids(store, name):
    return sorted(e["id"] for e in store.find(name, "Person"))


def test_merge_split_reject_survive_reingest(any_store):
    store = any_store
    _ingest(store)
    yusof = _ids(store, "Ahmad Yusof")
    assert len(yusof) == 2
    zul = _ids(store, "Zulkifli Hamzah")
    assert len(zul) == 1
    vi_doc = next(d["id"] for d in store.documents() if d["source"].endswith("05-vi-vgcl-mtuc.txt"))

    jm = J.merge(store, yusof[0], [yusof[1]], author="tester")
    js = J.split(store, zul[0], documents=[vi_doc], author="tester")
    jr = J.reject(store, _ids(store, "Chan Dara")[0], author="tester")
    J.rebuild(store)

    def check():
        assert len(_ids(store, "Ahmad Yusof")) == 1
        zs = _ids(store, "Zulkifli Hamzah")
        assert len(zs) == 2 and J.split_node_id(zul[0], js) in zs
        split_docs = {ev["document"] for ev in store.evidence(J.split_node_id(zul[0], js))}
        assert split_docs == {vi_doc}
        assert _ids(store, "Chan Dara") == []
        assert not [r for r in store.relations("HOLDS_POSITION") if r["target"] == "org-ref-cctu"]

    check()
    _full_reingest(store)
    check()

    log = {j["id"]: j for j in store.judgements()}
    assert {log[jm]["op"], log[js]["op"], log[jr]["op"]} == {"merge", "split", "reject"}
    assert all(log[i]["author"] == "tester" and log[i]["time"] for i in (jm, js, jr))

    # undo brings the rejected person back; the other judgements still hold
    assert J.undo(store, jr)["id"] == jr
    J.rebuild(store)
    assert len(_ids(store, "Chan Dara")) == 1
    assert len(_ids(store, "Ahmad Yusof")) == 1


def test_distinct_pair_leaves_review(tmp_path):
    store = SQLiteStore(tmp_path / "d.db")
    _ingest(store)
    pairs = review_candidates(store)
    assert pairs and pairs == sorted(pairs, key=lambda p: -p["score"])
    top = pairs[0]
    assert top["a_sentences"] and top["b_sentences"]
    J.distinct(store, top["a"], top["b"], author="tester")
    assert (top["a"], top["b"]) not in {(p["a"], p["b"]) for p in review_candidates(store)}


def test_cli_judgements(tmp_path, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)  # --store must pick the embedded store
    db = str(tmp_path / "cli.db")
    with SQLiteStore(db) as s:
        _ingest(s)
        yusof = _ids(s, "Ahmad Yusof")
    monkeypatch.setenv("UNIONKG_AUTHOR", "analyst-a")
    run = CliRunner()
    r = run.invoke(main, ["entities", "merge", yusof[0], yusof[1], "--store", db, "--note", "same man"])
    assert r.exit_code == 0, r.output
    r = run.invoke(main, ["entities", "list", "--type", "Person", "--name", "yusof", "--format", "csv", "--store", db])
    assert r.output.count("Ahmad Yusof") == 1
    r = run.invoke(main, ["entities", "judgements", "--format", "json", "--store", db])
    assert '"analyst-a"' in r.output and '"same man"' in r.output
    r = run.invoke(main, ["entities", "show", yusof[0], "--format", "json", "--store", db])
    assert r.exit_code == 0 and "org-ref-ntuc" in r.output and "org-ref-mtuc" in r.output
    r = run.invoke(main, ["entities", "undo", "--store", db])
    assert r.exit_code == 0 and "undid judgement" in r.output
    r = run.invoke(main, ["entities", "list", "--type", "Person", "--name", "yusof", "--format", "csv", "--store", db])
    assert r.output.count("Ahmad Yusof") == 2
    r = run.invoke(main, ["entities", "review", "--format", "table", "--store", db])
    assert r.exit_code == 0 and "Ahmad Yusof" in r.output
    # bad input: one line naming the entity
    r = run.invoke(main, ["entities", "merge", "per-nope", yusof[0], "--store", db])
    assert r.exit_code == 2 and "per-nope" in r.output and len(r.output.strip().splitlines()) == 1
    r = run.invoke(main, ["entities", "reject", "org-ref-mtuc", "--store", db])
    assert r.exit_code == 2 and "reference" in r.output
