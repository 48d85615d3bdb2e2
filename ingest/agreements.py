"""Agreements: MoUs, cooperation and collective agreements, joint statements.

An agreement is read where a sentence names an agreement kind (the ontology's
``agreement_kind`` labels: "nota kesepahaman", "memorandum persefahaman",
"biên bản ghi nhớ", "collective agreement", ...) together with

- a status cue (``agreement_status`` labels: "menandatangani", "signed",
  "ký kết", "berlaku", ...; or a plan marker from ``ingest/data/facts.yaml``), and
- at least two parties: organisations named in that sentence, not as part of
  someone's post ("Ủy viên Đoàn Chủ tịch Tổng Liên đoàn" is a post, not a
  party); the organisations of a person who is the subject of the signing verb
  ("Khang dijadwalkan ... menandatangani MoU dengan KSPSI" -> VGCL and KSPSI);
  "both parties" phrases (the document's first two organisations); "the
  company" (the company named last).

Status: the status cue nearest the agreement's name; a signing verb shortly
after a plan marker ("akan menandatangani", "dijadwalkan ... untuk
menandatangani", "will sign", "sẽ ký") is ``planned``. Later mentions of an
agreement kind without new parties ("MoU itu", "Under the three-year MOU",
"Theo Biên bản ghi nhớ") add topics, duration and evidence to the agreement
named last. Generic mentions ("perjanjian kerja bersama" as a training
subject, a target to sign collective agreements at every company) have no
status or no two parties and yield nothing.

Output: ``Agreement`` entities (kind, status, topics, date, date_precision,
date_note, start/end for a period "giai đoạn 2026-2030", duration_years) and
PARTY_TO relations organisation -> agreement, each with its sentences as evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from unionkg.graph.ids import compound_id, relation_id
from unionkg.graph.model import Entity, Evidence, Relation
from unionkg.ingest.context import DocContext, Mention, Sentence
from unionkg.ingest.factctx import (
    DateInfo,
    dates_in,
    first_orgs,
    in_title_phrase,
    inside,
    is_dateline,
    mentions_in,
    org_mentions_in,
    person_orgs,
    SpanSet,
    window_after,
    window_before,
)
from unionkg.ingest.factcues import VocabHit, cue_pattern, cue_regex, cues, load_facts, vocab_hits

__all__ = ["AgreementFound", "find_agreements", "agreements_found"]

# A plan marker this many words before a signing verb makes the signing planned.
PLAN_WINDOW_WORDS = 8
# A person this many words before a status cue is its subject.
SUBJECT_WINDOW_WORDS = 3


@dataclass
class AgreementFound:
    """An agreement while it is being read (the events component reads these too)."""

    kind: str
    status: str | None
    parties: list[str] = field(default_factory=list)  # organisation entity ids
    party_evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    sentences: list[int] = field(default_factory=list)
    date: DateInfo | None = None
    topics: list[str] = field(default_factory=list)
    period: tuple[str, str] | None = None
    duration_years: int | None = None
    entity_id: str | None = None
    seen: set = field(default_factory=set, repr=False, compare=False)  # (party, evidence) listed


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


_WORDS = re.compile(r"\w+")


def _few_words(text: str, start: int, end: int, limit: int) -> bool:
    """``text[start:end]`` holds at most ``limit`` words (reading no further than needed)."""
    n = 0
    for _ in _WORDS.finditer(text, start, end):
        n += 1
        if n > limit:
            return False
    return True


def _hits_outside_names(ctx: DocContext, sentence: Sentence, scheme: str) -> list[VocabHit]:
    """Labels of ``scheme`` in the sentence that are not inside an organisation or person name."""
    hits = vocab_hits(scheme, sentence.text, sentence.start)
    if not hits:
        return hits
    names = SpanSet(mentions_in(ctx, sentence, "Organization", "Person"))
    return [h for h in hits if not names.overlaps(h.start, h.end)]


def _kind_hits(ctx: DocContext, sentence: Sentence) -> list[VocabHit]:
    return _hits_outside_names(ctx, sentence, "agreement_kind")


def _status_hits(ctx: DocContext, sentence: Sentence) -> list[VocabHit]:
    return _hits_outside_names(ctx, sentence, "agreement_status")


def _marker_before(ctx: DocContext, sentence: Sentence, pos: int, cue: str, words: int) -> bool:
    """A cue phrase ends within ``words`` words before document offset ``pos`` (same sentence)."""
    # the last words before ``pos`` (a window: a marker further away is too far anyway)
    before = window_before(ctx.text, sentence.start, pos, 60 * (words + 10))
    for m in cue_pattern(cue).finditer(before):
        if _word_count(before[m.end() :]) <= words:
            return True
    return False


def _status(ctx: DocContext, sentence: Sentence, trigger: VocabHit) -> tuple[str | None, VocabHit | None]:
    hits = _status_hits(ctx, sentence)

    def distance(h: VocabHit) -> int:
        return h.start - trigger.end if h.start >= trigger.end else trigger.start - h.end

    cue = min(hits, key=distance) if hits else None
    if cue is None:
        anchor = trigger.start
        if _marker_before(ctx, sentence, anchor, "plan_markers", PLAN_WINDOW_WORDS):
            return "planned", None
        if _marker_before(ctx, sentence, anchor, "proposal_markers", PLAN_WINDOW_WORDS):
            return "proposed", None
        if cue_pattern("in_force_markers").search(sentence.text):
            return "in_force", None
        return None, None
    status = cue.id
    if status == "signed":
        if _marker_before(ctx, sentence, cue.start, "proposal_markers", PLAN_WINDOW_WORDS):
            status = "proposed"
        elif _marker_before(ctx, sentence, cue.start, "plan_markers", PLAN_WINDOW_WORDS):
            status = "planned"
    return status, cue


def _joined(ctx: DocContext, a: Mention, b: Mention) -> bool:
    """Two names printed as one group: only punctuation, parentheses, joining words
    ("dan", "and", "và", "atau", "dengan") and fillers ("the", "pihak") between them."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    between = re.sub(r"\([^)]*\)", " ", ctx.text[lo.end : hi.start])
    rest = cue_regex("{with_words}|{list_joins}|{party_fillers}").sub(" ", between)
    return not re.search(r"\w", rest) and len(between) <= 60


