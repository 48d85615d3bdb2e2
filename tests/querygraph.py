"""A small hand-made graph for the query, analytics and page tests.

Three short documents written for these tests (invented organisations and
people), turned into Extractions by hand and stored through the public
``Store.write``. The world:

- KSPN (Indonesian confederation): president Rahmat Hidayat; vice-president
  Lina Marlina until 2024-12, then Dewi Kartika from 2025-01; its legal
  department (a unit) is headed by Joko Susilo; Federasi Buruh Logam (FBL) is
  affiliated to KSPN and has Rahmat Hidayat as advisor (an interlock) and
  Budi Santoso as chair; KSPN is affiliated to the regional council ARTC.
- MWC (Malaysia): president Siti Aminah; MWC and KSPN sign an MoU in Kuala
  Lumpur on 2025-03-10, at a meeting both attend.
- TLD (Viet Nam): president Tran Van Binh; TLD meets MWC on 2025-06-01;
  another Budi (Budi Hartono) is TLD's advisor, so "Budi" is ambiguous.
"""

from __future__ import annotations

from unionkg.graph.ids import compound_id, document_id, entity_id, relation_id
from unionkg.graph.model import Document, Entity, Evidence, Extraction, Relation

__all__ = ["DOCS", "build", "extractions", "shown", "XSS_NAME"]

XSS_NAME = "<img src=x onerror=window.__xss=1>"

DOC1 = ("KSPN menggelar rapat pimpinan\n\n"
        "Presiden Konfederasi Serikat Pekerja Nusantara (KSPN) Rahmat Hidayat membuka rapat di Jakarta. "
        "Lina Marlina menjabat Wakil Presiden KSPN sampai Desember 2024, lalu digantikan Dewi Kartika. "
        "Departemen Hukum KSPN dipimpin Joko Susilo. "
        "Federasi Buruh Logam (FBL), anggota KSPN, diketuai Budi Santoso; Rahmat Hidayat menjadi penasihat FBL. "
        "KSPN bergabung dengan Asian Regional Trade Council (ARTC).")
DOC2 = ("MWC and KSPN sign an MoU\n\n"
        "The Malaysian Workers Congress (MWC) and KSPN signed a memorandum of understanding in Kuala Lumpur "
        "on 10 March 2025. MWC president Siti Aminah and Rahmat Hidayat met before the signing.")
DOC3 = ("TLD gặp MWC\n\n"
        "Tổng Liên đoàn Lao động Demo (TLD), do Chủ tịch Tran Van Binh dẫn đầu, đã gặp MWC ngày 1/6/2025. "
        "Cố vấn TLD Budi Hartono cũng tham dự.")
DOCS = {"doc1.txt": (DOC1, "2025-02-01", "id"), "doc2.txt": (DOC2, "2025-03-11", "en"),
        "doc3.txt": (DOC3, "2025-06-02", "vi")}


def _ev(text: str, fragment: str) -> list[Evidence]:
    i = text.index(fragment)
    # the sentence around the fragment, as the extractor records it
    s = text.rfind(". ", 0, i) + 2 if text.rfind(". ", 0, i) >= 0 else 0
    s = max(s, text.rfind("\n", 0, i) + 1)
    e = text.find(". ", i)
    e = len(text) if e < 0 else e + 1
    return [Evidence(s, e, text[s:e])]


def _org(text: str, name: str, kind: str, country: str | None, aliases=(), seen: str | None = None) -> Entity:
    attrs = {"kind": kind, **({"country": country} if country else {})}
    return Entity(entity_id("Organization", name), "Organization", name, list(aliases), attrs,
                  _ev(text, seen or name))


def _per(text: str, name: str, aliases=()) -> Entity:
    return Entity(entity_id("Person", name), "Person", name, list(aliases), {}, _ev(text, name))


def _rel(text: str, rtype: str, s: Entity, t: Entity, fragment: str, role: str | None = None,
         **kw) -> Relation:
    return Relation(relation_id(rtype, s.id, t.id, role), rtype, s.id, t.id, role=role, evidence=_ev(text, fragment),
                    **kw)


