"""Cross-document resolution over our own multilingual articles (tests/articles/resolution/).

The extractions are hand-built (tests/resolution_corpus.py) so that the
resolver is tested on its own; the counts of resolved nodes are asserted and
the homonym traps must stay apart.
"""

from __future__ import annotations

import json

import pytest

from unionkg.graph.ids import entity_id
from unionkg.graph.model import Document, Entity, Extraction
from unionkg.graph.sqlite_store import SQLiteStore
from unionkg.ingest.resolve import Profile, Resolver, compare
from unionkg.tests.resolution_corpus import (EXPECTED_ORGS, EXPECTED_OWN_ORGS, EXPECTED_PERSON_GROUPS,
                                            EXPECTED_PERSON_NODES, corpus)


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request, tmp_path):
    """Both backends: for the end-to-end counts (Neo4j writes are slow, so only there)."""
    if request.param == "sqlite":
        s = SQLiteStore(tmp_path / "resolve.db")
        yield s
        s.close()
    else:
        yield request.getfixturevalue("neo4j_store")


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "resolve.db")
    yield s
    s.close()


def _ingest(store, extractions):
    resolver = Resolver(store)
    for ex in extractions:
        store.write(resolver.resolve(ex), raw=ex)


def _node_of(store, type_, name):
    found = store.find(name, type_)
    assert len(found) == 1, (name, found)
    return found[0]["id"]


def test_corpus_resolves_to_expected_nodes(any_store):
    store = any_store
    _ingest(store, corpus())
    for node, names in EXPECTED_ORGS.items():
        for n in names:
            assert _node_of(store, "Organization", n) == node, n
    for n in EXPECTED_OWN_ORGS:
        assert not _node_of(store, "Organization", n).startswith("org-ref-")
    persons = store.entities("Person")
    assert len(persons) == EXPECTED_PERSON_NODES
    for group in EXPECTED_PERSON_GROUPS:
        assert len({_node_of(store, "Person", n) for n in group}) == 1, group
    # organisations read from documents: every one landed on a reference body but the maritime FSPMI
    doc_orgs = [e for e in store.entities("Organization") if store.evidence(e["id"])]
    assert len(doc_orgs) == len(EXPECTED_ORGS) + len(EXPECTED_OWN_ORGS)


def test_homonym_traps_stay_apart(store):
    _ingest(store, corpus())
    # FSPMI: the metalworkers (KSPI, reference) and the maritime federation under KSPSI
    fspmi = [e for e in store.entities("Organization") if "FSPMI" in [e["name"], *e["aliases"]]]
    assert len(fspmi) == 2
    maritime = next(e for e in fspmi if e["id"] != "org-ref-fspmi")
    assert [r["target"] for r in store.relations("AFFILIATED_WITH", source=maritime["id"])] == ["org-ref-kspsi"]
    # Cambodian confederations with near-identical names
    assert _node_of(store, "Organization", "CCU") != _node_of(store, "Organization", "CCTU")
    # one name, two people: MTUC's secretary-general (MY) and an NTUC officer (SG)
    yusof = store.find("Ahmad Yusof", "Person")
    assert len(yusof) == 2
    posts = {r["target"] for y in yusof for r in store.relations("HOLDS_POSITION", source=y["id"])}
    assert posts == {"org-ref-mtuc", "org-ref-ntuc"}


def test_merges_record_score_and_reasons(store):
    _ingest(store, corpus())
    zul = _node_of(store, "Person", "Zulkifli Hamzah")
    recs = [r for c in store.claims(zul) if c["key"] == "resolution" for r in json.loads(c["value"])]
    full = next(r for r in recs if r["name"] == "Mohd Zulkifli Hamzah")
    assert full["score"] >= 0.7 and "partial name" in full["reasons"]
    assert "post in the same organisation" in full["reasons"]


def test_reingest_is_stable(store):
    _ingest(store, corpus())
    before = (store.stats(), sorted(e["id"] for e in store.entities()))
    _ingest(store, corpus())  # a new resolver over the filled store
    assert (store.stats(), sorted(e["id"] for e in store.entities())) == before


def _person(name, orgs=(), countries=(), co=()):
    p = Profile(entity_id("Person", name), "Person")
    p.add_names([name])
    p.pos_orgs, p.countries, p.co_orgs = set(orgs), set(countries), set(co)
    return p


def test_name_alone_is_not_enough():
    a = _person("Siti Aminah")
    b = _person("Siti Aminah", orgs={"org-x"})
    m = compare(a, b)
    assert m is not None and not m.mergeable
    # with a shared organisation it is
    assert compare(_person("Siti Aminah", co={"org-x"}), b).mergeable