def _parties(ctx: DocContext, sentence: Sentence, trigger: VocabHit, status_cue: VocabHit | None) -> dict[str, Evidence]:
    """Organisations taking part in the agreement named in this sentence -> evidence.

    A party is linked to the agreement's verb, not merely printed in the sentence: the
    subject (the organisation named last before the verb), the agent after a passive verb
    ("ditandatangani seluruh organisasi anggota ASEAN TUC"), an organisation after "dengan",
    "with", "với", "between", "termasuk", and every name joined to one of these by "dan",
    "and", "và", "atau" or a comma. "Both parties" phrases stand for the document's first two
    organisations, "dengan perusahaan" for the company named last, and a person who is the
    subject of the verb ("Khang dijadwalkan ... menandatangani") for their organisations."""
    ev = Evidence(sentence.start, sentence.end, sentence.text)
    verb = status_cue or trigger
    orgs = [m for m in org_mentions_in(ctx, sentence) if not in_title_phrase(ctx, m)]
    linked: list[Mention] = []
    before = [m for m in orgs if m.end <= verb.start]
    if before:
        linked.append(before[-1])
    # the agent after the verb, or after the agreement's name when it follows the verb
    # (verb-first languages: "Lumagda ng memorandum of understanding ang TUCP at ang RENGO")
    agent_from = trigger.end if status_cue is not None and trigger.start >= status_cue.end else verb.end
    after_verb = [m for m in orgs if m.start >= agent_from and _few_words(ctx.text, agent_from, m.start, 4)]
    if after_verb and status_cue is not None:
        linked.append(after_verb[0])
    lead = cue_regex(r"(?:{with_words})(?:\s+(?:{party_fillers}))?[\s,:]*$")
    for m in orgs:
        if lead.search(ctx.text[max(sentence.start, m.start - 30) : m.start]):
            linked.append(m)
    grown = True
    while grown:  # names joined to a party are parties: "KSPSI, KSBSI, KSPI, dan NTUC"
        grown = False
        for m in orgs:
            if m not in linked and any(_joined(ctx, m, p) for p in linked):
                linked.append(m)
                grown = True
    out: dict[str, Evidence] = {}
    for m in sorted(linked, key=lambda m: m.start):
        out.setdefault(m.entity, ev)
    if status_cue is not None:
        # a person just before the status cue is its subject: their organisation is a party
        for p in mentions_in(ctx, sentence, "Person"):
            if p.end <= status_cue.start:
                if not _few_words(ctx.text, p.end, status_cue.start, PLAN_WINDOW_WORDS + 2):
                    continue  # too far before the cue to be its subject
                gap = ctx.text[p.end : status_cue.start]
                plan_gap = any(True for _ in cue_pattern("plan_markers").finditer(gap))
                if _word_count(gap) <= SUBJECT_WINDOW_WORDS or (plan_gap and _word_count(gap) <= PLAN_WINDOW_WORDS + 2):
                    if not any(o.start >= p.end and o.end <= status_cue.start for o in orgs):
                        for org in person_orgs(ctx, p.entity):
                            out.setdefault(org, ev)
    if cue_pattern("both_parties").search(sentence.text):
        for org in first_orgs(ctx, 2):
            out.setdefault(org, ev)
    # "dengan perusahaan", "with the company": the company named last ("tại 100% doanh nghiệp" is not)
    if cue_regex(r"(?:{with_words})\s+(?:{company_references})").search(sentence.text):
        company = _last_company(ctx, sentence)
        if company:
            out.setdefault(company, ev)
    return out


