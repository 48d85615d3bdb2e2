"""`unionkg query`, `cypher` and `analyze` through click's CliRunner, on the embedded store
(and `cypher` on the real Neo4j of the ``neo4j_server`` fixture)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from unionkg.cli import main
from unionkg.graph.sqlite_store import SQLiteStore
from unionkg.tests.querygraph import build, shown


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "q.db"
    with SQLiteStore(path) as s:
        build(s)
    return str(path)


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_query_json_rows_carry_sources(db):
    r = _run("query", "officials", "--param", "org=KSPN", "--format", "json", "--store", db)
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert [(x["person"], x["role"]) for x in rows[:2]] == [("Rahmat Hidayat", "president"),
                                                            ("Dewi Kartika", "vice_president")]
    assert rows[0]["sources"][0]["sentence"].startswith("Presiden Konfederasi Serikat Pekerja Nusantara")


def test_query_table_and_csv(db):
    r = _run("query", "posts", "-p", "person=Rahmat Hidayat", "--store", db)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split()[:3] == ["person", "role", "title"] and len(lines) == 4
    r = _run("query", "interlocks", "--format", "csv", "--store", db)
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert {x["person"] for x in rows} == {"Rahmat Hidayat"}
    assert "doc1.txt" in rows[0]["sources"]


def test_as_of_option_and_dashed_parameter_names(db):
    a = _run("query", "officials", "-p", "org=KSPN", "--as-of", "2023", "--format", "json", "--store", db)
    b = _run("query", "officials", "-p", "org=KSPN", "-p", "as-of=2023", "--format", "json", "--store", db)
    assert a.exit_code == 0 and a.output == b.output
    people = [x["person"] for x in json.loads(a.output)]
    assert "Lina Marlina" in people and "Dewi Kartika" not in people


@pytest.mark.parametrize("args, message", [
    (["officials", "-p", "org=KSPN", "-p", "when=2025"], "unknown parameter 'when'"),
    (["officials", "-p", "org=KSPN", "--as-of", "2025-02-30"], "is not a date"),
    (["posts", "-p", "person"], "expected KEY=VALUE"),
    (["posts", "-p", "person=Budi"], "ambiguous"),
    (["path", "-p", "from=KSPN"], "parameter to is required"),
])
def test_bad_parameters_are_one_line_and_exit_2(db, args, message):
    r = _run("query", *args, "--store", db)
    assert r.exit_code == 2
    assert message in r.output and r.output.count("\n") == 1


def test_unknown_query_name_is_a_usage_error(db):
    assert _run("query", "leaders", "--store", db).exit_code == 2


def test_cypher_needs_neo4j(db):
    r = _run("cypher", "MATCH (n) RETURN count(n)", "--store", db)
    assert r.exit_code == 2 and "needs --neo4j" in r.output


@pytest.mark.neo4j
def test_cypher_reads_with_parameters_and_refuses_writes_without_write(request):
    server = request.getfixturevalue("neo4j_server")
    uri = server.uri
    creds = ["--neo4j-user", server.user, *(["--neo4j-password", server.password] if server.password else []),
             *(["--neo4j-database", server.database] if server.database else [])]
    r = _run("cypher", "RETURN $x + 1 AS y, $name AS name", "-p", "x=41", "-p", "name=KSPSI", "--neo4j", uri, *creds,
             "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == [{"y": 42, "name": "KSPSI"}]
    r = _run("cypher", "CREATE (n:UnionkgCliProbe {v: $v}) RETURN n.v AS v", "-p", "v=1", "--neo4j", uri, *creds)
    assert r.exit_code == 2 and "--write" in r.output and r.output.count("\n") == 1
    r = _run("cypher", "CREATE (n:UnionkgCliProbe {v: $v}) RETURN n.v AS v", "-p", "v=1", "--write", "--neo4j", uri, *creds,
             "--format", "json")
    assert r.exit_code == 0 and json.loads(r.output) == [{"v": 1}]
    r = _run("cypher", "MATCH (n:UnionkgCliProbe) DETACH DELETE n", "--write", "--neo4j", uri, *creds)
    assert r.exit_code == 0


def test_analyze_commands(db):
    r = _run("analyze", "centrality", "--format", "json", "--store", db)
    assert r.exit_code == 0, r.output
    with SQLiteStore(db) as s:
        kspn, mwc = shown(s, "KSPN"), shown(s, "MWC")
    top = json.loads(r.output)[0]
    assert top["name"] == kspn and top["degree"] == 8
    r = _run("analyze", "brokers", "--format", "json", "--store", db)
    assert json.loads(r.output)[0]["name"] == mwc
    r = _run("analyze", "communities", "--format", "json", "--store", db)
    comms = json.loads(r.output)
    assert sorted(len(c["members"]) for c in comms) == [2, 4]
    r = _run("analyze", "kcore", "--k", "1", "--store", db)
    assert r.exit_code == 0 and kspn in r.output
