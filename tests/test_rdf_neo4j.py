"""The RDF export is the same from either store, and an export loads into Neo4j (real server over Bolt)."""

from __future__ import annotations

from rdflib.compare import isomorphic

from unionkg.graph.store import open_store
from unionkg.ontology import rdf
from unionkg.tests import rdf_sample


def test_neo4j_export_equals_sqlite_export_and_round_trips(neo4j_store):
    with open_store(":memory:") as sqlite:
        rdf_sample.build(sqlite)
        expected = rdf.store_to_rdf(sqlite)
    rdf_sample.build(neo4j_store)
    got = rdf.store_to_rdf(neo4j_store)
    assert rdf.validate(got) == []
    assert isomorphic(expected, got)


def test_import_rdf_into_neo4j(neo4j_store):
    with open_store(":memory:") as sqlite:
        rdf_sample.build(sqlite)
        exported = rdf.store_to_rdf(sqlite)
    counts = rdf.import_rdf(exported, neo4j_store)
    assert counts["added"] == 2
    assert isomorphic(exported, rdf.store_to_rdf(neo4j_store))
