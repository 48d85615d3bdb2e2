"""Member counts of organisations: "10 juta anggota", "19,8 juta", "11.072.214 đoàn viên",
"represents some 1.2 million workers" -> the organisation's ``members`` attribute (an int).

A number is a membership count when
- a member noun follows it ("95.000 anggota", "hơn 10 triệu đoàn viên"), or
- a people noun follows it ("pekerja", "workers") and a membership verb or
  member noun comes a few words before it, in the same clause
  ("beranggotakan sekitar 120.000 pekerja", "represents some 1.2 million workers"),
and no exclusion cue says otherwise (new members to recruit, targets, laid-off
workers). Vote tallies, delegates, attendees, provinces, money carry none of
these nouns and are never read as counts.

The count belongs to the subject: the first organisation named in its clause
before the number (clauses split at "while", "sementara", "trong khi", ";"),
else the first organisation in the sentence before it. Companies, government
bodies and employers get no count from a people noun (their staff are not members).
Cue words are data: ``ingest/data/facts.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from unionkg.ingest.context import DocContext, Mention, Sentence
from unionkg.ingest.factcues import NUMBER_RE, cue_pattern, cues, number_scales, number_value, phrase_pattern

__all__ = ["CountMatch", "find_counts", "find_member_counts"]

# Counts below this are committees and delegations, not an organisation's membership.
MIN_MEMBERS = 100
# How far before a number a membership verb may stand (words, same clause).
VERB_WINDOW_WORDS = 14
# Organisation kinds whose headcount is staff, not members.
_NON_MEMBER_KINDS = {"company", "government", "employer"}


@dataclass(frozen=True)
class CountMatch:
    """A membership count found in a sentence (offsets into the document text)."""

    start: int
    end: int
    value: int
    noun: str  # "member" | "people"


def _scale_re() -> re.Pattern[str]:
    words = sorted(number_scales(), key=len, reverse=True)
    alts = []
    for w in words:
        if re.search(r"[\u0E00-\u0EFF\u1780-\u17FF]", w):
            alts.append(re.escape(w))
        else:
            alts.append(rf"{re.escape(w)}(?!\w)")
    return re.compile(r"\s*(" + "|".join(alts) + ")", re.IGNORECASE)


_SCALE_RE: re.Pattern[str] | None = None


def _scale() -> re.Pattern[str]:
    global _SCALE_RE
    if _SCALE_RE is None:
        _SCALE_RE = _scale_re()
    return _SCALE_RE


@lru_cache(maxsize=None)
def _lead(pattern_name: str) -> re.Pattern[str]:
    """A pattern matching one of the cue phrases at the very start (after spaces)."""
    return re.compile(r"\s*(?:" + cue_pattern(pattern_name).pattern + ")", re.IGNORECASE)


def find_counts(sentence_text: str, offset: int = 0) -> list[CountMatch]:
    """Membership counts in one sentence's text (offsets shifted by ``offset``).

    >>> [c.value for c in find_counts("VGCL menaungi sekitar 10 juta anggota.")]
    [10000000]
    >>> [c.value for c in find_counts("Dedi meraih 214 suara dari 356 peserta kongres.")]
    []
    """
    member_lead = _lead("member_nouns")
    people_lead = _lead("people_nouns")
    after_excl = _lead_part("count_exclusions", "after")
    out: list[CountMatch] = []
    clauses = _clauses(sentence_text)
    for m in NUMBER_RE.finditer(sentence_text):
        end = m.end()
        scale = 1
        sm = _scale().match(sentence_text, end)
        if sm:
            scale = number_scales()[sm.group(1).casefold()]
            end = sm.end()
        value = number_value(m.group(0), scale)
        if value is None or value < MIN_MEMBERS:
            continue
        rest = sentence_text[end : end + _AHEAD]  # a noun follows closely: no need to copy the whole rest
        noun_kind = None
        nm = member_lead.match(rest)
        if nm is None:
            # one modifier word may stand between ("1.2 million dues-paying members")
            # (English order only: in id/ms/vi "organisasi anggota" means member organisations)
            one = re.match(r"\s*[\w'-]+", rest)
            if one:
                nm2 = _lead_part("member_nouns", "en").match(rest, one.end())
                if nm2:
                    nm = nm2
        if nm is not None:
            noun_kind = "member"
        else:
            nm = people_lead.match(rest)
            if nm is not None:
                noun_kind = "people"
        before_clause = clauses.tail(m.start())
        if noun_kind is None:
            # a member noun just before the number ("membership of 1.2 million", "สมาชิก 1.2 ล้าน")
            tail = before_clause[-40:]
            tm = None
            for tm in cue_pattern("member_nouns").finditer(tail):
                pass
            if tm is None or re.search(r"\d", tail[tm.end():]) or len(re.findall(r"\w+", tail[tm.end():])) > 3:
                continue
            noun_kind = "member"
            nm = None
        noun_end = end + (nm.end() if nm is not None else 0)
        if after_excl.match(sentence_text, noun_end):
            continue
        window = _last_words(before_clause, 6)
        if cue_pattern("count_exclusions", "before").search(window):
            continue
        if noun_kind == "people":
            verb_window = _last_words(before_clause, VERB_WINDOW_WORDS)
            if not cue_pattern("membership_verbs").search(verb_window):
                continue
        out.append(CountMatch(offset + m.start(), offset + noun_end, value, noun_kind))
    return out


@lru_cache(maxsize=None)
def _lead_part(name: str, part: str) -> re.Pattern[str]:
    return re.compile(r"\s*(?:" + phrase_pattern(cues(name, part)).pattern + ")", re.IGNORECASE)


def _clause_before(before: str) -> str:
    """The part of the sentence before a number that belongs to the number's clause."""
    return before[_Clauses(before).start(len(before)) :]


