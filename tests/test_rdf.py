"""RDF export, SHACL validation and the export → import → export round trip."""

from __future__ import annotations

import copy
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, SKOS

from unionkg.graph.ids import relation_id
from unionkg.graph.model import Evidence, Extraction, Relation
from unionkg.graph.store import open_store
from unionkg.ontology import rdf, vocab
from unionkg.ontology.rdf import ORG, PROV, UKG, WD
from unionkg.tests import rdf_sample

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def sample_graph() -> rdflib.Graph:
    with open_store(":memory:") as store:
        rdf_sample.build(store)
        return rdf.store_to_rdf(store)


def _fresh(g: rdflib.Graph) -> rdflib.Graph:
    return copy.deepcopy(g)


def test_sample_export_conforms(sample_graph):
    assert rdf.validate(sample_graph) == []


def test_export_content(sample_graph):
    g = sample_graph
    tenures = list(g.subjects(RDF.type, UKG.Tenure))
    assert len(tenures) == 3
    roles = {vocab.concept_id(g.value(t, UKG.role))[1] for t in tenures}
    assert roles == {"general_chair", "secretary_general", "president"}
    # the direct edge beside the reified tenure
    arif = next(t for t in tenures if g.value(t, UKG.title) == Literal("President"))
    assert (g.value(arif, ORG.member), UKG.holdsPosition, g.value(arif, ORG.organization)) in g
    assert g.value(arif, UKG.end) == Literal("2030", datatype=rdflib.XSD.gYear)
    # provenance: document and sentence selectors
    ev = g.value(arif, UKG.evidence)
    sels = list(g.objects(ev, rdf.OA.hasSelector))
    quote = next(s for s in sels if (s, RDF.type, rdf.OA.TextQuoteSelector) in g)
    assert "elected Arif Rahman" in str(g.value(quote, rdf.OA.exact))
    assert (arif, PROV.wasDerivedFrom, g.value(ev, rdf.OA.hasSource)) in g
    run = g.value(ev, PROV.wasGeneratedBy)
    assert (run, RDF.type, UKG.ExtractionRun) in g and (run, PROV.used, g.value(ev, rdf.OA.hasSource)) in g
    # Wikidata links, for document entities (analyst link) and reference data
    assert len(set(g.subjects(OWL.sameAs, WD.Q12345))) == 1
    assert len(set(g.subjects(SKOS.exactMatch, WD.Q54321))) == 1
    # member counts that disagree stay side by side, each with its source
    counts = sorted(int(g.value(o, UKG.memberCount)) for o in g.subjects(RDF.type, UKG.MemberCountObservation))
    assert counts == [12000, 12500, 15000]
    # federations and unions are schema:WorkersUnion via ukg:TradeUnion
    assert len(set(g.subjects(RDF.type, UKG.TradeUnion))) == 4
    # free-text topics and roles are kept apart from concepts
    assert {str(o) for o in g.objects(None, UKG.topicText)} == {"port worker safety"}
    assert {str(o) for o in g.objects(None, UKG.roleText)} == {"host"}


def test_parses_with_rdflib_and_pyoxigraph(sample_graph):
    for fmt, ox in (("turtle", pyoxigraph.RdfFormat.TURTLE), ("json-ld", pyoxigraph.RdfFormat.JSON_LD),
                    ("nt", pyoxigraph.RdfFormat.N_TRIPLES)):
        data = sample_graph.serialize(format=fmt)
        assert len(rdflib.Graph().parse(data=data, format=fmt)) == len(sample_graph)
        assert len(list(pyoxigraph.parse(data, format=ox))) == len(sample_graph)


def test_round_trip_is_isomorphic(sample_graph):
    with open_store(":memory:") as store:
        counts = rdf.import_rdf(sample_graph, store)
        assert counts["added"] == 2 and counts["reference_entities"] == 1 and counts["links"] == 2
        again = rdf.store_to_rdf(store)
    assert isomorphic(sample_graph, again)


def test_round_trip_through_turtle_file_with_text(tmp_path):
    with open_store(":memory:") as store:
        rdf_sample.build(store)
        g = rdf.store_to_rdf(store, with_text=True)
    path = tmp_path / "g.ttl"
    g.serialize(destination=str(path), format="turtle")
    parsed = rdflib.Graph().parse(str(path))
    exs = rdf.rdf_to_extractions(parsed)
    assert [e.document.text for e in exs] == [rdf_sample.TEXT_ID, rdf_sample.TEXT_EN]
    with open_store(str(tmp_path / "b.db")) as store:
        rdf.import_rdf(parsed, store)
        assert isomorphic(g, rdf.store_to_rdf(store, with_text=True))


def test_rdf_to_extractions_per_document(sample_graph):
    exs = rdf.rdf_to_extractions(sample_graph)
    assert [e.document.source for e in exs] == ["sample/spcn-mou.txt", "sample/harbour-congress.txt"]
    first = exs[0]
    assert {r.type for r in first.relations} == {"HOLDS_POSITION", "PARTY_TO", "PARTICIPATED_IN", "HELD_IN"}
    spcn = next(e for e in first.entities if "SPCN" in [e.name, *e.aliases])
    assert spcn.attrs["members"] == 12000 and spcn.attrs["kind"] == "union"
    mou = next(e for e in first.entities if e.type == "Agreement")
    assert mou.attrs["topics"] == ["port worker safety", "training"]
    assert all(ev.text for e in first.entities for ev in e.evidence)


