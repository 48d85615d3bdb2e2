"""A small graph built by hand through the public API, for the RDF, shapes and export tests.

The two texts are written for these tests; the organisations and people are invented.
"""

from __future__ import annotations

from unionkg.graph.ids import compound_id, document_id, entity_id, relation_id
from unionkg.graph.model import Document, Entity, Evidence, Extraction, Relation

TEXT_ID = (
    "Serikat Pekerja Contoh Nusantara (SPCN) menandatangani nota kesepahaman dengan Federasi Buruh "
    "Pelabuhan Samudra di Surabaya pada 3 Maret 2025. Ketua Umum SPCN, Rina Wulandari, hadir bersama "
    "Sekjen Budi Hartono. SPCN kini beranggotakan 12.000 pekerja."
)
TEXT_EN = (
    "The Samudra Harbour Workers Federation held its congress in Penang on 10 May 2025. Delegates "
    "elected Arif Rahman as President for a term ending in 2030. The federation, which has 15,000 "
    "members, is affiliated with the Contoh Trades Union Congress. SPCN now counts 12,500 members."
)


def _ev(text: str, needle: str) -> Evidence:
    """The sentence holding ``needle`` as evidence (offsets of the sentence)."""
    i = text.index(needle)
    start = text.rfind(". ", 0, i)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", i)
    end = len(text) if end < 0 else end + 1
    return Evidence(start, end, text[start:end])


def _org(name, text, needle, **attrs):
    return Entity(entity_id("Organization", name), "Organization", name, attrs=attrs, evidence=[_ev(text, needle)])


def _per(name, text, needle, **attrs):
    return Entity(entity_id("Person", name), "Person", name, attrs=attrs, evidence=[_ev(text, needle)])


