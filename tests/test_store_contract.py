"""One behavioural suite, run against every store backend (embedded SQLite and Neo4j).

The Neo4j run uses the ``neo4j_store`` fixture from ``tests/conftest.py``
(a clean database on a real server over Bolt).
"""

from __future__ import annotations

import pytest

from unionkg.graph.ids import entity_id, relation_id
from unionkg.graph.model import Document, Entity, Evidence, Extraction, Relation
from unionkg.graph.sqlite_store import SQLiteStore


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = SQLiteStore(tmp_path / "contract.db")
        yield s
        s.close()
    else:
        yield request.getfixturevalue("neo4j_store")


def _doc(text: str, source: str, published: str | None = None) -> Document:
    from unionkg.graph.ids import document_id

    return Document(id=document_id(text), source=source, text=text, title=text.split("\n")[0],
                    published=published, language="id")


def _ev(text: str, fragment: str) -> Evidence:
    i = text.index(fragment)
    return Evidence(i, i + len(fragment), fragment)


def _leader_extraction(text: str, source: str, org: str, person: str, role: str, members: int | None = None,
                       published: str | None = None, alias: str | None = None) -> Extraction:
    doc = _doc(text, source, published)
    o = Entity(entity_id("Organization", org), "Organization", org, aliases=[alias] if alias else [],
               attrs={"kind": "confederation", "country": "ID", **({"members": members} if members else {})},
               evidence=[_ev(text, org)])
    p = Entity(entity_id("Person", person), "Person", person, evidence=[_ev(text, person)])
    r = Relation(relation_id("HOLDS_POSITION", p.id, o.id, role), "HOLDS_POSITION", p.id, o.id, role=role,
                 title="Ketua", evidence=[_ev(text, person)])
    return Extraction(doc, [o, p], [r])


A = "Rapat serikat\n\nKetua Konfederasi Contoh Raya Budi Santoso membuka rapat. Anggotanya 1000 orang."
B = "Kunjungan\n\nBudi Santoso dari Konfederasi Contoh Raya (KCR) bertemu Sari Dewi. KCR punya 1200 anggota."
C = "Lain\n\nSari Dewi memimpin Federasi Lain Jaya sejak lama."


def _a():
    return _leader_extraction(A, "a.txt", "Konfederasi Contoh Raya", "Budi Santoso", "chair", members=1000,
                              published="2025-01-10")


def _b():
    return _leader_extraction(B, "b.txt", "Konfederasi Contoh Raya", "Budi Santoso", "chair", members=1200,
                              published="2025-02-10", alias="KCR")


def _c():
    return _leader_extraction(C, "c.txt", "Federasi Lain Jaya", "Sari Dewi", "chair", published="2025-03-01")


def snapshot(store):
    ents = sorted((e["id"], e["name"], tuple(e["aliases"]), tuple(sorted((k, str(v)) for k, v in e.items()
                   if k not in {"id", "name", "aliases"}))) for e in store.entities())
    rels = sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in store.relations())
    return store.stats(), ents, rels


def test_write_then_same_again_changes_nothing(store):
    assert store.write(_a()) == "added"
    before = snapshot(store)
    assert store.write(_a()) == "unchanged"
    assert snapshot(store) == before
    assert before[0]["documents"] == 1
    assert before[0]["entities"] == {"Organization": 1, "Person": 1}
    assert before[0]["relations"] == {"HOLDS_POSITION": 1}


def test_entities_merge_across_documents_and_claims_stay_side_by_side(store):
    store.write(_a())
    store.write(_b())
    org_id = entity_id("Organization", "Konfederasi Contoh Raya")
    org = store.entity(org_id)
    assert org["name"] == "Konfederasi Contoh Raya"
    assert org["aliases"] == ["KCR"]
    # 1000 and 1200 each have one document: the later-published claim wins, both stay as claims
    assert org["members"] == 1200
    values = sorted(c["value"] for c in store.claims(org_id) if c["key"] == "members")
    assert values == [1000, 1200]
    assert [e["id"] for e in store.find("kcr")] == [org_id]
    assert [e["id"] for e in store.find("KONFEDERASI contoh raya", type="Organization")] == [org_id]
    assert store.find("kcr", type="Person") == []


def test_evidence_names_document_and_sentence(store):
    store.write(_a())
    store.write(_b())
    rid = store.relations(type="HOLDS_POSITION")[0]["id"]
    ev = store.evidence(rid)
    assert {e["source"] for e in ev} == {"a.txt", "b.txt"}
    for e in ev:
        text = A if e["source"] == "a.txt" else B
        assert text[e["start"]:e["end"]] == e["text"]
        assert e["document"].startswith("doc-")