def _one(lines: list[str], needle: str) -> str:
    hits = [line for line in lines if needle in line]
    assert len(hits) == 1, lines
    return hits[0]


def test_tenure_without_person_is_one_line(sample_graph):
    g = _fresh(sample_graph)
    tenure = next(iter(g.subjects(UKG.title, Literal("Sekjen"))))
    g.remove((tenure, ORG.member, None))
    lines = rdf.validate(g)
    assert len(lines) == 1
    assert "tenure needs exactly one person" in lines[0]
    assert "(? -> SPCN)" in lines[0] or "(? -> Serikat Pekerja Contoh Nusantara)" in lines[0]


def test_role_outside_the_scheme_is_reported(sample_graph):
    g = _fresh(sample_graph)
    tenure = next(iter(g.subjects(UKG.title, Literal("Sekjen"))))
    g.set((tenure, UKG.role, Literal("grand_wizard")))
    line = _one(rdf.validate(g), "role")
    assert "grand_wizard" in line


def test_end_before_start_and_fact_without_source_through_the_store():
    """Broken facts written through the public API: each is one line of `validate`."""
    with open_store(":memory:") as store:
        rdf_sample.build(store)
        ex = rdf_sample.extractions()[1]
        arif = next(e for e in ex.entities if e.name == "Arif Rahman")
        fed = next(e for e in ex.entities if e.name.startswith("Samudra Harbour"))
        ctuc = next(e for e in ex.entities if e.name.startswith("Contoh Trades"))
        text = "Arif Rahman served as treasurer from 2024 to 2019. He also advised the congress."
        from unionkg.graph.ids import document_id
        from unionkg.graph.model import Document

        broken = Extraction(Document(document_id(text), "sample/broken.txt", text, "Broken", "2025-06-01", "en"),
                            [arif, fed, ctuc], [
            Relation(relation_id("HOLDS_POSITION", arif.id, fed.id, "treasurer"), "HOLDS_POSITION", arif.id, fed.id,
                     role="treasurer", title="treasurer", start="2024", end="2019-05",
                     evidence=[Evidence(0, 50, text[:50])]),
            Relation(relation_id("HOLDS_POSITION", arif.id, ctuc.id, "advisor"), "HOLDS_POSITION", arif.id, ctuc.id,
                     role="advisor", title="advised", evidence=[]),
        ])
        store.write(broken)
        lines = rdf.validate(rdf.store_to_rdf(store))
    assert len(lines) == 2, lines
    assert "ends before it starts (start 2024, end 2019-05)" in _one(lines, "ends before")
    assert "Arif Rahman -> Contoh Trades Union Congress" in _one(lines, "has no source")


def test_dates_of_different_precision_are_not_a_contradiction(sample_graph):
    g = _fresh(sample_graph)
    tenure = next(iter(g.subjects(UKG.title, Literal("Sekjen"))))
    g.add((tenure, UKG.start, Literal("2025-03-03", datatype=rdflib.XSD.date)))
    g.add((tenure, UKG.end, Literal("2025", datatype=rdflib.XSD.gYear)))
    assert rdf.validate(g) == []
    g.set((tenure, UKG.end, Literal("3 March", datatype=None)))
    assert "end must be an ISO date" in _one(rdf.validate(g), "ISO")


def test_participant_that_does_not_exist_is_reported(sample_graph):
    g = _fresh(sample_graph)
    part = next(iter(g.subjects(UKG.roleText, Literal("host"))))
    g.set((part, UKG.participant, rdf.ID["org-nobody"]))
    assert "participant" in _one(rdf.validate(g), "participant")


def test_import_rejects_relation_without_endpoint(sample_graph):
    g = _fresh(sample_graph)
    tenure = next(iter(g.subjects(UKG.title, Literal("Sekjen"))))
    g.remove((tenure, ORG.member, None))
    with pytest.raises(ValueError, match="needs both"):
        rdf.rdf_to_extractions(g)


def test_seed_and_devset_export_conforms(tmp_path):
    """The done-criterion of issue 3: the extractor's graph of the seed and the devset conforms."""
    from unionkg.ingest.run import ingest_paths

    inputs = sorted((SHARED / "devset").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    if not inputs:
        pytest.fail(f"no seed/devset texts under {SHARED}")
    with open_store(str(tmp_path / "dev.db")) as store:
        report = ingest_paths([str(p) for p in inputs], store)
        assert report.added == len(inputs), report.errors
        g = rdf.store_to_rdf(store)
        assert rdf.validate(g) == []
        with open_store(":memory:") as copy_store:
            rdf.import_rdf(g, copy_store)
            assert isomorphic(g, rdf.store_to_rdf(copy_store))