def _is_back_reference(ctx: DocContext, sentence: Sentence, trigger: VocabHit) -> bool:
    """The agreement's name is pointed back to: "MoU itu", "the three-year MOU",
    "theo Biên bản ghi nhớ mới", "Menerusi MoU berkenaan"."""
    before = window_before(ctx.text, sentence.start, trigger.start)
    words_before = list(re.finditer(r"[\w'-]+", before))
    if len(words_before) <= 3 and len(before) < trigger.start - sentence.start:
        before = ctx.text[sentence.start : trigger.start]
        words_before = list(re.finditer(r"[\w'-]+", before))
    words_before = words_before[-3:]
    if words_before and cue_pattern("back_references", "before").search(before[words_before[0].start() :]):
        return True
    after = window_after(ctx.text, trigger.end, sentence.end, 600)
    after = re.sub(r"^\s*\([^)]*\)", "", after)  # the acronym in parentheses: "(MoU)"
    first_words = list(re.finditer(r"[\w'-]+", after))[:2]
    return bool(first_words and cue_pattern("back_references", "after").search(after[: first_words[-1].end()]))


def _last_company(ctx: DocContext, sentence: Sentence) -> str | None:
    best = None
    for m in _company_mentions(ctx):
        if m.start < sentence.end:
            best = m.entity
    return best


def _company_mentions(ctx: DocContext) -> list[Mention]:
    """Mentions of companies in ``ctx.mentions`` order (found once per state of the mentions)."""
    cached = getattr(ctx, "_facts_companies", None)
    if cached is None or cached[0] != len(ctx.mentions):
        found = [m for m in ctx.mentions if m.type == "Organization" and m.entity in ctx.entities
                 and ctx.entities[m.entity].attrs.get("kind") == "company"]
        cached = (len(ctx.mentions), found)
        setattr(ctx, "_facts_companies", cached)
    return cached[1]


def _nearest_date(ctx: DocContext, sentence: Sentence, anchor: int) -> DateInfo | None:
    dates = [d for d in dates_in(ctx, sentence) if not is_dateline(ctx, d)]
    if not dates:
        return None
    # a day beats a month or year printed nearer ("will receive ... from January under a new
    # collective agreement signed ... on Friday (Dec 12)")
    return min(dates, key=lambda d: (d.precision != "day", abs(d.start - anchor)))


