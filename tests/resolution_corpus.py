"""Hand-built extractions of the resolution test articles (tests/articles/resolution/).

Each spec lists what an extractor should read from the article: organisations
(name, aliases, country, kind), persons (name as printed), posts and
affiliations. Local ids follow the extractor's convention
(``graph.ids.entity_id(type, name)``), so the resolver sees what it will see in
production. The expected resolved nodes are in ``EXPECTED_*``.
"""

from __future__ import annotations

import json
from pathlib import Path

from unionkg.graph.ids import document_id, entity_id, relation_id
from unionkg.graph.model import Document, Entity, Evidence, Extraction, Relation

ARTICLES = Path(__file__).with_name("articles") / "resolution"
DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def _ev(text: str, fragment: str) -> list[Evidence]:
    i = text.find(fragment)
    if i < 0:
        raise AssertionError(f"{fragment!r} not in the article")
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    end = len(text) if end < 0 else end
    return [Evidence(start, end, text[start:end])]


def build(file: str, lang: str, orgs: list[dict], persons: list[dict], posts: list[tuple] = (),
          affiliations: list[tuple] = ()) -> Extraction:
    text = (ARTICLES / file).read_text(encoding="utf-8").strip()
    doc = Document(id=document_id(text), source=str(ARTICLES / file), text=text, title=text.split("\n")[0],
                   published="2026-03-01", language=lang)
    ents: dict[str, Entity] = {}
    for o in orgs:
        attrs = {k: o[k] for k in ("country", "kind") if o.get(k)}
        oid = entity_id("Organization", o["name"])
        ents[o["name"]] = Entity(oid, "Organization", o["name"], aliases=list(o.get("aliases", [])), attrs=attrs,
                                 evidence=_ev(text, o.get("printed", o["name"])))
    for p in persons:
        attrs = {"honorific": p["honorific"]} if p.get("honorific") else {}
        ents[p["name"]] = Entity(entity_id("Person", p["name"]), "Person", p["name"],
                                 aliases=list(p.get("aliases", [])), attrs=attrs,
                                 evidence=_ev(text, p.get("printed", p["name"])))
    rels = []
    for person, role, org in posts:
        s, t = ents[person].id, ents[org].id
        rels.append(Relation(relation_id("HOLDS_POSITION", s, t, role), "HOLDS_POSITION", s, t, role=role,
                             evidence=ents[person].evidence))
    for member, parent in affiliations:
        s, t = ents[member].id, ents[parent].id
        rels.append(Relation(relation_id("AFFILIATED_WITH", s, t), "AFFILIATED_WITH", s, t,
                             evidence=ents[member].evidence))
    return Extraction(doc, list(ents.values()), rels)


