"""Events: meetings, visits, congresses, conferences, elections, trainings, protests.

Trigger words are the ontology's ``event_kind`` labels ("pertemuan", "kongres",
"đại hội", "meeting", "visit", "terpilih", "unjuk rasa", ...), skipped inside
names ("Kongres Kesatuan Sekerja Malaysia", "Departemen Pendidikan dan
Pelatihan") and dates ("by March"). Each trigger takes the date printed after
it in its sentence (or a day printed before the first trigger), the place
printed with a locative word ("di Jakarta", "tại Hà Nội", or a dateline), and
as participants the organisations of its sentence and of the people named there
(their HOLDS_POSITION organisations).

One event per happening, not per sentence: a mention joins an earlier event of
the same kind with the same day; a mention with no date joins the event of its
kind talked about last ("Dalam pertemuan tersebut", "Kongres kemudian ...");
"sejak/from/từ" + a day moves a multi-day event to its first day; an election
stays apart from the congress it happens at. Sentences right after an event
with attendance words ("Turut hadir", "Witnessing the signing were", "Về phía
Lào có") add their organisations. A signed agreement with a day is a signing
meeting of its parties. Quoted speech only refers back to events, never starts one.

Output: ``Event`` entities (kind, date, date_precision, date_note, location),
PARTICIPATED_IN organisation/person -> event and HELD_IN event -> place, each
with its sentence as evidence.

Time is linear in the length of the text: the words around a trigger are read
from windows, dates further than ``_FAR_CHARS`` after a trigger are not counted
(too far for any word window), evidence lists are checked through sets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date as _date
from itertools import islice

from unionkg.graph.ids import compound_id, relation_id
from unionkg.graph.model import Entity, Evidence, Relation
from unionkg.ingest import places
from unionkg.ingest.context import DocContext, Mention, Sentence
from unionkg.ingest.factctx import (
    DateInfo,
    dates_in,
    is_dateline,
    first_orgs,
    inside,
    mentions_in,
    org_mentions_in,
    person_orgs,
    quoted_spans,
    SpanSet,
    window_after,
    window_before,
)
from unionkg.ingest.factcues import VocabHit, cue_pattern, cue_regex, vocab_hits

__all__ = ["find_events"]

# A date further than this many words after a trigger belongs to something else
# (names count as one word); only a day is taken from further away.
DATE_WINDOW_WORDS = 12
# Languages whose words are written as separate syllables ("tổ chức", "tập huấn"): count twice as many.
_SYLLABIC = {"vi": 2}
# Days between the first and a later day of one multi-day event.
MAX_EVENT_DAYS = 7
# Kinds that name the same happening in different words ("pertemuan tingkat tinggi" then
# "pertemuan tersebut"): merged as one kind.
_FAMILY = {"conference": "meeting"}


def _family(kind: str) -> str:
    return _FAMILY.get(kind, kind)


@dataclass
class _Event:
    kind: str
    date: DateInfo | None
    trigger: str
    first_sentence: int
    participants: dict[str, list[Evidence]] = field(default_factory=dict)
    persons: dict[str, list[Evidence]] = field(default_factory=dict)
    sentences: list[int] = field(default_factory=list)
    place: Mention | None = None
    more_places: list[Mention] = field(default_factory=list)  # "di Batam dan Surabaya": one event each
    touched: int = 0  # the order in which events were last talked about
    # (table, who, evidence) already listed: a set answers at once where the lists grow long
    seen: set = field(default_factory=set, repr=False, compare=False)

    def note(self, table: dict[str, list[Evidence]], who: str, evid: Evidence) -> None:
        """Add evidence for a participant (``participants`` or ``persons``) unless listed already."""
        lst = table.setdefault(who, [])
        key = (table is self.persons, who, evid)
        if key not in self.seen:
            self.seen.add(key)
            lst.append(evid)


@dataclass
class _Slot:
    kind: str
    hits: list[VocabHit]
    date: DateInfo | None
    quoted: bool
    range_start: bool = False
    backref: bool = False


# Text further than this many characters from a trigger is too far for any of the word windows
# (24 words at most): the count stops there, so that a long sentence costs linear time.
_FAR_CHARS = 2000


def _tokens(ctx: DocContext, start: int, end: int, names: tuple[list[Mention], list[int]]) -> int:
    """Words between two offsets, a name counting as one word (counted over at most
    ``_FAR_CHARS`` characters: further than that is always too far). ``names`` are in
    text order, with their start offsets."""
    end = min(end, start + _FAR_CHARS)
    text = ctx.text[start:end]
    n = len(_WORD.findall(text))
    mentions, starts = names
    for i in range(bisect_left(starts, start), bisect_left(starts, end)):
        m = mentions[i]
        if m.end <= end:
            n -= max(0, len(_WORD.findall(m.text)) - 1)
    return max(n, 0)


_WORD = re.compile(r"\w+")


def _in_list(ctx: DocContext, sentence: Sentence, h: VocabHit) -> bool:
    """The trigger is an item of a list of common nouns ("protection, training and representation",
    "pendidikan, pelatihan, dan penguatan kapasitas"): a subject, not a happening."""
    # windows, not the whole rest of the sentence: the patterns read a few words either side
    before = window_before(ctx.text, sentence.start, h.start)
    after = window_after(ctx.text, h.end, sentence.end)
    if re.search(r",\s*$", before) or cue_regex(r",\s*(?:{list_joins})\s*$").search(before):
        return True
    # the first item: "pelatihan, pendidikan dan ..." (a join within the next three words)
    return bool(cue_regex(r"\s*,\s*(?:[^\W\d_]+\s+){0,3}(?i:{list_joins})\s+[^\W\d_A-ZĐ]", 0).match(after))


_WORDISH = re.compile(r"[\w'-]+")


def _words_around(ctx: DocContext, sentence: Sentence, start: int, end: int, n_before: int, n_after: int):
    """The text before ``start`` and after ``end`` in the sentence (windows when these hold
    enough words) with their last ``n_before`` and first ``n_after`` word matches."""
    before = window_before(ctx.text, sentence.start, start)
    words = list(_WORDISH.finditer(before))
    if len(words) <= n_before and len(before) < start - sentence.start:
        before = ctx.text[sentence.start : start]
        words = list(_WORDISH.finditer(before))
    after = window_after(ctx.text, end, sentence.end)
    first = list(islice(_WORDISH.finditer(after), n_after + 1))
    if len(first) <= n_after and len(after) < sentence.end - end:
        after = ctx.text[end : sentence.end]
        first = list(islice(_WORDISH.finditer(after), n_after + 1))
    return before, words[-n_before:] if n_before else [], after, first[:n_after]


def _back_referenced(ctx: DocContext, sentence: Sentence, h: VocabHit) -> bool:
    """"pertemuan tersebut", "the meeting", "Dalam rapat yang sama", "Persidangan itu"."""
    before, words, after, first = _words_around(ctx, sentence, h.start, h.end, 2, 4)
    nxt = cue_pattern("next_markers")
    if (words and nxt.search(before[words[0].start() :])) or (first and nxt.search(after[: first[min(1, len(first) - 1)].end()])):
        return False  # "the next meeting", "kunjungan balasan": a new event
    if words and cue_pattern("back_references", "before").search(before[words[0].start() :]):
        return True
    return bool(first and cue_pattern("back_references", "after").search(after[: first[-1].end()]))


_ORDINAL = re.compile(r"(?<!\w)(?:[IVXLC]+|\d+(?:st|nd|rd|th)?|ke-?\d+|lần thứ \w+)(?!\w)")


def _numbered_event_name(m: Mention) -> bool:
    """"Kongres V", "20th National Congress", "Đại hội lần thứ VI" read as a name: a numbered
    event, not an organisation, so its event word still counts."""
    if m.type != "Organization" or not _ORDINAL.search(m.text):
        return False
    hits = vocab_hits("event_kind", m.text)
    return bool(hits) and (hits[0].start == 0 or hits[-1].end == len(m.text))


_BARE_CONGRESS = re.compile(r"(?:^|[^\w\s]\s*|\b(?:if|when|unless|until|after|before|and|but|that|as|while|because)\s+)$")


def _legislature(ctx: DocContext, sentence: Sentence, h) -> bool:
    """"if Congress failed to act": a bare capitalised "Congress" with no article, ordinal or
    body before it, followed by a verb in lower case, is the legislature, not a union congress
    ("the congress", "its 10th Congress", "TUCP Congress" stay events)."""
    if h.id != "congress" or ctx.text[h.start:h.end] != "Congress":
        return False
    before = ctx.text[max(sentence.start, h.start - 30): h.start]
    after = ctx.text[h.end: h.end + 20].lstrip()
    return bool(_BARE_CONGRESS.search(before)) and after[:1].islower()


def _slots(ctx: DocContext, sentence: Sentence) -> list[_Slot]:
    found = vocab_hits("event_kind", sentence.text, sentence.start)
    if not found:
        return []  # most sentences name no event: nothing else to read
    names = sorted(mentions_in(ctx, sentence, "Organization", "Person", "Title"), key=lambda m: m.start)
    named = (names, [m.start for m in names])
    # a trigger inside a name is part of the name; a title word may overlap a trigger
    # ("Persidangan Perwakilan"), so titles only count as one word for distances
    containers = SpanSet(m for m in names if m.type != "Title" and not _numbered_event_name(m))
    name_spans = SpanSet(names)
    dates = [d for d in dates_in(ctx, sentence) if not name_spans.overlaps(d.start, d.end) and not is_dateline(ctx, d)]
    date_spans = SpanSet((d.start, d.end) for d in dates)
    quotes = SpanSet(quoted_spans(sentence))
    hits = [h for h in found
            if not containers.overlaps(h.start, h.end) and not date_spans.overlaps(h.start, h.end)
            and not _in_list(ctx, sentence, h) and not _legislature(ctx, sentence, h)]
    if not hits:
        return []
    own: list[DateInfo | None] = []
    refs: list[bool] = []
    for i, h in enumerate(hits):
        backref = _back_referenced(ctx, sentence, h)
        refs.append(backref)
        window = (4 if backref else DATE_WINDOW_WORDS) * _SYLLABIC.get(ctx.language or "", 1)
        seg_end = hits[i + 1].start if i + 1 < len(hits) else sentence.end
        mine = None
        for d in dates:
            if d.start - h.end > _FAR_CHARS:
                break  # dates are in text order: the rest are further still
            if h.end <= d.start < seg_end and _tokens(ctx, h.end, d.start, named) <= window:
                mine = d
                break
        if mine is None and i == 0 and not backref:
            # a day printed before the first trigger: at the head of the sentence ("Ngày 15/12, tại
            # Hà Nội, ...", "Trước đó, chiều 14/12, ...") or close before it
            for d in reversed([d for d in dates if d.end <= h.start and d.precision == "day"]):
                if _tokens(ctx, sentence.start, d.start, named) <= 3 or _tokens(ctx, d.end, h.start, named) <= window:
                    mine = d
                    break
        if mine is None and not backref and not any(refs[:-1]) and all(o is None for o in own):
            # the day closing the sentence dates its first event ("... di Jakarta, Selasa-Kamis (25-27/11).")
            last = dates[-1] if dates else None
            if last is not None and last.precision == "day" and last.start > h.end and not re.search(r"\w", ctx.text[last.end : sentence.end].replace("kemarin", "")):
                mine = last
        own.append(mine)
    # a trigger without a date of its own shares a day printed for another trigger of the
    # sentence ("kunjungan kerja ke Laos untuk bertemu ..., Rabu (19/11)")
    days = [d for d in own if d is not None and d.precision == "day"]
    slots: list[_Slot] = []
    for h, d, backref in zip(hits, own, refs):
        if d is None and days and not backref:
            d = min(days, key=lambda x: abs(x.start - h.start))
        quoted = inside(h.start, h.end, quotes)
        rs = False
        if d is not None:
            lead = ctx.text[max(sentence.start, d.start - 12) : d.start]
            rs = bool(cue_regex(r"(?:{range_starts})\s*$").search(lead))
        merged = False
        for s in slots:
            same_date = (s.date is None and d is None) or (s.date is not None and d is not None and s.date.value == d.value)
            if same_date and ("election" not in (s.kind, h.id) or s.kind == h.id):
                s.hits.append(h)
                s.backref = s.backref and backref
                if s.kind == "other":
                    s.kind = h.id
                merged = True
                break
        if not merged:
            slots.append(_Slot(h.id, [h], d, quoted, rs, backref))
    return slots


def _day(d: DateInfo | None) -> _date | None:
    if d is None or d.precision != "day" or not d.value:
        return None
    try:
        return _date.fromisoformat(d.value)
    except ValueError:
        return None


def _place_for(ctx: DocContext, sentence: Sentence, kind: str) -> Mention | None:
    """The place an event in this sentence happens at: one after a locative word, else a dateline."""
    found = mentions_in(ctx, sentence, "Place")
    if not found:
        return None
    preps = cue_regex(r"(?:{place_prepositions.at}|{place_prepositions.to})\s*$" if kind == "visit"
                      else r"(?:{place_prepositions.at})\s*$")
    for p in found:
        lead = ctx.text[max(sentence.start, p.start - 12) : p.start]
        if preps.search(lead):
            return p
        if kind == "visit":
            # the object of a visit verb: "mengunjungi Indonesia", "visited Laos", "đến thăm Lào"
            lead = ctx.text[max(sentence.start, p.start - 30) : p.start]
            if any(h.id == "visit" and not lead[h.end :].strip() for h in vocab_hits("event_kind", lead)):
                return p
    first = found[0]
    if first.start - sentence.start <= 1 and re.match(r"\s*[,–—-]", ctx.text[first.end : first.end + 3]):
        return first  # "JOHOR BAHRU, 18 Dis -- ...", "Jakarta - ..."
    return None


_MEMBER_KINDS = {"union", "federation", "confederation", "regional_body", "global_union"}


def _unit_parents(ctx: DocContext, org: str) -> list[str]:
    """The parents of a unit (department, office, committee): when a unit takes part, so does
    its organisation. Member unions are not units: a federation at a meeting is not its confederation."""
    entity = ctx.entities.get(org)
    if entity is None or entity.attrs.get("kind") in _MEMBER_KINDS:
        return []
    cached = getattr(ctx, "_facts_parents", None)
    if cached is None or cached[0] != len(ctx.relations):  # AFFILIATED_WITH by source, built once
        by_source: dict[str, list] = {}
        for r in ctx.relations.values():
            if r.type == "AFFILIATED_WITH":
                by_source.setdefault(r.source, []).append(r)
        cached = (len(ctx.relations), by_source)
        setattr(ctx, "_facts_parents", cached)
    return [r.target for r in cached[1].get(org, ()) if r.target in ctx.entities]


def _pronoun_subject(ctx: DocContext, sentence: Sentence, people: list[Mention]) -> str | None:
    """"Ia menyebut ...", "He said ...": the person named last in the sentence before."""
    m = re.match(r"\s*[\w']+", sentence.text)
    if not m or not cue_pattern("subject_pronouns").fullmatch(m.group(0).strip()):
        return None
    if any(p.start < sentence.start + m.end() + 1 for p in people):
        return None  # "Ông Quân nói": a title before a name, not a pronoun
    prev = [p for p in ctx.mentions if p.type == "Person" and p.entity in ctx.entities
            and p.sentence == sentence.index - 1]
    return prev[-1].entity if prev else None


def _joined_places(ctx: DocContext, sentence: Sentence, first: Mention) -> list[Mention]:
    """Places listed after the first with "dan", "and", "và" or commas ("di Batam dan Surabaya")."""
    out: list[Mention] = []
    last = first
    for p in mentions_in(ctx, sentence, "Place"):
        if p.start <= last.start:
            continue
        gap = ctx.text[last.end : p.start]
        if cue_regex(r"\s*(?:,\s*)?(?:(?:{list_joins})\s+)?").fullmatch(gap) and gap.strip(" ,"):
            out.append(p)
            last = p
        elif p.start > last.end:
            break
    return out


class _Reader:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.events: list[_Event] = []
        self.clock = 0

    def touch(self, ev: _Event) -> None:
        self.clock += 1
        ev.touched = self.clock

    def latest(self, kind: str | None = None) -> _Event | None:
        pool = [e for e in self.events if kind is None or _family(e.kind) == _family(kind)]
        return max(pool, key=lambda e: e.touched) if pool else None

    def add_sentence(self, ev: _Event, sentence: Sentence, with_persons: bool = True) -> None:
        ctx = self.ctx
        evid = Evidence(sentence.start, sentence.end, sentence.text)

        def add_org(org: str) -> None:
            ev.note(ev.participants, org, evid)
            for parent in _unit_parents(ctx, org):
                ev.note(ev.participants, parent, evid)

        if sentence.index not in ev.sentences:
            ev.sentences.append(sentence.index)
        for m in org_mentions_in(ctx, sentence):
            add_org(m.entity)
        if cue_pattern("both_parties").search(sentence.text):
            for org in first_orgs(ctx, 2):
                add_org(org)
        if with_persons:
            people = [p for p in mentions_in(ctx, sentence, "Person") if p.entity in ctx.entities]
            subject = _pronoun_subject(ctx, sentence, people)
            for pid in [p.entity for p in people] + ([subject] if subject else []):
                ev.note(ev.persons, pid, evid)
                for org in person_orgs(ctx, pid):
                    add_org(org)
        if ev.place is None:
            ev.place = _place_for(ctx, sentence, ev.kind)
            if ev.place is not None:
                ev.more_places = _joined_places(ctx, sentence, ev.place)

    def place_slot(self, slot: _Slot, sentence: Sentence, sentence_date: DateInfo | None = None) -> _Event | None:
        kind, d = slot.kind, slot.date
        target = None
        if d is not None:
            for e in self.events:
                if e.date is not None and e.date.value == d.value and (_family(e.kind) == _family(kind) or "other" in (e.kind, kind)):
                    target = e
                    break
            if target is None and slot.range_start and d.precision == "day":
                last = self.latest(kind)
                a, b = _day(d), _day(last.date) if last else None
                if last is not None and (b is None or (a and abs((a - b).days) <= MAX_EVENT_DAYS)):
                    target = last
                    if b is None or (a and a < b):
                        target.date = d
            if target is None:
                last = self.latest(kind)
                if last is not None and last.date is None:
                    target = last  # the headline named it, the body dates it
                    target.date = d
        else:
            target = self.latest(kind)
            if target is None and (kind == "other" or slot.backref):
                target = self.latest()
            if target is None and sentence_date is not None and not slot.quoted:
                # "Dalam rapat yang sama, ... terpilih ...": dated by the event the sentence refers to
                d = sentence_date
        if target is None:
            if slot.quoted or d is None:
                return None  # a passing word with no date starts nothing
            target = _Event(kind, d, slot.hits[0].text if slot.hits else "signing", sentence.index)
            self.events.append(target)
        elif target.kind == "other" and kind != "other":
            target.kind = kind
        self.touch(target)
        self.add_sentence(target, sentence)
        return target


def _signings(ctx: DocContext) -> dict[int, tuple[list[str], DateInfo, set[int]]]:
    """Signed agreements with a day: parties, day and the sentences that talk about the signing."""
    from unionkg.ingest.agreements import agreements_found

    found = getattr(ctx, "_facts_agreements", None)
    if found is None:
        found = agreements_found(ctx)
    out: dict[int, tuple[list[str], DateInfo, set[int]]] = {}
    for i, agr in enumerate(found):
        if agr.status == "signed" and agr.date is not None and agr.date.precision == "day" and len(agr.parties) >= 2:
            if agr.sentences:
                out[i] = (list(agr.parties), agr.date, set(agr.sentences))
    return out


def find_events(ctx: DocContext) -> None:
    """Pipeline component: add Event entities with PARTICIPATED_IN and HELD_IN relations."""
    places.find_places(ctx)
    reader = _Reader(ctx)
    signings = _signings(ctx)
    signing_events: dict[int, _Event] = {}
    attendance = cue_pattern("attendance_cues")
    current: list[_Event] = []
    for sentence in ctx.sentences:
        touched: list[_Event] = []
        for key, (parties, d, sentences) in signings.items():
            if sentence.index not in sentences:
                continue
            ev = signing_events.get(key)
            if ev is None:
                ev = reader.place_slot(_Slot("meeting", [], d, False), sentence)
                if ev is None:
                    continue
                signing_events[key] = ev
                evid = Evidence(sentence.start, sentence.end, sentence.text)
                for org in parties:
                    if org not in ev.participants:
                        ev.note(ev.participants, org, evid)
            else:
                reader.touch(ev)
                reader.add_sentence(ev, sentence)
            touched.append(ev)
        # dated and back-referring mentions first: a dateless one may take their date
        slots = sorted(_slots(ctx, sentence), key=lambda sl: sl.date is None and not sl.backref)
        referred: list[_Event] = []  # events this sentence points back to ("Dalam rapat yang sama")
        for slot in slots:
            sentence_date = next((e.date for e in referred if e.date is not None), None)
            ev = reader.place_slot(slot, sentence, sentence_date)
            if ev is not None and ev not in touched:
                touched.append(ev)
            if ev is not None and slot.backref:
                referred.append(ev)
        if touched:
            current = touched
        elif current and attendance.search(sentence.text):
            for ev in current:
                reader.add_sentence(ev, sentence)
        else:
            current = []
    _write(ctx, reader.events)


def _write(ctx: DocContext, events: list[_Event]) -> None:
    for ev in events:
        orgs = [o for o in ev.participants if o in ctx.entities]
        if not orgs:
            continue
        if ev.date is None and len(orgs) < 2:
            continue  # a passing word ("a meeting") with one organisation and no date says too little
        for place in [ev.place] + ev.more_places:
            _write_one(ctx, ev, orgs, place, several=bool(ev.more_places))


def _write_one(ctx: DocContext, ev: _Event, orgs: list[str], place: Mention | None, several: bool) -> None:
    date_value = ev.date.value if ev.date else None
    # the same happening in several places is one event per place
    key = orgs + [f"@{place.attrs.get('name') or place.text}"] if several and place is not None else orgs
    eid = compound_id("Event", ev.kind, date_value, key)
    wanted = set(ev.sentences)
    sentences = [s for s in ctx.sentences if s.index in wanted]
    evidence = [Evidence(s.start, s.end, s.text) for s in sentences]
    location = None
    if place is not None:
        location = places.location_value(place)
        if location.isupper() and len(location) > 2:
            location = place.attrs.get("name") or location  # "JOHOR BAHRU" in a dateline
    attrs = {
        "kind": ev.kind,
        "date": date_value,
        "date_precision": ev.date.precision if ev.date else None,
        "location": location,
    }
    if ev.date and ev.date.note:
        attrs["date_note"] = ev.date.note
    name = f"{ev.trigger} {date_value}" if date_value else ev.trigger
    if several and location:
        name = f"{name} {location}"
    ctx.add_entity(Entity(eid, "Event", name, [], attrs, evidence))
    for org in orgs:
        ctx.add_relation(Relation(relation_id("PARTICIPATED_IN", org, eid), "PARTICIPATED_IN", org, eid,
                                  evidence=list(ev.participants[org])))
    for person, evs in ev.persons.items():
        if person in ctx.entities:
            ctx.add_relation(Relation(relation_id("PARTICIPATED_IN", person, eid), "PARTICIPATED_IN", person, eid,
                                      evidence=list(evs)))
    if place is not None:
        entity = places.place_entity(ctx, place)
        ctx.add_relation(Relation(relation_id("HELD_IN", eid, entity.id), "HELD_IN", eid, entity.id,
                                  evidence=[ctx.evidence_for(place.start, place.end)]))
