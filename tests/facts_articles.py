"""The fact-component test articles (``tests/articles/facts/*.txt``, own writing) and their
hand annotations (``*.yaml``): a hand-filled DocContext standing in for the core
recognisers, and checks of what agreements/events/member counts must read."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from unionkg.graph.ids import document_id, entity_id, fold, relation_id
from unionkg.graph.model import Document, Entity, Extraction, Relation
from unionkg.ingest.context import DocContext, Mention, Sentence

ARTICLES = Path(__file__).parent / "articles" / "facts"


def article_names() -> list[str]:
    return sorted(p.stem for p in ARTICLES.glob("*.txt"))


def load(name: str) -> tuple[str, dict]:
    text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    ann = yaml.safe_load((ARTICLES / f"{name}.yaml").read_text(encoding="utf-8"))
    return text, ann


def split_sentences(text: str) -> list[Sentence]:
    """Lines, then sentence ends before a capital letter or a quote."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        base, body, last = line.start(), line.group(0), 0
        for m in re.finditer(r"(?<=[.!?”\"])\s+(?=[A-Z“\"ĐÂ])", body):
            if body[last : m.start()].strip():
                spans.append((base + last, base + m.start()))
            last = m.end()
        if body[last:].strip():
            spans.append((base + last, base + len(body)))
    return [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]