def _event_day(ctx: DocContext, sentence: Sentence) -> DateInfo | None:
    """The day of the event an undated agreement sentence names ("Rapat menghasilkan pernyataan
    bersama ..."): the day printed last with the same event word in an earlier sentence."""
    kinds = {h.id for h in vocab_hits("event_kind", sentence.text)}
    if not kinds:
        return None
    days_by_kind = _event_days(ctx)
    best: tuple[int, DateInfo] | None = None
    for kind in kinds:
        found = days_by_kind.get(kind)
        if not found:
            continue
        i = bisect_left(found, (sentence.index,)) - 1  # the last sentence before this one
        if i >= 0 and (best is None or found[i][0] > best[0]):
            best = found[i]
    return best[1] if best else None


def _event_days(ctx: DocContext) -> dict[str, list[tuple[int, DateInfo]]]:
    """Event kind -> (sentence index, first day printed there) for every sentence that names the
    kind and prints a day (not a dateline), in text order; built once per document."""
    cached = getattr(ctx, "_facts_event_days", None)
    if cached is not None and cached[0] == len(ctx.mentions):
        return cached[1]
    out: dict[str, list[tuple[int, DateInfo]]] = {}
    for s in ctx.sentences:
        kinds = {h.id for h in vocab_hits("event_kind", s.text)}
        if not kinds:
            continue
        days = [d for d in dates_in(ctx, s) if d.precision == "day" and not is_dateline(ctx, d)]
        if days:
            for kind in kinds:
                out.setdefault(kind, []).append((s.index, days[0]))
    for found in out.values():
        found.sort(key=lambda t: t[0])
    setattr(ctx, "_facts_event_days", (len(ctx.mentions), out))
    return out


_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _duration_re() -> tuple[re.Pattern[str], dict[str, int]]:
    units = "|".join(re.escape(u) for u in cues("duration_units"))
    words = {str(k).casefold(): int(v) for lang in (load_facts().get("number_words") or {}).values()
             for k, v in (lang or {}).items()}
    numbers = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(\d{{1,2}}|{numbers})[\s-]*(?:{units})(?!\w)", re.IGNORECASE), words


def _duration(text: str) -> int | None:
    pattern, words = _duration_re()
    m = pattern.search(text)
    if not m:
        return None
    n = m.group(1).casefold()
    return int(n) if n.isdigit() else words.get(n)


def _add_details(ctx: DocContext, agr: AgreementFound, sentence: Sentence, from_offset: int) -> None:
    """Topics, period and duration printed in (the rest of) a sentence about the agreement."""
    names = mentions_in(ctx, sentence, "Organization", "Person", "Title")
    text_from = max(from_offset, sentence.start)
    for h in vocab_hits("topic", ctx.text[text_from : sentence.end], text_from):
        if not inside(h.start, h.end, names) and h.id not in agr.topics:
            agr.topics.append(h.id)
    if agr.period is None:
        pm = _PERIOD.search(ctx.text[text_from : sentence.end])
        if pm and pm.group(1) <= pm.group(2):
            agr.period = (pm.group(1), pm.group(2))
    if agr.duration_years is None:
        agr.duration_years = _duration(sentence.text)
    if sentence.index not in agr.sentences:
        agr.sentences.append(sentence.index)