def test_diacritics_partial_names_and_variants():
    assert compare(_person("Nguyen Dinh Khang", orgs={"o"}), _person("Nguyễn Đình Khang", orgs={"o"})).mergeable
    assert compare(_person("Halim Mansor", orgs={"o"}), _person("Abdul Halim Mansor", orgs={"o"})).mergeable
    assert compare(_person("Dato Halim", orgs={"o"}), _person("Abdul Halim Mansor", orgs={"o"})).mergeable
    assert compare(_person("Kamala Dewi Rajendran", co={"o"}), _person("Kamala Devi Rajendran", co={"o"})).mergeable
    # a lone given name without a post in the same body is not enough
    assert not compare(_person("Halim", co={"o"}), _person("Abdul Halim Mansor", orgs={"p"}, co={"o"})).mergeable
    # different people who share a surname
    assert compare(_person("Nguyen Van Bac", orgs={"o"}), _person("Nguyen Vinh Quang", orgs={"o"})) is None


def test_ambiguous_acronym_needs_country():
    """'Ministry of Manpower' is Indonesia's Kemnaker and Singapore's MOM: the country decides."""
    with SQLiteStore(":memory:") as s:
        r = Resolver(s)
        text = "The Ministry of Manpower said so."

        def one(country):
            attrs = {"kind": "government", **({"country": country} if country else {})}
            e = Entity(entity_id("Organization", "Ministry of Manpower"), "Organization", "Ministry of Manpower",
                       attrs=attrs)
            return r.resolve(Extraction(Document(f"doc-{country}", f"{country}.txt", text), [e])).entities[0].id

        assert one("SG") == "org-ref-mom-sg"
        assert one("ID") == "org-ref-kemnaker"
        assert not one(None).startswith("org-ref-")  # two bodies fit as well: no guess


def test_same_agreement_in_two_languages_is_one_node():
    """An agreement's id derives from its parties; once they resolve, two reports of one MoU meet."""
    from unionkg.graph.ids import compound_id, relation_id
    from unionkg.graph.model import Relation

    def report(doc, a_name, b_name):
        a = Entity(entity_id("Organization", a_name), "Organization", a_name, attrs={"country": "MY"})
        b = Entity(entity_id("Organization", b_name), "Organization", b_name, attrs={"country": "SG"})
        agr_id = compound_id("Agreement", "mou", "2026-03-20", [a.id, b.id])
        agr = Entity(agr_id, "Agreement", "MoU", attrs={"kind": "mou", "date": "2026-03-20"})
        rels = [Relation(relation_id("PARTY_TO", x.id, agr_id), "PARTY_TO", x.id, agr_id) for x in (a, b)]
        return Extraction(Document(doc, doc + ".txt", doc), [a, b, agr], rels)

    with SQLiteStore(":memory:") as s:
        r = Resolver(s)
        for ex in (report("doc-en", "Malaysian Trades Union Congress", "National Trades Union Congress"),
                   report("doc-ms", "Kongres Kesatuan Sekerja Malaysia", "Kongres Kesatuan Sekerja Kebangsaan Singapura")):
            s.write(r.resolve(ex), raw=ex)
        agreements = s.entities("Agreement")
        assert len(agreements) == 1
        assert {x["source"] for x in s.relations("PARTY_TO")} == {"org-ref-mtuc", "org-ref-ntuc"}


def test_rival_factions_named_apart_stay_apart():
    def org(*names, ref=False):
        p = Profile(entity_id("Organization", names[0]), "Organization", reference=ref)
        p.add_names(names)
        p.countries, p.kinds = {"ID"}, {"confederation"}
        return p

    kspsi = org("Konfederasi Serikat Pekerja Seluruh Indonesia", "KSPSI", ref=True)
    agn, jumhur = org("KSPSI AGN"), org("KSPSI Jumhur")
    assert compare(agn, kspsi) is None and compare(jumhur, kspsi) is None
    assert compare(agn, jumhur) is None
    # while a plain "KSPSI" is the confederation
    assert compare(org("KSPSI"), kspsi).mergeable


def test_a_tie_is_not_broken_by_the_shared_name():
    """Two people called Ahmad Yusof (MTUC, NTUC); a third report that fits both equally
    joins neither, even though its local id is one of theirs."""
    from unionkg.graph.model import Relation
    from unionkg.graph.ids import relation_id

    def report(doc, orgs, post_org=None):
        ents = [Entity(entity_id("Organization", o), "Organization", o, attrs={"country": c}) for o, c in orgs]
        p = Entity(entity_id("Person", "Ahmad Yusof"), "Person", "Ahmad Yusof")
        rels = []
        if post_org is not None:
            t = ents[post_org].id
            rels.append(Relation(relation_id("HOLDS_POSITION", p.id, t, "member"), "HOLDS_POSITION", p.id, t,
                                 role="member"))
        return Extraction(Document(doc, doc + ".txt", doc), ents + [p], rels)

    with SQLiteStore(":memory:") as s:
        r = Resolver(s)
        for ex in (report("d1", [("MTUC", "MY")], 0), report("d2", [("NTUC", "SG")], 0),
                   report("d3", [("MTUC", "MY"), ("NTUC", "SG")])):
            s.write(r.resolve(ex), raw=ex)
        assert len(s.find("Ahmad Yusof", "Person")) == 3