def extractions() -> list[Extraction]:
    t = TEXT_ID
    spcn = _org("Serikat Pekerja Contoh Nusantara", t, "SPCN)", kind="union", country="ID", members=12000)
    spcn.aliases = ["SPCN"]
    fbps = _org("Federasi Buruh Pelabuhan Samudra", t, "Federasi Buruh", kind="federation", country="ID")
    rina = _per("Rina Wulandari", t, "Rina", honorific="Dr.")
    budi = _per("Budi Hartono", t, "Budi")
    sby = Entity(entity_id("Place", "Surabaya"), "Place", "Surabaya", attrs={"country": "ID"},
                 evidence=[_ev(t, "Surabaya")])
    mou = Entity(compound_id("Agreement", "mou", "2025-03-03", [spcn.id, fbps.id]), "Agreement",
                 "nota kesepahaman SPCN – Federasi Buruh Pelabuhan Samudra",
                 attrs={"kind": "mou", "status": "signed", "date": "2025-03-03",
                        "topics": ["training", "port worker safety"]},
                 evidence=[_ev(t, "nota kesepahaman")])
    meet = Entity(compound_id("Event", "meeting", "2025-03-03", [spcn.id, fbps.id]), "Event",
                  "Penandatanganan MoU di Surabaya", attrs={"kind": "meeting", "date": "2025-03-03",
                                                            "location": "Surabaya"},
                  evidence=[_ev(t, "Surabaya")])
    rels = [
        Relation(relation_id("HOLDS_POSITION", rina.id, spcn.id, "general_chair"), "HOLDS_POSITION", rina.id,
                 spcn.id, role="general_chair", title="Ketua Umum", evidence=[_ev(t, "Ketua Umum")]),
        Relation(relation_id("HOLDS_POSITION", budi.id, spcn.id, "secretary_general"), "HOLDS_POSITION", budi.id,
                 spcn.id, role="secretary_general", title="Sekjen", evidence=[_ev(t, "Sekjen")]),
        Relation(relation_id("PARTY_TO", spcn.id, mou.id), "PARTY_TO", spcn.id, mou.id, evidence=[_ev(t, "nota")]),
        Relation(relation_id("PARTY_TO", fbps.id, mou.id), "PARTY_TO", fbps.id, mou.id, evidence=[_ev(t, "nota")]),
        Relation(relation_id("PARTICIPATED_IN", spcn.id, meet.id), "PARTICIPATED_IN", spcn.id, meet.id,
                 role="host", evidence=[_ev(t, "Surabaya")]),
        Relation(relation_id("PARTICIPATED_IN", rina.id, meet.id, "general_chair"), "PARTICIPATED_IN", rina.id,
                 meet.id, role="general_chair", evidence=[_ev(t, "hadir")]),
        Relation(relation_id("HELD_IN", meet.id, sby.id), "HELD_IN", meet.id, sby.id, evidence=[_ev(t, "Surabaya")]),
    ]
    one = Extraction(Document(document_id(t), "sample/spcn-mou.txt", t, "SPCN dan FBPS tandatangani MoU",
                              "2025-03-04", "id"), [spcn, fbps, rina, budi, sby, mou, meet], rels)

    t = TEXT_EN
    fed = _org("Samudra Harbour Workers Federation", t, "Samudra Harbour", kind="federation", members=15000)
    ctuc = _org("Contoh Trades Union Congress", t, "Contoh Trades", kind="confederation", country="MY")
    arif = _per("Arif Rahman", t, "Arif")
    penang = Entity(entity_id("Place", "Penang"), "Place", "Penang", attrs={"country": "MY"},
                    evidence=[_ev(t, "Penang")])
    congress = Entity(compound_id("Event", "congress", "2025-05-10", [fed.id]), "Event",
                      "Samudra Harbour Workers Federation congress",
                      attrs={"kind": "congress", "date": "2025-05-10", "location": "Penang"},
                      evidence=[_ev(t, "congress")])
    spcn2 = _org("Serikat Pekerja Contoh Nusantara", t, "SPCN now", members=12500)
    spcn2.name, spcn2.aliases = "SPCN", ["Serikat Pekerja Contoh Nusantara"]
    rels = [
        Relation(relation_id("HOLDS_POSITION", arif.id, fed.id, "president"), "HOLDS_POSITION", arif.id, fed.id,
                 role="president", title="President", start="2025-05-10", end="2030",
                 evidence=[_ev(t, "elected Arif")]),
        Relation(relation_id("AFFILIATED_WITH", fed.id, ctuc.id), "AFFILIATED_WITH", fed.id, ctuc.id,
                 evidence=[_ev(t, "affiliated")]),
        Relation(relation_id("PARTICIPATED_IN", fed.id, congress.id), "PARTICIPATED_IN", fed.id, congress.id,
                 evidence=[_ev(t, "congress")]),
        Relation(relation_id("HELD_IN", congress.id, penang.id), "HELD_IN", congress.id, penang.id,
                 evidence=[_ev(t, "Penang")]),
        Relation(relation_id("BASED_IN", fed.id, penang.id), "BASED_IN", fed.id, penang.id,
                 evidence=[_ev(t, "Penang")]),
    ]
    two = Extraction(Document(document_id(t), "sample/harbour-congress.txt", t, "Harbour workers elect president",
                              "2025-05-11", "en", url="https://example.org/harbour"),
                     [fed, ctuc, arif, penang, congress, spcn2], rels)
    return [one, two]


def reference() -> list[Entity]:
    """One reference organisation with a Wikidata link and no document."""
    return [Entity(entity_id("Organization", "Contoh Labour Organisation"), "Organization",
                   "Contoh Labour Organisation", aliases=["CLO"], attrs={"kind": "igo", "wikidata": "Q54321"})]


def build(store) -> None:
    """Write the sample into ``store`` through the public API."""
    for ex in extractions():
        store.write(ex)
    store.put_reference_entities(reference(), [])
    ctuc = entity_id("Organization", "Contoh Trades Union Congress")
    store.set_attr(ctuc, "wikidata", "Q12345")
