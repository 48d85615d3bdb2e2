"""What the fact components (agreements, events, member counts) read off a
:class:`~unionkg.ingest.context.DocContext`: the mentions of a sentence, the
dates of the text, the organisations a person holds posts in, quoted spans.

The core recognisers fill sentences, organisation/person/title mentions and
HOLDS_POSITION relations; dates come from :mod:`unionkg.ingest.dates` (called
here once per document when no earlier component left ``Date`` mentions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unionkg.ingest.context import DocContext, Mention, Sentence
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
]


@dataclass(frozen=True)
class DateInfo:
    """A resolved date: ISO ``value`` at ``precision`` (day, month, year, part_of_month,
    part_of_year), the words it was printed as and a note ("early 2026")."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str
    note: str | None = None

    @property
    def day(self) -> str | None:
        """The ISO day, or None when the text gives no day."""
        return self.value if self.precision == "day" else None


def ensure_dates(ctx: DocContext) -> list[Mention]:
    """The ``Date`` mentions of the document, finding them once when no component has."""
    if getattr(ctx, "_facts_dates_done", False):
        return [m for m in ctx.mentions if m.type == "Date"]
    dates = [m for m in ctx.mentions if m.type == "Date"]
    if dates:
        setattr(ctx, "_facts_dates_done", True)
        return dates
    try:
        from unionkg.ingest.dates import find_dates
    except ImportError:  # the dates module is optional for the fact components
        found = []
    else:
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
    return DateInfo(m.start, m.end, m.text, m.attrs.get("value"), m.attrs.get("precision") or "day", m.attrs.get("note"))


def is_dateline(ctx: DocContext, d: DateInfo) -> bool:
    """"KUALA LUMPUR, 23 Nov -- ...": the press date of a dateline, not the date of what is told."""
    return bool(re.match(r"\s*(?:--|—|–|-\s|\|)", ctx.text[d.end : d.end + 4]))


def dates_in(ctx: DocContext, sentence: Sentence) -> list[DateInfo]:
    """Resolved dates printed in a sentence, in text order."""
    if not getattr(ctx, "_facts_dates_done", False):
        ensure_dates(ctx)
    return [_date_info(m) for m in mentions_in(ctx, sentence, "Date") if m.attrs.get("value")]


def _index(ctx: DocContext) -> dict[int, list[Mention]]:
    """Mentions by sentence (rebuilt when components have added mentions)."""
    cached = getattr(ctx, "_facts_index", None)
    if cached is not None and cached[0] == len(ctx.mentions):
        return cached[1]
    index: dict[int, list[Mention]] = {}
    for s in ctx.sentences:
        index[s.index] = []
    bounds = [(s.start, s.end, s.index) for s in ctx.sentences]
    for m in sorted(ctx.mentions, key=lambda m: m.start):
        sent = m.sentence if m.sentence in index and _within(bounds, m) else _find(bounds, m.start)
        if sent is not None:
            index[sent].append(m)
    setattr(ctx, "_facts_index", (len(ctx.mentions), index))
    return index


def _within(bounds: list[tuple[int, int, int]], m: Mention) -> bool:
    s0, s1, _ = bounds[m.sentence] if 0 <= m.sentence < len(bounds) and bounds[m.sentence][2] == m.sentence else (0, -1, 0)
    return s0 <= m.start < s1


def _find(bounds: list[tuple[int, int, int]], offset: int) -> int | None:
    for s0, s1, i in bounds:
        if s0 <= offset < s1:
            return i
    return None


def mentions_in(ctx: DocContext, sentence: Sentence, *types: str) -> list[Mention]:
    return [m for m in _index(ctx).get(sentence.index, ()) if m.type in types]


def org_mentions_in(ctx: DocContext, sentence: Sentence) -> list[Mention]:
    """Organisation mentions (with an entity) of a sentence."""
    return [m for m in mentions_in(ctx, sentence, "Organization") if m.entity and m.entity in ctx.entities]


def inside(start: int, end: int, spans) -> bool:
    """True when [start, end) overlaps any of the (start, end) spans or mentions."""
    for s in spans:
        s0, s1 = (s.start, s.end) if hasattr(s, "start") else s
        if s0 < end and start < s1:
            return True
    return False


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
    for r in ctx.relations.values():
        if r.type == "HOLDS_POSITION" and r.source == person_entity and r.target in ctx.entities:
            if r.target not in out:
                out.append(r.target)
    return out


def in_title_phrase(ctx: DocContext, org: Mention) -> bool:
    """True when an organisation is named as part of someone's post ("Ủy viên Đoàn Chủ tịch
    Tổng Liên đoàn", "Director of NTUC's International Department") rather than acting itself:
    a Title mention or the title of a HOLDS_POSITION relation ends right before it."""
    s = ctx.sentence_at(org.start)
    lo = s.start if s else 0
    before = ctx.text[lo : org.start]
    stripped = before.rstrip()
    lm = cue_regex(r"(?:{title_links})\s*$").search(stripped)
    if lm:
        stripped = stripped[: lm.start()].rstrip()
    cut = lo + len(stripped)
    hi = s.end if s else len(ctx.text)
    for t in ctx.mentions:
        if t.type == "Title" and lo <= t.end <= org.start and cut - t.end <= 1:
            # a post needs its holder: "Presiden KSBSI Dr. Martha ...", "Bà X, ... Ủy viên Đoàn Chủ tịch Y";
            # a title word with no person ("Delegasi KSBSI melakukan ...") names no post
            people = [m for m in ctx.mentions if m.type == "Person" and lo <= m.start < hi]
            orgs_between = [m for m in ctx.mentions if m.type == "Organization" and lo <= m.start < t.start]
            if any(0 <= p.start - org.end <= 8 for p in people):
                return True
            if any(p.end <= t.start and t.start - p.end <= 80 and not any(p.end <= o.start for o in orgs_between)
                   for p in people):
                return True
    tail = stripped[-60:].casefold()
    for r in ctx.relations.values():
        if r.type == "HOLDS_POSITION" and r.target == org.entity and r.title:
            t = r.title.casefold().strip()
            if t and tail.endswith(t):
                return True
    return False


def first_orgs(ctx: DocContext, n: int = 2) -> list[str]:
    """The first ``n`` distinct organisations the document names (not as part of a post, not
    a department or other unit of an organisation)."""
    out: list[str] = []
    units = {r.source for r in ctx.relations.values() if r.type == "AFFILIATED_WITH"
             and (ctx.entities.get(r.source) and ctx.entities[r.source].attrs.get("kind") == "other")}
    for m in sorted((m for m in ctx.mentions if m.type == "Organization" and m.entity in ctx.entities),
                    key=lambda m: m.start):
        if m.entity not in out and m.entity not in units and not in_title_phrase(ctx, m):
            out.append(m.entity)
            if len(out) == n:
                break
    return out
