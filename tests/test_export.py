"""`unionkg export`, `unionkg validate`, `unionkg import-rdf` through the CLI, and graph.export."""

from __future__ import annotations

import csv
import io
import zipfile

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from unionkg.cli import main
from unionkg.graph.export import FORMATS, export
from unionkg.graph.store import open_store
from unionkg.tests import rdf_sample


@pytest.fixture()
def store_path(tmp_path):
    path = str(tmp_path / "sample.db")
    with open_store(path) as store:
        rdf_sample.build(store)
    return path


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _counts(store_path):
    with open_store(store_path) as store:
        return len(store.entities()), len(store.relations()), sum(
            len(store.evidence(f["id"])) for f in store.entities() + store.relations())


def test_export_turtle_and_jsonld_parse_with_two_parsers(store_path, tmp_path):
    for fmt, suffix, ox in (("turtle", "ttl", pyoxigraph.RdfFormat.TURTLE),
                            ("jsonld", "jsonld", pyoxigraph.RdfFormat.JSON_LD)):
        out = tmp_path / f"g.{suffix}"
        result = _run("export", "--format", fmt, "--out", str(out), "--store", store_path)
        assert result.exit_code == 0, result.output
        g = rdflib.Graph().parse(str(out))
        assert len(g) > 300
        assert len(list(pyoxigraph.parse(path=str(out), format=ox))) == len(g)


def test_export_validate_import_round_trip_via_cli(store_path, tmp_path):
    out = tmp_path / "g.ttl"
    assert _run("export", "--out", str(out), "--store", store_path).exit_code == 0
    result = _run("validate", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    copy_db = str(tmp_path / "copy.db")
    result = _run("import-rdf", str(out), "--store", copy_db)
    assert result.exit_code == 0, result.output
    out2 = tmp_path / "g2.ttl"
    assert _run("export", "--out", str(out2), "--store", copy_db, "-q").exit_code == 0
    assert isomorphic(rdflib.Graph().parse(str(out)), rdflib.Graph().parse(str(out2)))
    # importing the same export again changes nothing
    assert "2 unchanged" in _run("import-rdf", str(out), "--store", copy_db).output


def test_validate_store_and_broken_file(store_path, tmp_path):
    assert _run("validate", "--store", store_path).exit_code == 0
    out = tmp_path / "g.ttl"
    _run("export", "--out", str(out), "--store", store_path)
    text = out.read_text(encoding="utf-8")
    # drop the person of every tenure: one line per tenure, exit 1
    broken = "\n".join(line for line in text.splitlines() if not line.strip().startswith("org:member id:per-"))
    bad = tmp_path / "broken.ttl"
    bad.write_text(broken, encoding="utf-8")
    result = _run("validate", str(bad))
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line]
    assert len(lines) == 3 and all("tenure needs exactly one person" in line for line in lines)


def test_unreadable_rdf_is_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is < not turtle", encoding="utf-8")
    for cmd in (["validate", str(bad)], ["import-rdf", str(bad), "--store", str(tmp_path / "x.db")]):
        result = CliRunner().invoke(main, cmd)
        assert result.exit_code == 2
        assert result.output.count("\n") == 1 and "bad.ttl: not readable as turtle RDF" in result.output


def test_export_to_missing_folder_is_one_line(store_path, tmp_path):
    result = CliRunner().invoke(main, ["export", "--out", str(tmp_path / "no" / "g.ttl"), "--store", store_path])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_graphml_and_gexf(store_path, tmp_path):
    n_ent, n_rel, _ = _counts(store_path)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"g.{fmt}"
        assert _run("export", "--format", fmt, "--out", str(out), "--store", store_path).exit_code == 0
        g = reader(str(out))
        assert (g.number_of_nodes(), g.number_of_edges()) == (n_ent, n_rel)
        if fmt == "graphml":
            topics = [d.get("topics") for _, d in g.nodes(data=True) if d.get("type") == "Agreement"]
            assert topics == ["training; port worker safety"]
            assert all(d.get("documents", "").startswith("doc-") for _, _, d in g.edges(data=True))


@pytest.mark.parametrize("target", ["folder", "g.zip"])
def test_csv(store_path, tmp_path, target):
    n_ent, n_rel, n_ev = _counts(store_path)
    out = tmp_path / target
    assert _run("export", "--format", "csv", "--out", str(out), "--store", store_path).exit_code == 0
    if target.endswith(".zip"):
        with zipfile.ZipFile(out) as zf:
            files = {name: zf.read(name).decode("utf-8") for name in zf.namelist()}
    else:
        files = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    rows = {name: list(csv.DictReader(io.StringIO(text))) for name, text in files.items()}
    assert set(rows) == {"entities.csv", "relations.csv", "evidence.csv"}
    assert (len(rows["entities.csv"]), len(rows["relations.csv"]), len(rows["evidence.csv"])) == (n_ent, n_rel, n_ev)
    assert any(r["wikidata"] == "Q12345" for r in rows["entities.csv"])
    assert all(r["text"] and r["document"].startswith("doc-") for r in rows["evidence.csv"])


def test_unknown_format(tmp_path):
    with open_store(":memory:") as store:
        with pytest.raises(ValueError, match="unknown export format 'xml'"):
            export(store, "xml", tmp_path / "g.xml")
    assert set(FORMATS) == {"turtle", "jsonld", "graphml", "gexf", "csv"}
