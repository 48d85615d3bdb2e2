"""What the fact components (agreements, events, member counts) read off a
:class:`~unionkg.ingest.context.DocContext`: the mentions of a sentence, the
dates of the text, the organisations a person holds posts in, quoted spans.

The core recognisers fill sentences, organisation/person/title mentions and
HOLDS_POSITION relations; dates come from :mod:`unionkg.ingest.dates` (called
here once per document when no earlier component left ``Date`` mentions).

Cost: every helper here is O(log n + k) per question, so that the fact
components take time linear in the length of a text. Mentions are indexed by
sentence and by type once per state of ``ctx.mentions`` (rebuilt when its
length changes), HOLDS_POSITION relations by source and target once per state
of ``ctx.relations``; overlap questions go to a :class:`SpanSet`; the words
before or after a position are read from a window (:func:`window_before`,
:func:`window_after`), never from the whole rest of a long sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from unionkg.ingest.context import DocContext, Mention, Sentence
from unionkg.ingest.dates import DateMatch, find_dates
from unionkg.ingest.factcues import cue_regex

__all__ = [
    "DateInfo",
    "ensure_dates",
    "dates_in",
    "mentions_in",
    "org_mentions_in",
    "inside",
    "quoted_spans",
    "person_orgs",
    "in_title_phrase",
    "first_orgs",
    "is_dateline",
    "SpanSet",
    "window_before",
    "window_after",
]


# The fact components work with the dates module's own type (it has ``day``).
DateInfo = DateMatch


def ensure_dates(ctx: DocContext) -> list[Mention]:
    """The ``Date`` mentions of the document, finding them once when no component has."""
    if getattr(ctx, "_facts_dates_done", False):
        return [m for m in ctx.mentions if m.type == "Date"]
    dates = [m for m in ctx.mentions if m.type == "Date"]
    if dates:
        setattr(ctx, "_facts_dates_done", True)
        return dates
    found = find_dates(ctx.text, ctx.published, ctx.language)
    for d in found:
        s = ctx.sentence_at(d.start)
        ctx.mentions.append(
            Mention(d.start, d.end, d.text, "Date", s.index if s else -1,
                    attrs={"value": d.value, "precision": d.precision, "note": d.note})
        )
    ctx.mentions.sort(key=lambda m: (m.start, m.end))
    setattr(ctx, "_facts_dates_done", True)
    return [m for m in ctx.mentions if m.type == "Date"]


def _date_info(m: Mention) -> DateInfo:
    return DateMatch(m.start, m.end, m.text, m.attrs.get("value"), m.attrs.get("precision") or "day", m.attrs.get("note"))


def is_dateline(ctx: DocContext, d: DateInfo) -> bool:
    """"KUALA LUMPUR, 23 Nov -- ...": the press date of a dateline, not the date of what is told."""
    return bool(re.match(r"\s*(?:--|—|–|-\s|\|)", ctx.text[d.end : d.end + 4]))


def dates_in(ctx: DocContext, sentence: Sentence) -> list[DateInfo]:
    """Resolved dates printed in a sentence, in text order."""
    if not getattr(ctx, "_facts_dates_done", False):
        ensure_dates(ctx)
    return [_date_info(m) for m in mentions_in(ctx, sentence, "Date") if m.attrs.get("value")]


class _Index:
    """Mentions by sentence and by type, sorted for binary search; built once per state of
    ``ctx.mentions`` so that every per-sentence lookup costs O(log n + k), not O(n)."""

    __slots__ = ("by_sentence", "title_ends", "titles", "person_starts", "persons", "org_starts", "orgs")

    def __init__(self, ctx: DocContext) -> None:
        self.by_sentence: dict[int, list[Mention]] = {s.index: [] for s in ctx.sentences}
        starts = [s.start for s in ctx.sentences]
        tidy = all(a.end <= b.start for a, b in zip(ctx.sentences, ctx.sentences[1:]))
        ordered = sorted(ctx.mentions, key=lambda m: m.start)
        for m in ordered:
            sent = (m.sentence if m.sentence in self.by_sentence and _within(ctx.sentences, m)
                    else _find(ctx.sentences, starts, m.start, tidy))
            if sent is not None:
                self.by_sentence[sent].append(m)
        titles = sorted((m for m in ordered if m.type == "Title"), key=lambda m: m.end)
        self.titles, self.title_ends = titles, [m.end for m in titles]
        self.persons = [m for m in ordered if m.type == "Person"]
        self.person_starts = [m.start for m in self.persons]
        self.orgs = [m for m in ordered if m.type == "Organization"]
        self.org_starts = [m.start for m in self.orgs]


def _index_of(ctx: DocContext) -> _Index:
    """The index of the mentions (rebuilt when components have added mentions)."""
    cached = getattr(ctx, "_facts_index", None)
    if cached is not None and cached[0] == len(ctx.mentions):
        return cached[1]
    index = _Index(ctx)
    setattr(ctx, "_facts_index", (len(ctx.mentions), index))
    return index


def _index(ctx: DocContext) -> dict[int, list[Mention]]:
    """Mentions by sentence (rebuilt when components have added mentions)."""
    return _index_of(ctx).by_sentence


def _within(sentences: list[Sentence], m: Mention) -> bool:
    if 0 <= m.sentence < len(sentences) and sentences[m.sentence].index == m.sentence:
        s = sentences[m.sentence]
        return s.start <= m.start < s.end
    return False


def _find(sentences: list[Sentence], starts: list[int], offset: int, tidy: bool) -> int | None:
    """The index of the first sentence holding ``offset``, or None (a binary search when the
    sentences are in text order and do not overlap, as the splitter makes them)."""
    if tidy:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and sentences[i].start <= offset < sentences[i].end:
            return sentences[i].index
        return None
    for s in sentences:
        if s.start <= offset < s.end:
            return s.index
    return None


def _positions(ctx: DocContext) -> tuple[dict[str, list], dict[str, list]]:
    """HOLDS_POSITION relations by source and by target, in insertion order (rebuilt when
    relations are added; titles and entities are read live)."""
    cached = getattr(ctx, "_facts_positions", None)
    if cached is not None and cached[0] == len(ctx.relations):
        return cached[1], cached[2]
    by_source: dict[str, list] = {}
    by_target: dict[str, list] = {}
    for r in ctx.relations.values():
        if r.type == "HOLDS_POSITION":
            by_source.setdefault(r.source, []).append(r)
            by_target.setdefault(r.target, []).append(r)
    setattr(ctx, "_facts_positions", (len(ctx.relations), by_source, by_target))
    return by_source, by_target


def mentions_in(ctx: DocContext, sentence: Sentence, *types: str) -> list[Mention]:
    return [m for m in _index(ctx).get(sentence.index, ()) if m.type in types]


def org_mentions_in(ctx: DocContext, sentence: Sentence) -> list[Mention]:
    """Organisation mentions (with an entity) of a sentence."""
    return [m for m in mentions_in(ctx, sentence, "Organization") if m.entity and m.entity in ctx.entities]


def inside(start: int, end: int, spans) -> bool:
    """True when [start, end) overlaps any of the (start, end) spans or mentions
    (``spans`` may be a :class:`SpanSet`, which answers by binary search)."""
    if isinstance(spans, SpanSet):
        return spans.overlaps(start, end)
    for s in spans:
        s0, s1 = (s.start, s.end) if hasattr(s, "start") else s
        if s0 < end and start < s1:
            return True
    return False


class SpanSet:
    """Spans (``(start, end)`` pairs or objects with ``start``/``end``) ready for overlap
    questions in O(log n): a long sentence asks about each of its many words."""

    __slots__ = ("starts", "reach")

    def __init__(self, spans) -> None:
        pairs = sorted((s.start, s.end) if hasattr(s, "start") else tuple(s) for s in spans)
        self.starts = [a for a, _ in pairs]
        self.reach = list(accumulate((b for _, b in pairs), max))  # the furthest end among the first k

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # the spans starting before ``end``
        return bool(k) and self.reach[k - 1] > start


def window_before(text: str, lo: int, pos: int, size: int = 300) -> str:
    """``text[lo:pos]``, or only its last ``size`` characters when they hold more than blanks:
    enough for the patterns anchored at the end that read the words before a position."""
    if pos - lo > size:
        w = text[pos - size : pos]
        if len(w.strip()) > size // 4:
            return w
    return text[lo:pos]


def window_after(text: str, pos: int, hi: int, size: int = 300) -> str:
    """``text[pos:hi]``, or only its first ``size`` characters when they hold more than blanks."""
    if hi - pos > size:
        w = text[pos : pos + size]
        if len(w.strip()) > size // 4:
            return w
    return text[pos:hi]


_QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?")


def quoted_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Document offsets of the quoted stretches of a sentence (what someone said)."""
    return [(sentence.start + m.start(), sentence.start + m.end()) for m in _QUOTE.finditer(sentence.text)
            if m.end() - m.start() > 2]