def agreements_found(ctx: DocContext) -> list[AgreementFound]:
    """Read the agreements of a document (without writing them to the context)."""
    found: list[AgreementFound] = []
    last_attached: int | None = None  # the sentence index an agreement was last talked about in
    for sentence in ctx.sentences:
        hits = _kind_hits(ctx, sentence)
        if not hits:
            # "Hai bên cũng thống nhất ..." right after an agreement sentence: more of its content
            if found and last_attached == sentence.index - 1 and cue_pattern("both_parties").search(sentence.text):
                _add_details(ctx, found[-1], sentence, sentence.start)
                last_attached = sentence.index
            elif found and _status_hits(ctx, sentence) and any(
                h.id == "signed" for h in _status_hits(ctx, sentence)
            ) and last_attached is not None and sentence.index - last_attached <= 3:
                # "It was signed by ..." — the signing of the agreement named just before
                found[-1].sentences.append(sentence.index)
            continue
        specific = [h for h in hits if h.id != "other"]
        trigger = (specific or hits)[0]
        status, cue = _status(ctx, sentence, trigger)
        parties = _parties(ctx, sentence, trigger, cue)
        target = None
        if found and _is_back_reference(ctx, sentence, trigger):
            parties = {}
        if status is not None and len(parties) >= 2:
            for agr in found:
                if (agr.kind == trigger.id or "other" in (agr.kind, trigger.id)) and len(set(agr.parties) & set(parties)) >= 2:
                    target = agr
                    break
            if target is None:
                target = AgreementFound(kind=trigger.id, status=status)
                found.append(target)
            elif target.status is None:
                target.status = status
            for org, ev in parties.items():
                if org not in target.parties:
                    target.parties.append(org)
                target.party_evidence.setdefault(org, [])
                if (org, ev) not in target.seen:  # a set: the lists grow long in long texts
                    target.seen.add((org, ev))
                    target.party_evidence[org].append(ev)
            if target.date is None:
                target.date = _nearest_date(ctx, sentence, cue.start if cue else trigger.start) or \
                    _event_day(ctx, sentence)
            if target.kind == "other" and trigger.id != "other":
                target.kind = trigger.id
        elif found:
            # a later mention ("MoU itu", "the agreement"): the same kind named last, else the last one
            same = [a for a in found if a.kind == trigger.id]
            target = same[-1] if same and trigger.id != "other" else found[-1]
        if target is None:
            continue
        _add_details(ctx, target, sentence, trigger.start)
        last_attached = sentence.index
    return found


def find_agreements(ctx: DocContext) -> None:
    """Pipeline component: add Agreement entities and PARTY_TO relations."""
    found = agreements_found(ctx)
    setattr(ctx, "_facts_agreements", found)  # the events component reads the signings
    for agr in found:
        if len(agr.parties) < 2:
            continue
        date_value = agr.date.value if agr.date else None
        eid = compound_id("Agreement", agr.kind, date_value, agr.parties)
        agr.entity_id = eid
        wanted = set(agr.sentences)
        sentences = [s for s in ctx.sentences if s.index in wanted]
        evidence = [Evidence(s.start, s.end, s.text) for s in sentences]
        first = sentences[0] if sentences else None
        attrs = {
            "kind": agr.kind,
            "status": agr.status,
            "topics": list(agr.topics),
            "date": date_value,
            "date_precision": agr.date.precision if agr.date else None,
        }
        if agr.date and agr.date.note:
            attrs["date_note"] = agr.date.note
        if agr.period:
            attrs["start"], attrs["end"] = agr.period
        if agr.duration_years:
            attrs["duration_years"] = agr.duration_years
        name = _agreement_name(ctx, agr, first)
        ctx.add_entity(Entity(eid, "Agreement", name, [], attrs, evidence))
        for org in agr.parties:
            rid = relation_id("PARTY_TO", org, eid)
            ctx.add_relation(Relation(rid, "PARTY_TO", org, eid, evidence=list(agr.party_evidence.get(org) or evidence[:1])))


def _agreement_name(ctx: DocContext, agr: AgreementFound, first: Sentence | None) -> str:
    """A readable name: the kind as printed and the parties ("nota kesepahaman KSPSI – CLC")."""
    printed = agr.kind
    if first is not None:
        hits = [h for h in _kind_hits(ctx, first) if h.id == agr.kind]
        if hits:
            printed = hits[0].text
    names = [ctx.entities[o].name for o in agr.parties if o in ctx.entities]
    return f"{printed} {' – '.join(names)}".strip()
