"""End to end: `unionkg ingest` (the rule extractor, then the resolver) over our own
id/ms/en/vi articles (tests/articles/resolution/) gives exactly the expected nodes."""

from __future__ import annotations

from click.testing import CliRunner

from unionkg.cli import main
from unionkg.graph.sqlite_store import SQLiteStore
from unionkg.tests.resolution_corpus import ARTICLES


def test_ingest_articles_resolves_across_languages(tmp_path, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    db = str(tmp_path / "e2e.db")
    r = CliRunner().invoke(main, ["ingest", str(ARTICLES), "--store", db, "--quiet"])
    assert r.exit_code == 0, r.output
    with SQLiteStore(db) as s:
        def ids(name, type_="Organization"):
            return sorted(e["id"] for e in s.find(name, type_))

        # one body, many names: en, ms, id, vi
        assert ids("MTUC") == ["org-ref-mtuc"]
        assert ids("Kongres Kesatuan Sekerja Malaysia") == ["org-ref-mtuc"]
        assert ids("Tổng Liên đoàn Lao động Việt Nam") == ids("Vietnam General Confederation of Labour") == ["org-ref-vgcl"]
        assert ids("NTUC") == ["org-ref-ntuc"]
        assert ids("KSBSI") == ["org-ref-ksbsi"]
        # traps: two FSPMIs, CCU is not CCTU
        fspmi = ids("FSPMI")
        assert len(fspmi) == 2 and "org-ref-fspmi" in fspmi
        maritime = next(i for i in fspmi if i != "org-ref-fspmi")
        assert "org-ref-kspsi" in {x["target"] for x in s.relations("AFFILIATED_WITH", source=maritime)}
        assert ids("CCU") == ["org-ref-ccu"] and ids("CCTU") == ["org-ref-cctu"]
        # every organisation read from the articles is a reference body, but the maritime FSPMI
        own = [e["id"] for e in s.entities("Organization") if not e.get("reference")]
        assert own == [maritime]
        # persons: 11 people, one of them printed three ways, one name shared by two people
        persons = s.entities("Person")
        assert len(persons) == 11, [p["name"] for p in persons]
        assert ids("Mohd Zulkifli Hamzah", "Person") == ids("Zulkifli Hamzah", "Person")
        assert len(ids("Zulkifli Hamzah", "Person")) == 1
        assert ids("Nguyen Thi Lan Huong", "Person") == ids("Nguyễn Thị Lan Hương", "Person")
        assert len(ids("Ahmad Yusof", "Person")) == 2


def test_judgements_survive_re_extraction(tmp_path, monkeypatch):
    """After an extractor upgrade (`entities rebuild --re-extract`) the analyst's merge and reject still hold."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    db = str(tmp_path / "e2e.db")
    run = CliRunner()
    assert run.invoke(main, ["ingest", str(ARTICLES), "--store", db, "--quiet"]).exit_code == 0
    with SQLiteStore(db) as s:
        yusof = sorted(e["id"] for e in s.find("Ahmad Yusof", "Person"))
        chan = s.find("Chan Dara", "Person")[0]["id"]
    assert run.invoke(main, ["entities", "merge", *yusof, "--store", db, "--author", "t"]).exit_code == 0
    assert run.invoke(main, ["entities", "reject", chan, "--store", db, "--author", "t"]).exit_code == 0
    r = run.invoke(main, ["entities", "rebuild", "--re-extract", "--store", db])
    assert r.exit_code == 0 and "re-extracted" in r.output
    with SQLiteStore(db) as s:
        assert len(s.find("Ahmad Yusof", "Person")) == 1
        assert s.find("Chan Dara", "Person") == []
        assert s.stats()["documents"] == 8