def extractions(xss: bool = False) -> list[Extraction]:
    """The three documents' extractions (``xss``: KSPN's legal department gets a hostile name)."""
    out = []
    t = DOC1
    kspn = _org(t, "Konfederasi Serikat Pekerja Nusantara", "confederation", "ID", ["KSPN"])
    dept_name = XSS_NAME if xss else "Departemen Hukum KSPN"
    dept = Entity(entity_id("Organization", dept_name), "Organization", dept_name, [], {"kind": "other", "country": "ID"},
                  _ev(t, "Departemen Hukum KSPN"))
    fbl = _org(t, "Federasi Buruh Logam", "federation", "ID", ["FBL"])
    artc = _org(t, "Asian Regional Trade Council", "regional_body", None, ["ARTC"])
    rahmat, lina, dewi = _per(t, "Rahmat Hidayat"), _per(t, "Lina Marlina"), _per(t, "Dewi Kartika")
    joko, budi = _per(t, "Joko Susilo"), _per(t, "Budi Santoso", ["Budi"])
    rels = [
        _rel(t, "HOLDS_POSITION", rahmat, kspn, "Presiden Konfederasi", "president", title="Presiden"),
        _rel(t, "HOLDS_POSITION", lina, kspn, "Lina Marlina menjabat", "vice_president", title="Wakil Presiden",
             start="2019", end="2024-12"),
        _rel(t, "HOLDS_POSITION", dewi, kspn, "digantikan Dewi", "vice_president", title="Wakil Presiden",
             start="2025-01"),
        _rel(t, "HOLDS_POSITION", joko, dept, "dipimpin Joko", "head", title="Kepala"),
        _rel(t, "HOLDS_POSITION", budi, fbl, "diketuai Budi", "chair", title="Ketua"),
        _rel(t, "HOLDS_POSITION", rahmat, fbl, "penasihat FBL", "advisor", title="penasihat"),
        _rel(t, "AFFILIATED_WITH", dept, kspn, "Departemen Hukum KSPN"),
        _rel(t, "AFFILIATED_WITH", fbl, kspn, "anggota KSPN"),
        _rel(t, "AFFILIATED_WITH", kspn, artc, "bergabung dengan"),
    ]
    out.append(Extraction(_doc("doc1.txt"), [kspn, dept, fbl, artc, rahmat, lina, dewi, joko, budi], rels))

    t = DOC2
    kspn2 = _org(t, "Konfederasi Serikat Pekerja Nusantara", "confederation", "ID", ["KSPN"], seen="KSPN")
    mwc = _org(t, "Malaysian Workers Congress", "confederation", "MY", ["MWC"])
    siti, rahmat2 = _per(t, "Siti Aminah"), _per(t, "Rahmat Hidayat")
    kl = Entity(entity_id("Place", "Kuala Lumpur"), "Place", "Kuala Lumpur", [], {"country": "MY"},
                _ev(t, "Kuala Lumpur"))
    mou = Entity(compound_id("Agreement", "mou", "2025-03-10", [kspn2.id, mwc.id]), "Agreement",
                 "MoU MWC–KSPN", [], {"kind": "mou", "status": "signed", "date": "2025-03-10",
                                      "topics": ["training"]}, _ev(t, "memorandum of understanding"))
    meet = Entity(compound_id("Event", "meeting", "2025-03-10", [kspn2.id, mwc.id]), "Event",
                  "Meeting MWC–KSPN", [], {"kind": "meeting", "date": "2025-03-10", "location": "Kuala Lumpur"},
                  _ev(t, "met before the signing"))
    rels = [
        _rel(t, "HOLDS_POSITION", siti, mwc, "MWC president Siti", "president", title="president"),
        _rel(t, "PARTY_TO", kspn2, mou, "and KSPN signed"),
        _rel(t, "PARTY_TO", mwc, mou, "Malaysian Workers Congress (MWC)"),
        _rel(t, "PARTICIPATED_IN", kspn2, meet, "and KSPN signed"),
        _rel(t, "PARTICIPATED_IN", mwc, meet, "Malaysian Workers Congress (MWC)"),
        _rel(t, "PARTICIPATED_IN", siti, meet, "Siti Aminah and Rahmat", "participant"),
        _rel(t, "PARTICIPATED_IN", rahmat2, meet, "Siti Aminah and Rahmat", "participant"),
        _rel(t, "HELD_IN", meet, kl, "in Kuala Lumpur"),
    ]
    out.append(Extraction(_doc("doc2.txt"), [kspn2, mwc, siti, rahmat2, kl, mou, meet], rels))

    t = DOC3
    tld = _org(t, "Tổng Liên đoàn Lao động Demo", "confederation", "VN", ["TLD"])
    mwc3 = _org(t, "Malaysian Workers Congress", "confederation", "MY", ["MWC"], seen="MWC")
    binh, budi2 = _per(t, "Tran Van Binh"), _per(t, "Budi Hartono", ["Budi"])
    meet2 = Entity(compound_id("Event", "meeting", "2025-06-01", [tld.id, mwc3.id]), "Event",
                   "Meeting TLD–MWC", [], {"kind": "meeting", "date": "2025-06-01"}, _ev(t, "đã gặp MWC"))
    rels = [
        _rel(t, "HOLDS_POSITION", binh, tld, "Chủ tịch Tran", "president", title="Chủ tịch"),
        _rel(t, "HOLDS_POSITION", budi2, tld, "Cố vấn TLD", "advisor", title="Cố vấn"),
        _rel(t, "PARTICIPATED_IN", tld, meet2, "đã gặp MWC"),
        _rel(t, "PARTICIPATED_IN", mwc3, meet2, "đã gặp MWC"),
    ]
    out.append(Extraction(_doc("doc3.txt"), [tld, mwc3, binh, budi2, meet2], rels))
    return out


def _doc(source: str) -> Document:
    text, published, lang = DOCS[source]
    return Document(document_id(text), source, text, text.split("\n")[0], published, lang)


def build(store, xss: bool = False):
    """Write the three documents into ``store`` and return it."""
    for ex in extractions(xss):
        store.write(ex)
    return store


def shown(source, alias: str) -> str:
    """The name a store (or its networkx graph) shows for the entity with this name or alias —
    stores may show the full name or an acronym, so tests do not hard-code which."""
    if hasattr(source, "nodes"):
        return next(d["name"] for _, d in source.nodes(data=True) if alias == d["name"] or alias in d["aliases"])
    (entity,) = source.find(alias)
    return entity["name"]