# Characters after a number in which its noun is looked for; characters before it in which the
# cues of its clause are (the checks read at most the last VERB_WINDOW_WORDS words).
_AHEAD = 400
_BEHIND = 600


class _Clauses:
    """The clause breaks of a sentence found once, so that the clause before each of its
    numbers is a binary search, not a new scan of everything before the number (a long
    sentence with many numbers made that quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [(m.start(), m.end()) for m in cue_pattern("clause_breaks").finditer(text)]
        self.break_ends = [e for _, e in spans]
        self.break_reach = list(accumulate((s for s, _ in spans), max))  # the latest start among the first k
        self.semis = [i for i, ch in enumerate(text) if ch == ";"] if ";" in text else []

    def start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts: after the last break or ";" wholly before ``pos``."""
        k = bisect_right(self.break_ends, pos)
        cut = self.break_reach[k - 1] if k else 0
        j = bisect_left(self.semis, pos)
        semi = self.semis[j - 1] if j else -1
        return max(cut, semi + 1)

    def tail(self, pos: int) -> str:
        """The end of the clause before ``pos``: all of it, or its last ``_BEHIND`` characters
        when those hold more words than any check reads."""
        start = self.start(pos)
        if pos - start > _BEHIND:
            window = self.text[pos - _BEHIND : pos]
            if len(_WORD.findall(window)) > VERB_WINDOW_WORDS + 1:
                return window
        return self.text[start:pos]


_WORD = re.compile(r"\w[\w'-]*")


@lru_cache(maxsize=64)
def _clauses(text: str) -> _Clauses:
    return _Clauses(text)


def _last_words(text: str, n: int) -> str:
    words = list(_WORD.finditer(text))
    if len(words) <= n:
        return text
    return text[words[-n].start() :]


def _subject(ctx: DocContext, sentence: Sentence, orgs: list[Mention], count: CountMatch) -> Mention | None:
    """The organisation a count belongs to (see module docstring)."""
    # "1.2 milyong kasapi ng TUCP", "members of the NTUC": the body named right after the noun
    owner = _lead("count_owner_after").match(ctx.text, count.end)
    if owner is not None:
        pos = owner.end()
        while pos < len(ctx.text) and ctx.text[pos] == " ":
            pos += 1
        for m in orgs:
            if m.start == pos:
                return m
    before = [m for m in orgs if m.end <= count.start]
    if not before:
        return None
    clause_start = sentence.start + _clauses(sentence.text).start(count.start - sentence.start)
    source = cue_pattern("source_markers")

    def usable(m: Mention) -> bool:
        # "Menurut ILO, ..." names who speaks, not the subject
        lead = ctx.text[max(sentence.start, m.start - 20) : m.start]
        tail = ctx.text[m.end : m.end + 2]
        sm = None
        for sm in source.finditer(lead):
            pass
        return not (sm and not lead[sm.end() :].strip() and tail.startswith(","))

    for group in ([m for m in before if m.start >= clause_start], before):
        for m in group:
            if usable(m):
                return m
    return None


def find_member_counts(ctx: DocContext) -> None:
    """Pipeline component: set ``members`` on the organisations whose counts are printed."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        if m.type == "Organization" and m.entity:
            by_sentence.setdefault(m.sentence, []).append(m)
    for orgs in by_sentence.values():
        orgs.sort(key=lambda m: m.start)
    for sentence in ctx.sentences:
        orgs = by_sentence.get(sentence.index)
        if not orgs:
            continue
        for count in find_counts(sentence.text, sentence.start):
            # a number inside an organisation's name is part of the name
            if any(o.start <= count.start < o.end for o in orgs):
                continue
            subject = _subject(ctx, sentence, orgs, count)
            if subject is None:
                continue
            entity = ctx.entities.get(subject.entity or "")
            if entity is None or entity.type != "Organization":
                continue
            if count.noun == "people" and entity.attrs.get("kind") in _NON_MEMBER_KINDS:
                continue
            if count.noun == "people" and cue_pattern("workplace_nouns").search(ctx.text[subject.end : count.start]):
                continue  # "X said the factory, which has 3,000 workers": the factory's staff
            if entity.attrs.get("members") is not None:
                continue  # the first count printed for an organisation wins
            entity.attrs["members"] = count.value
            ev = ctx.evidence_for(count.start, count.end)
            if ev not in entity.evidence:
                entity.evidence.append(ev)
