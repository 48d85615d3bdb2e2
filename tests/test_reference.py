"""Reference data: the shipped file loads, ids/kinds/countries/parents are valid, import-reference via the CLI."""

from __future__ import annotations

from click.testing import CliRunner

from unionkg.cli import main
from unionkg.graph.sqlite_store import SQLiteStore
from unionkg.ingest.reference import load_reference, parse_reference_csv, reference_entities
from unionkg.ontology import vocab


def test_shipped_reference_is_valid():
    orgs = load_reference()
    ids = {o.id for o in orgs}
    assert len(ids) == len(orgs)
    # the bodies issue 5 names are all there, with their countries
    want = {"kspsi": "ID", "kspi": "ID", "ksbsi": "ID", "mtuc": "MY", "ntuc": "SG", "tucp": "PH", "vgcl": "VN",
            "lftu": "LA", "clc": "KH", "ctum": "MM", "kstl": "TL", "ttuc": "TH", "asean-tuc": None, "ituc": None,
            "ituc-ap": None, "ilo": None, "industriall": None, "kemnaker": "ID", "kesuma": "MY", "mom-sg": "SG",
            "dole": "PH", "molisa": "VN", "molvt": "KH"}
    by_id = {o.id: o for o in orgs}
    for rid, country in want.items():
        assert by_id[rid].country == country, rid
    for o in orgs:
        assert vocab.is_id("org_kind", o.kind), o
        assert all(p in ids for p in o.parent)
        assert o.wikidata is None or o.wikidata.startswith("Q")
    assert "Konfederasi Buruh Malaysia" in by_id["mtuc"].aliases
    assert "Tổng LĐLĐ Việt Nam" in by_id["vgcl"].aliases


def test_reference_entities_are_model_objects():
    ents, rels = reference_entities()
    assert all(e.id.startswith("org-ref-") and e.attrs["reference"] for e in ents)
    ituc_ap = next(r for r in rels if r.source == "org-ref-ituc-ap")
    assert ituc_ap.target == "org-ref-ituc" and ituc_ap.type == "AFFILIATED_WITH"


def test_bad_rows_are_one_line_each():
    text = ("name,aliases,country,kind,parent,wikidata\n"
            "Union of Testers,UOT,SG,union,NTUC,\n"
            ",x,SG,union,,\n"
            "Bad Country Union,,Singapore,union,,\n"
            "Bad Kind Union,,SG,guild,,\n"
            "Orphan Union,,SG,union,No Such Body,\n"
            "Bad Qid Union,,SG,union,,12345\n")
    orgs, errors = parse_reference_csv(text, "mine.csv", with_id=False, known_ids={"ntuc": "ntuc"})
    assert [o.name for o in orgs] == ["Union of Testers"]
    assert [e.split(":")[1] for e in errors] == ["3", "4", "5", "6", "7"]
    assert all(e.startswith("mine.csv:") and "\n" not in e for e in errors)


def test_import_reference_cli(tmp_path, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)  # --store must pick the embedded store
    csv = tmp_path / "mine.csv"
    csv.write_text("name,aliases,country,kind,parent,wikidata\n"
                   "Kesatuan Contoh Pelabuhan,KCP|Harbour Sample Union,MY,union,MTUC,\n"
                   "Broken,,MYS,union,,\n", encoding="utf-8")
    db = str(tmp_path / "g.db")
    r = CliRunner().invoke(main, ["import-reference", str(csv), "--store", db])
    assert r.exit_code == 1, r.output
    assert "mine.csv:3: country 'MYS'" in r.output
    with SQLiteStore(db) as s:
        found = s.find("KCP", "Organization")
        assert len(found) == 1 and found[0]["reference"] and found[0]["country"] == "MY"
        parents = s.relations("AFFILIATED_WITH", source=found[0]["id"])
        assert [p["target"] for p in parents] == ["org-ref-mtuc"]


def test_link_wikidata_offline_says_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    # an address nothing listens on stands for "no network"; no request leaves the machine
    monkeypatch.setenv("UNIONKG_WIKIDATA_API", "http://127.0.0.1:9/w/api.php")
    db = str(tmp_path / "g.db")
    r = CliRunner().invoke(main, ["link", "wikidata", "--online", "--store", db])
    assert r.exit_code == 0
    out = r.output.strip().splitlines()
    assert len(out) == 1 and "cannot reach Wikidata" in out[0]
    with SQLiteStore(db) as s:
        assert s.stats()["entities"] == {}  # it did nothing else (not even loading reference data)