def test_changed_document_replaces_only_its_own_facts(store):
    store.write(_a())
    store.write(_c())
    changed = _leader_extraction(A.replace("Budi Santoso", "Agus Salim"), "a.txt", "Konfederasi Contoh Raya",
                                 "Agus Salim", "chair", members=900)
    assert store.write(changed) == "replaced"
    names = {e["name"] for e in store.entities("Person")}
    assert names == {"Agus Salim", "Sari Dewi"}
    assert len(store.documents()) == 2
    assert store.entity(entity_id("Organization", "Konfederasi Contoh Raya"))["members"] == 900
    assert store.entity(entity_id("Organization", "Federasi Lain Jaya")) is not None


def test_delete_document_collects_unsupported_facts(store):
    store.write(_a())
    store.write(_b())
    doc_a = _a().document.id
    assert store.delete_document(doc_a) is True
    assert store.delete_document(doc_a) is False
    org = store.entity(entity_id("Organization", "Konfederasi Contoh Raya"))
    assert org["members"] == 1200
    assert [c["value"] for c in store.claims(org["id"]) if c["key"] == "members"] == [1200]
    store.delete_document(_b().document.id)
    assert store.stats() == {"documents": 0, "entities": {}, "relations": {}}


def test_a_bad_document_is_stored_whole_or_not_at_all(store):
    store.write(_c())
    before = snapshot(store)
    bad = _a()
    bad.relations.append(Relation("rel-bad", "AFFILIATED_WITH", bad.entities[0].id, "org-missing",
                                  evidence=[Evidence(0, 4, "Rapa")]))
    with pytest.raises(ValueError):
        store.write(bad)
    assert snapshot(store) == before
    assert store.write(_a()) == "added"


def test_reference_entities_and_analyst_attributes_survive(store):
    ref = Entity("ref-kcr", "Organization", "Konfederasi Contoh Raya", aliases=["KCR"],
                 attrs={"kind": "confederation", "country": "ID"})
    store.put_reference_entities([ref])
    text = "Judul\n\nKCR menggelar rapat."
    doc = _doc(text, "d.txt")
    store.write(Extraction(doc, [Entity("ref-kcr", "Organization", "KCR", attrs={"kind": "union"},
                                        evidence=[_ev(text, "KCR")])], []))
    e = store.entity("ref-kcr")
    assert e["name"] == "Konfederasi Contoh Raya"  # the reference name stays the display name
    assert e["kind"] == "union"  # a document's claim beats reference data
    assert e["reference"] is True
    store.set_attr("ref-kcr", "wikidata", "Q1")
    store.set_attr("ref-kcr", "kind", "confederation")  # the analyst beats documents
    assert store.entity("ref-kcr")["wikidata"] == "Q1"
    assert store.entity("ref-kcr")["kind"] == "confederation"
    store.delete_document(doc.id)
    assert store.entity("ref-kcr")["wikidata"] == "Q1"
    assert len(store.evidence("ref-kcr")) == 0


def test_clear_facts_then_rewrite_raw_extractions_restores_the_graph(store):
    store.write(_a())
    store.write(_b(), raw=_b())
    store.add_judgement({"action": "merge", "ids": ["x", "y"], "author": "test"})
    before = snapshot(store)
    store.clear_facts()
    assert store.stats()["entities"] == {}
    assert len(store.documents()) == 2
    raws = list(store.raw_extractions())
    assert [r.document.source for r in raws] == ["a.txt", "b.txt"]
    assert raws[0].document.text == A
    for raw in raws:
        assert store.write(raw, raw=raw) == "added"
    assert snapshot(store) == before
    assert len(store.judgements()) == 1


def test_judgement_log(store):
    jid = store.add_judgement({"action": "reject", "ids": ["per-1"], "author": "ana"})
    store.update_judgement(jid, undone=True)
    [j] = store.judgements()
    assert j["id"] == jid and j["undone"] is True and j["author"] == "ana"


def test_networkx_projection(store):
    store.write(_a())
    store.write(_c())
    g = store.to_networkx()
    assert g.number_of_nodes() == 4
    assert g.number_of_edges() == 2
    for _, _, data in g.edges(data=True):
        assert data["type"] == "HOLDS_POSITION" and data["role"] == "chair"


def test_display_name_is_the_name_as_written_not_the_first_alias_alphabetically(store):
    text = "Judul\n\nZeta Union (AAA) bertemu."
    doc = _doc(text, "z.txt")
    store.write(Extraction(doc, [Entity("org-zeta", "Organization", "Zeta Union", aliases=["AAA"],
                                        evidence=[_ev(text, "Zeta Union")])], []))
    e = store.entity("org-zeta")
    assert e["name"] == "Zeta Union" and e["aliases"] == ["AAA"]