def person_orgs(ctx: DocContext, person_entity: str | None) -> list[str]:
    """Organisations a person holds a post in (HOLDS_POSITION targets), in insertion order."""
    if not person_entity:
        return []
    out = []
    for r in _positions(ctx)[0].get(person_entity, ()):
        if r.target in ctx.entities and r.target not in out:
            out.append(r.target)
    return out


_LOOKBACK = 400


def _strip_title_link(before: str) -> str:
    stripped = before.rstrip()
    lm = cue_regex(r"(?:{title_links})\s*$").search(stripped)
    if lm:
        stripped = stripped[: lm.start()].rstrip()
    return stripped


def in_title_phrase(ctx: DocContext, org: Mention) -> bool:
    """True when an organisation is named as part of someone's post ("Ủy viên Đoàn Chủ tịch
    Tổng Liên đoàn", "Director of NTUC's International Department") rather than acting itself:
    a Title mention or the title of a HOLDS_POSITION relation ends right before it."""
    s = ctx.sentence_at(org.start)
    lo = s.start if s else 0
    # Only the end of the text before the name matters: read a window, not the whole
    # sentence (a long sentence would make this quadratic), unless the window is mostly blank.
    w0 = max(lo, org.start - _LOOKBACK)
    stripped = _strip_title_link(ctx.text[w0 : org.start])
    if w0 > lo and len(stripped) < _LOOKBACK // 2:
        w0 = lo
        stripped = _strip_title_link(ctx.text[w0 : org.start])
    cut = w0 + len(stripped)
    hi = s.end if s else len(ctx.text)
    index = _index_of(ctx)
    # Title mentions ending in [lo, org.start] (binary search on their ends)
    for t in index.titles[bisect_left(index.title_ends, lo) : bisect_right(index.title_ends, org.start)]:
        if cut - t.end <= 1:
            # a post needs its holder: "Presiden KSBSI Dr. Martha ...", "Bà X, ... Ủy viên Đoàn Chủ tịch Y";
            # a title word with no person ("Delegasi KSBSI melakukan ...") names no post
            people = index.persons[bisect_left(index.person_starts, lo) : bisect_left(index.person_starts, hi)]
            orgs_between = index.orgs[bisect_left(index.org_starts, lo) : bisect_left(index.org_starts, t.start)]
            if any(0 <= p.start - org.end <= 8 for p in people):
                return True
            if any(p.end <= t.start and t.start - p.end <= 80 and not any(p.end <= o.start for o in orgs_between)
                   for p in people):
                return True
    tail = stripped[-60:].casefold()
    for r in _positions(ctx)[1].get(org.entity, ()):
        if r.title:
            t = r.title.casefold().strip()
            if t and tail.endswith(t):
                return True
    return False


def first_orgs(ctx: DocContext, n: int = 2) -> list[str]:
    """The first ``n`` distinct organisations the document names (not as part of a post, not
    a department or other unit of an organisation). Computed once per state of the context."""
    key = (len(ctx.mentions), len(ctx.relations), len(ctx.entities), n)
    cached = getattr(ctx, "_facts_first_orgs", None)
    if cached is not None and cached[0] == key:
        return list(cached[1])
    out: list[str] = []
    units = {r.source for r in ctx.relations.values() if r.type == "AFFILIATED_WITH"
             and (ctx.entities.get(r.source) and ctx.entities[r.source].attrs.get("kind") == "other")}
    for m in sorted((m for m in ctx.mentions if m.type == "Organization" and m.entity in ctx.entities),
                    key=lambda m: m.start):
        if m.entity not in out and m.entity not in units and not in_title_phrase(ctx, m):
            out.append(m.entity)
            if len(out) == n:
                break
    setattr(ctx, "_facts_first_orgs", (key, list(out)))
    return out