def corpus() -> list[Extraction]:
    return [
        build("01-id-kspi-fspmi-logam.txt", "id",
              orgs=[{"name": "Federasi Serikat Pekerja Metal Indonesia", "aliases": ["FSPMI"], "country": "ID",
                     "kind": "federation"},
                    {"name": "Konfederasi Serikat Pekerja Indonesia", "aliases": ["KSPI"], "country": "ID",
                     "kind": "confederation"},
                    {"name": "Malaysian Trades Union Congress", "aliases": ["MTUC"], "country": "MY",
                     "kind": "confederation"}],
              persons=[{"name": "Teguh Wiranata"}, {"name": "Rudi Hartanto"},
                       {"name": "Zulkifli Hamzah", "honorific": "Dato'"}],
              posts=[("Teguh Wiranata", "president", "Konfederasi Serikat Pekerja Indonesia"),
                     ("Rudi Hartanto", "general_chair", "Federasi Serikat Pekerja Metal Indonesia"),
                     ("Zulkifli Hamzah", "representative", "Malaysian Trades Union Congress")]),
        build("02-id-fspmi-maritim-kspsi.txt", "id",
              orgs=[{"name": "Federasi Serikat Pekerja Maritim Indonesia", "aliases": ["FSPMI"], "country": "ID",
                     "kind": "federation"},
                    {"name": "Konfederasi Serikat Pekerja Seluruh Indonesia", "aliases": ["KSPSI"], "country": "ID",
                     "kind": "confederation"},
                    {"name": "Kementerian Ketenagakerjaan", "country": "ID", "kind": "government"}],
              persons=[{"name": "Yanto Siregar"}],
              posts=[("Yanto Siregar", "general_chair", "Federasi Serikat Pekerja Maritim Indonesia")],
              affiliations=[("Federasi Serikat Pekerja Maritim Indonesia",
                             "Konfederasi Serikat Pekerja Seluruh Indonesia")]),
        build("03-ms-mtuc-presiden.txt", "ms",
              orgs=[{"name": "Kongres Kesatuan Sekerja Malaysia", "aliases": ["MTUC"], "country": "MY",
                     "kind": "confederation"},
                    {"name": "Kementerian Sumber Manusia", "country": "MY", "kind": "government"}],
              persons=[{"name": "Mohd Zulkifli Hamzah"}, {"name": "Ahmad Yusof"}],
              posts=[("Mohd Zulkifli Hamzah", "president", "Kongres Kesatuan Sekerja Malaysia"),
                     ("Ahmad Yusof", "secretary_general", "Kongres Kesatuan Sekerja Malaysia")]),
        build("04-en-mtuc-vgcl.txt", "en",
              orgs=[{"name": "Malaysian Trades Union Congress", "aliases": ["MTUC"], "country": "MY",
                     "kind": "confederation"},
                    {"name": "Vietnam General Confederation of Labour", "aliases": ["VGCL"], "country": "VN",
                     "kind": "confederation"},
                    {"name": "National Trades Union Congress", "aliases": ["NTUC"], "country": "SG",
                     "kind": "confederation"}],
              persons=[{"name": "Zulkifli Hamzah"}, {"name": "Nguyen Thi Lan Huong"}, {"name": "Ahmad Yusof"}],
              posts=[("Zulkifli Hamzah", "president", "Malaysian Trades Union Congress"),
                     ("Nguyen Thi Lan Huong", "vice_president", "Vietnam General Confederation of Labour"),
                     ("Ahmad Yusof", "other", "National Trades Union Congress")]),
        build("05-vi-vgcl-mtuc.txt", "vi",
              orgs=[{"name": "Tổng Liên đoàn Lao động Việt Nam", "country": "VN", "kind": "confederation"},
                    {"name": "Đại hội Công đoàn Malaysia", "aliases": ["MTUC"], "country": "MY",
                     "kind": "confederation"}],
              persons=[{"name": "Nguyễn Thị Lan Hương"}, {"name": "Zulkifli Hamzah"}],
              posts=[("Nguyễn Thị Lan Hương", "vice_president", "Tổng Liên đoàn Lao động Việt Nam"),
                     ("Zulkifli Hamzah", "president", "Đại hội Công đoàn Malaysia")]),
        build("06-en-cambodia.txt", "en",
              orgs=[{"name": "Cambodian Confederation of Unions", "aliases": ["CCU"], "country": "KH",
                     "kind": "confederation"},
                    {"name": "Cambodian Confederation of Trade Unions", "aliases": ["CCTU"], "country": "KH",
                     "kind": "confederation"},
                    {"name": "Ministry of Labour and Vocational Training", "country": "KH", "kind": "government"},
                    {"name": "Cambodian Labour Confederation", "aliases": ["CLC"], "country": "KH",
                     "kind": "confederation"}],
              persons=[{"name": "Sok Pisey"}, {"name": "Chan Dara"}],
              posts=[("Sok Pisey", "president", "Cambodian Confederation of Unions"),
                     ("Chan Dara", "president", "Cambodian Confederation of Trade Unions")]),
    ]


