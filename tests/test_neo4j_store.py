"""The Neo4j store against a real server over Bolt: connection errors, atomic
documents, the graph shape analysts query, routing URIs, concurrent writers.

The behaviour shared with the embedded store is in ``test_store_contract.py``.
"""

from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner

from unionkg.cli import main
from unionkg.graph.ids import document_id, entity_id, relation_id
from unionkg.graph.model import Document, Entity, Evidence, Extraction, Relation
from unionkg.graph.store import StoreError, open_store


def _ev(text: str, fragment: str) -> Evidence:
    i = text.index(fragment)
    return Evidence(i, i + len(fragment), fragment)


def _article(text: str, source: str, org: str, person: str, members: int | None = None) -> Extraction:
    doc = Document(document_id(text), source, text, title=text.split(".")[0], published="2025-05-01", language="en")
    o = Entity(entity_id("Organization", org), "Organization", org,
               attrs={"kind": "federation", **({"members": members} if members else {})}, evidence=[_ev(text, org)])
    p = Entity(entity_id("Person", person), "Person", person, evidence=[_ev(text, person)])
    r = Relation(relation_id("HOLDS_POSITION", p.id, o.id, "chair"), "HOLDS_POSITION", p.id, o.id, role="chair",
                 title="Chair", evidence=[_ev(text, person)])
    return Extraction(doc, [o, p], [r])


def _count_all(store) -> tuple[int, int]:
    with store.driver.session(database=store.database) as session:
        nodes = session.run("MATCH (n) RETURN count(n) AS n").single()["n"]
        rels = session.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]
    return nodes, rels


T1 = "The Harbour Workers Federation met today. Its chair Mira Tan spoke for 5000 members."
T2 = "Mira Tan of the Harbour Workers Federation signed the letter on behalf of 5200 members."


# -- connection errors: one line naming the URI, never the password --------------------------


def test_wrong_password_is_one_line_naming_the_uri_not_the_password(neo4j_server):
    if not neo4j_server.password:
        pytest.skip("this server does not require a password")
    secret = "definitely-not-the-password"
    with pytest.raises(StoreError) as info:
        open_store(neo4j_uri=neo4j_server.uri, user=neo4j_server.user, password=secret,
                   database=neo4j_server.database)
    message = str(info.value)
    assert neo4j_server.uri in message and "authentication" in message
    assert secret not in message and "\n" not in message


def test_cli_wrong_password_exits_2_without_traceback(neo4j_server):
    if not neo4j_server.password:
        pytest.skip("this server does not require a password")
    secret = "definitely-not-the-password"
    result = CliRunner().invoke(main, ["stats", "--neo4j", neo4j_server.uri, "--neo4j-password", secret],
                                env={"NEO4J_PASSWORD": None, "NEO4J_URI": None})
    assert result.exit_code == 2, result.output
    assert neo4j_server.uri in result.output
    assert secret not in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_unreachable_server_exits_2_with_one_line():
    uri = "bolt://127.0.0.1:1"
    result = CliRunner().invoke(main, ["stats", "--neo4j", uri, "--neo4j-password", "pw-never-shown"],
                                env={"NEO4J_PASSWORD": None, "NEO4J_URI": None})
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and uri in lines[0] and "pw-never-shown" not in lines[0]


def test_a_malformed_uri_is_a_store_error():
    with pytest.raises(StoreError, match="ftp://example.org"):
        open_store(neo4j_uri="ftp://example.org", password="x")


# -- atomic documents ------------------------------------------------------------------------