def hand_context(text: str, ann: dict) -> DocContext:
    """A DocContext filled by hand from the annotations: sentences, organisation and person
    mentions (every printed name or alias), HOLDS_POSITION relations."""
    doc = Document(id=document_id(text), source="test", text=text, language=ann["language"])
    published = ann["published"]
    if isinstance(published, str):
        published = date.fromisoformat(published)
    ctx = DocContext(document=doc, language=ann["language"], published=published)
    ctx.sentences = split_sentences(text)
    names: list[tuple[str, str, str]] = []
    org_ids: dict[str, str] = {}
    for o in ann.get("organizations") or []:
        eid = entity_id("Organization", o["name"])
        ctx.entities[eid] = Entity(eid, "Organization", o["name"], list(o.get("aliases") or []), {"kind": o.get("kind")})
        for n in [o["name"], *(o.get("aliases") or [])]:
            names.append((n, eid, "Organization"))
            org_ids[n] = eid
    for p in ann.get("persons") or []:
        eid = entity_id("Person", p["name"])
        ctx.entities[eid] = Entity(eid, "Person", p["name"], list(p.get("aliases") or []))
        for n in [p["name"], *(p.get("aliases") or [])]:
            names.append((n, eid, "Person"))
        for pos in p.get("positions") or []:
            oid = org_ids[pos["org"]]
            rid = relation_id("HOLDS_POSITION", eid, oid, "other")
            ctx.relations[rid] = Relation(rid, "HOLDS_POSITION", eid, oid, role="other", title=pos.get("title"))
    taken = [False] * len(text)
    for n, eid, typ in sorted(names, key=lambda x: -len(x[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            s = ctx.sentence_at(m.start())
            ctx.mentions.append(Mention(m.start(), m.end(), n, typ, s.index if s else -1, eid))
    ctx.mentions.sort(key=lambda m: m.start)
    return ctx


# -- checks over an Extraction ------------------------------------------------------------


def _names(e: Entity) -> set[str]:
    return {fold(n) for n in [e.name, *e.aliases]}


def _same_name(have: set[str], wanted: str, loose: bool) -> bool:
    """Folded equality; ``loose`` also takes a name cut short by the recogniser when it keeps
    the first three words or more ("Pimpinan Unit Kerja Serikat Pekerja Metal Indonesia" for
    the full PUK name): organisation names are the recognisers' business, not these tests'."""
    key = fold(wanted)
    if key in have:
        return True
    if not loose:
        return False
    for h in have:
        short, long_ = sorted((h.split(), key.split()), key=len)
        if len(short) >= 3 and long_[: len(short)] == short:
            return True
    return False


def find_org(ex: Extraction, name: str, loose: bool = False) -> Entity | None:
    for e in ex.entities:
        if e.type == "Organization" and _same_name(_names(e), name, loose):
            return e
    return None


def linked(ex: Extraction, rel_type: str, target: str) -> list[Entity]:
    ids = [r.source for r in ex.relations if r.type == rel_type and r.target == target]
    return [e for e in ex.entities if e.id in ids]


def covers(ex: Extraction, entities: list[Entity], wanted: list[str], loose: bool = False) -> bool:
    return all(any(_same_name(_names(e), w, loose) for e in entities) for w in wanted)


def check(ex: Extraction, expect: dict, loose: bool = False, skip: tuple[str, ...] = ()) -> list[str]:
    """What the extraction gets wrong against the expectations (empty when right); ``skip``
    leaves out expectation keys (e.g. what a recogniser is known to miss)."""
    expect = {k: v for k, v in expect.items() if k not in skip}
    problems: list[str] = []
    agreements = [e for e in ex.entities if e.type == "Agreement"]
    events = [e for e in ex.entities if e.type == "Event"]
    if "agreement_count" in expect and len(agreements) != expect["agreement_count"]:
        problems.append(f"{len(agreements)} agreements, expected {expect['agreement_count']}: {[a.name for a in agreements]}")
    for want in expect.get("agreements") or []:
        hits = [a for a in agreements if covers(ex, linked(ex, "PARTY_TO", a.id), want["parties"], loose)]
        if not hits:
            problems.append(f"no agreement with parties {want['parties']}")
            continue
        a = hits[0]
        for key in ("kind", "status", "date", "start", "end"):
            if key in want and a.attrs.get(key) != want[key]:
                problems.append(f"agreement {a.name}: {key}={a.attrs.get(key)!r}, expected {want[key]!r}")
        for topic in want.get("topics") or []:
            if topic not in (a.attrs.get("topics") or []):
                problems.append(f"agreement {a.name}: topic {topic} missing from {a.attrs.get('topics')}")
        if not a.evidence:
            problems.append(f"agreement {a.name} has no evidence")
    for want in expect.get("events") or []:
        hits = [e for e in events if e.attrs.get("date") == want["date"] and e.attrs.get("kind") == want["kind"]
                and covers(ex, linked(ex, "PARTICIPATED_IN", e.id), want["participants"], loose)]
        if not hits:
            problems.append(f"no {want['kind']} on {want['date']} with {want['participants']}: "
                            f"{[(e.attrs.get('kind'), e.attrs.get('date'), [p.name for p in linked(ex, 'PARTICIPATED_IN', e.id)]) for e in events]}")
        elif "location" in want and hits[0].attrs.get("location") != want["location"]:
            problems.append(f"event {hits[0].name}: location {hits[0].attrs.get('location')!r}, expected {want['location']!r}")
    for kind, n in (expect.get("event_count") or {}).items():
        got = sum(1 for e in events if e.attrs.get("kind") == kind)
        if got != n:
            problems.append(f"{got} {kind} events, expected {n}")
    for org, members in (expect.get("members") or {}).items():
        e = find_org(ex, org, loose)
        if e is None or e.attrs.get("members") != members:
            problems.append(f"{org}: members {None if e is None else e.attrs.get('members')}, expected {members}")
    for org in expect.get("no_members") or []:
        e = find_org(ex, org, loose)
        if e is not None and e.attrs.get("members") is not None:
            problems.append(f"{org}: members {e.attrs.get('members')}, expected none")
    for r in ex.relations:
        if r.type in ("PARTY_TO", "PARTICIPATED_IN", "HELD_IN") and not r.evidence:
            problems.append(f"{r.type} {r.source}->{r.target} has no evidence")
        for ev in r.evidence:
            if ex.document.text[ev.start : ev.end] != ev.text:
                problems.append(f"{r.type} evidence span does not match its text")
    return problems