# node -> the names that must all land on it
EXPECTED_ORGS = {
    "org-ref-mtuc": ["Malaysian Trades Union Congress", "Kongres Kesatuan Sekerja Malaysia", "Đại hội Công đoàn Malaysia"],
    "org-ref-vgcl": ["Vietnam General Confederation of Labour", "Tổng Liên đoàn Lao động Việt Nam"],
    "org-ref-fspmi": ["Federasi Serikat Pekerja Metal Indonesia"],
    "org-ref-kspi": ["Konfederasi Serikat Pekerja Indonesia"],
    "org-ref-kspsi": ["Konfederasi Serikat Pekerja Seluruh Indonesia"],
    "org-ref-ccu": ["Cambodian Confederation of Unions"],
    "org-ref-cctu": ["Cambodian Confederation of Trade Unions"],
    "org-ref-clc": ["Cambodian Labour Confederation"],
    "org-ref-molvt": ["Ministry of Labour and Vocational Training"],
    "org-ref-kemnaker": ["Kementerian Ketenagakerjaan"],
    "org-ref-kesuma": ["Kementerian Sumber Manusia"],
    "org-ref-ntuc": ["National Trades Union Congress"],
}
# organisations that are not reference data and must stay their own node
EXPECTED_OWN_ORGS = ["Federasi Serikat Pekerja Maritim Indonesia"]
# groups of person names that are one person; every other person is their own node
EXPECTED_PERSON_GROUPS = [
    ["Zulkifli Hamzah", "Mohd Zulkifli Hamzah"],
    ["Nguyen Thi Lan Huong", "Nguyễn Thị Lan Hương"],
]
EXPECTED_PERSON_NODES = 9  # Zulkifli, Lan Huong, Teguh, Rudi, Yanto, Sok Pisey, Chan Dara, Ahmad Yusof (MTUC), Ahmad Yusof (NTUC)


def gold_extraction(path: Path) -> tuple[Extraction, list[tuple[str, str, list[str]]]]:
    """One devset file's gold annotations as an extraction, and its mentions (type, name, names)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["text_file"]).read_text(encoding="utf-8").strip()
    doc = Document(document_id(text), str(path.parent / gold["text_file"]), text, gold.get("title"),
                   gold.get("published"), gold.get("language"))
    ents: dict[str, Entity] = {}
    mentions = []

    def ev(name: str) -> list[Evidence]:
        i = max(0, text.find(name))
        return [Evidence(i, i + len(name), name)]

    for o in gold["organizations"]:
        attrs = {k: o[k] for k in ("country", "kind") if o.get(k)}
        ents[o["name"]] = Entity(entity_id("Organization", o["name"]), "Organization", o["name"],
                                 aliases=list(o.get("aliases") or []), attrs=attrs, evidence=ev(o["name"]))
        mentions.append(("Organization", o["name"], [o["name"], *(o.get("aliases") or [])]))
    for p in gold["persons"]:
        ents[p["name"]] = Entity(entity_id("Person", p["name"]), "Person", p["name"],
                                 aliases=list(p.get("aliases") or []), evidence=ev(p["name"]))
        mentions.append(("Person", p["name"], [p["name"], *(p.get("aliases") or [])]))
    rels = []
    for pos in gold["positions"]:
        if pos["person"] in ents and pos["organization"] in ents:
            s, t = ents[pos["person"]].id, ents[pos["organization"]].id
            rels.append(Relation(relation_id("HOLDS_POSITION", s, t, pos["role"]), "HOLDS_POSITION", s, t,
                                 role=pos["role"], title=pos.get("title"), evidence=ev(pos["person"])))
    for a in gold["affiliations"]:
        if a["member"] in ents and a["parent"] in ents:
            s, t = ents[a["member"]].id, ents[a["parent"]].id
            rels.append(Relation(relation_id("AFFILIATED_WITH", s, t), "AFFILIATED_WITH", s, t, evidence=ev(a["member"])))
    return Extraction(doc, list(ents.values()), rels), mentions