def test_a_failure_inside_the_transaction_leaves_nothing_of_the_document(neo4j_store):
    store = neo4j_store
    store.write(_article(T1, "one.txt", "Harbour Workers Federation", "Mira Tan", members=5000))
    before = (store.stats(), store.entities(), store.relations(), _count_all(store))
    # The database itself refuses this one after the document node, its entities and
    # names were already written in the transaction (a map is no property value).
    bad = _article(T2, "two.txt", "Harbour Workers Federation", "Mira Tan", members=5200)
    bad.entities.append(Entity(entity_id("Person", "Joe Lim"), "Person", "Joe Lim", evidence=[Evidence(0, 3, "Mir")]))
    bad.relations[0].title = {"not": "a property value"}
    with pytest.raises(Exception):
        store.write(bad)
    assert (store.stats(), store.entities(), store.relations(), _count_all(store)) == before
    assert store.document(bad.document.id) is None
    assert store.find("Joe Lim") == []
    assert [c["value"] for c in store.claims(entity_id("Organization", "Harbour Workers Federation"))
            if c["key"] == "members"] == [5000]


def test_an_entity_whose_type_clashes_is_refused_whole(neo4j_store):
    store = neo4j_store
    store.write(_article(T1, "one.txt", "Harbour Workers Federation", "Mira Tan"))
    before = _count_all(store)
    clash = _article(T2, "two.txt", "Harbour Workers Federation", "Mira Tan")
    clash.entities[1] = Entity(entity_id("Person", "Mira Tan"), "Place", "Mira Tan", evidence=[_ev(T2, "Mira Tan")])
    with pytest.raises(ValueError, match="is a Person, not a Place"):
        store.write(clash)
    assert _count_all(store) == before
    assert len(store.documents()) == 1


def test_writing_the_same_document_again_adds_no_node_or_relationship(neo4j_store):
    store = neo4j_store
    ex = _article(T1, "one.txt", "Harbour Workers Federation", "Mira Tan", members=5000)
    store.write(ex)
    before = _count_all(store)
    assert store.write(ex) == "unchanged"
    assert _count_all(store) == before


# -- the graph as analysts see it in Neo4j -------------------------------------------------------


def test_graph_shape_labels_types_and_flat_attributes(neo4j_store):
    store = neo4j_store
    store.write(_article(T1, "one.txt", "Harbour Workers Federation", "Mira Tan", members=5000))
    store.write(_article(T2, "two.txt", "Harbour Workers Federation", "Mira Tan", members=5200))
    with store.driver.session(database=store.database) as session:
        row = session.run(
            "MATCH (p:Entity:Person)-[r:HOLDS_POSITION]->(o:Entity:Organization) "
            "WHERE o.members > $n RETURN p.name AS person, o.name AS org, o.members AS members, r.role AS role, "
            "r.title AS title", n=4000).single()
        constraints = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
        evidence = session.run("MATCH (v:Evidence {fact: $id}) RETURN count(v) AS n",
                               id=entity_id("Person", "Mira Tan")).single()["n"]
    # one document each and the same date: the first written claim wins, as in the embedded store
    assert dict(row) == {"person": "Mira Tan", "org": "Harbour Workers Federation", "members": 5000,
                         "role": "chair", "title": "Chair"}
    assert {"unionkg_entity_id", "unionkg_document_id"} <= constraints
    assert evidence == 2


def test_routing_uri_works_like_bolt(neo4j_store_factory, neo4j_server):
    if not neo4j_server.uri.startswith("bolt://"):
        pytest.skip("the server was given as a routing URI already")
    store = neo4j_store_factory(uri="neo4j://" + neo4j_server.uri[len("bolt://"):])
    assert store.write(_article(T1, "one.txt", "Harbour Workers Federation", "Mira Tan")) == "added"
    assert store.stats()["relations"] == {"HOLDS_POSITION": 1}


def test_concurrent_writers_merge_one_entity(neo4j_store_factory):
    stores = [neo4j_store_factory() for _ in range(2)]
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            for i in range(4):
                text = f"Report {k}-{i}. The Harbour Workers Federation and Mira Tan met delegates."
                stores[k].write(_article(text, f"w{k}-{i}.txt", "Harbour Workers Federation", "Mira Tan"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = stores[0]
    assert store.stats() == {"documents": 8, "entities": {"Organization": 1, "Person": 1},
                             "relations": {"HOLDS_POSITION": 1}}
    assert len(store.evidence(store.relations()[0]["id"])) == 8
