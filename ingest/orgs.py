"""Organisations: names anchored on head nouns, acronyms, names in two languages.

A name is found around a *head noun* — an organisation-kind label of the
ontology ("Konfederasi", "Serikat Pekerja", "Union", "Department", "Tổng Liên
đoàn", "Ban" …). English heads may end a name ("National Trades Union
Congress") or start one with "of" ("Department of Labor and Employment"); the
region's other languages put the head first ("Federasi Serikat Pekerja Kimia,
Energi dan Pertambangan", "Liên đoàn Lao động thành phố Hà Nội"). Known bodies of
the reference data are recognised by name and alias. A parenthesis right after
a name gives its aliases ("(KSPSI)", "(Lao Federation of Trade Unions - LFTU)");
those aliases are then recognised alone anywhere in the document, even before
they are introduced. A known body printed inside or right after a name is the
body it belongs to ("Departemen Pendidikan CLC", "MTUC Bahagian Johor").

The headline is read last and only for names already found in the body:
Indonesian and Malay headlines capitalise every word.

Each organisation mention carries ``attrs``: ``name`` (as printed, without the
parenthesis), ``aliases``, ``kind`` (head kind), ``unit`` (a department,
bureau, committee …), ``parents`` (names of the bodies it belongs to, as
printed), ``ref`` (a reference organisation) and ``extent`` (offset after the
parenthesis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from unionkg.ingest.lexicon import ffold as fold
from unionkg.ingest.context import DocContext, Mention
from unionkg.ingest.lexicon import Words, build_trie, lexicon, longest, raw_equal, trie_add
from unionkg.ingest.spans import View, mentions_by_sentence, sentence_views, tok_range
from unionkg.ingest.sentences import Tok, tokenize

__all__ = ["document_country", "find_organizations", "is_acronym"]

_ROMAN = re.compile(r"^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th|e|er)?$|^ke-?\d+$", re.IGNORECASE)
_MAX_PAREN = 14


@lru_cache(maxsize=65_536)
def is_acronym(text: str) -> bool:
    """An acronym as printed: mostly capitals, maybe digits ("KSPSI", "e2i", "FSP KEP", "C.CAWDU")."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or " " in text.strip():
        return False
    caps = sum(1 for c in letters if c.isupper())
    return caps >= 2 and caps >= len(letters) - 1 or (any(c.isdigit() for c in text) and len(text) <= 6)


@dataclass
class _Span:
    a: int  # first token
    b: int  # last token of the name
    h1: int = -1  # last token of the head noun
    kind: str | None = None
    lang: str | None = None
    unit: bool = False
    ref: object | None = None
    parents: list[tuple[int, int]] = field(default_factory=list)  # token ranges of parent names inside/adjacent
    skip: tuple[int, int] | None = None  # token range of a parenthesis inside the name
    ext: int | None = None  # last token of the extent (after a parenthesis)
    aliases: list[str] = field(default_factory=list)
    possessive: bool = False
    known_only: bool = False
    drop: bool = False


def _namey(t: Tok) -> bool:
    return not t.punct and (t.cap or t.upper)


class _Sentence:
    """Recognition state of one sentence."""

    def __init__(self, view: View, known: dict, lx, lower: frozenset[str] = frozenset(), heads: bool = True) -> None:
        self.lower = lower
        self.view = view
        self.toks = view.toks
        self.ws = view.ws
        self.lx = lx
        self.n = len(self.toks)
        self.known = known  # doc-defined alias trie (folded words -> canonical key)
        self.blocked = {i for i, k in view.claimed.items() if k in ("Title", "Board", "Honorific")}
        self.board = {i for i, k in view.claimed.items() if k == "Board"}
        self.known_at: dict[int, tuple[int, object]] = {}
        words, wfirst = self.ws.words, self.ws.first
        nw = len(words)
        refs = view.__dict__.get("_ref_hits")
        if refs is None:  # reference names do not change between the two passes: look once
            refs = view.__dict__["_ref_hits"] = {
                i: h for i in range(self.n)
                if wfirst[i] < nw and words[wfirst[i]] in lx.refs and (h := self._known(i, (lx.refs,)))}
        self.known_at.update(refs)
        if known:
            for i in range(self.n):
                if wfirst[i] >= nw or words[wfirst[i]] not in known:
                    continue
                hit = self._known(i, (known,))
                if hit and (i not in self.known_at or hit[0] > self.known_at[i][0]):
                    self.known_at[i] = hit
        self.head_at: dict[int, tuple[int, tuple]] = {}
        if not heads:
            return
        inside_known = {k for i, (e, _v) in self.known_at.items() for k in range(i + 1, e + 1)}
        heads = lx.heads
        for i, t in enumerate(self.toks):
            if not (t.cap or t.upper) or wfirst[i] >= nw or words[wfirst[i]] not in heads:
                continue  # no head noun starts here (checked before the costlier tests)
            if i in inside_known:
                continue
            if i not in self.board:
                hit = longest(lx.heads, self.ws, i)
                if hit and hit[1][1] == "vi" and not raw_equal(self.ws, i, hit[0], hit[1][2]):
                    hit = None  # "Đặng" (a surname) is not "đảng" (a party)
                if hit:
                    label = hit[1][2]
                    if label.isupper():
                        # an acronym label ("PT", "FSP", "PUK") heads a name only when printed in
                        # capitals with a name after it ("PT Sinar Elektrindo", "FSP KEP")
                        nxt = hit[0] + 1
                        if not t.upper or i in self.known_at or nxt >= self.n or not _namey(self.toks[nxt]):
                            continue
                        hit = (hit[0], (hit[1][0], "id" if hit[1][1] == "en" else hit[1][1], label))
                    elif i in self.known_at and self.known_at[i][0] >= hit[0]:
                        continue  # a known name, not a head noun
                    self.head_at[i] = hit

    def _known(self, i: int, tries: tuple) -> tuple[int, object] | None:
        t = self.toks[i]
        if not (t.cap or t.upper) or t.punct:
            return None
        best = None
        for trie in tries:
            hit = longest(trie, self.ws, i)
            if hit and (best is None or hit[0] > best[0]):
                # acronym aliases must be printed as acronyms; names must be capitalised
                printed = [self.toks[k] for k in range(i, hit[0] + 1) if not self.toks[k].punct]
                if not printed or not _namey(printed[0]):
                    continue
                if len(printed) == 1 and not (printed[0].upper or printed[0].cap and len(printed[0].text) >= 4):
                    continue
                best = hit
        return best

    # ------------------------------------------------------------------ spans
    def head_spans(self) -> list[_Span]:
        spans: list[_Span] = []
        i = 0
        covered_until = -1
        while i < self.n:
            if i <= covered_until or i not in self.head_at:
                i += 1
                continue
            end, (kind, lang, _label) = self.head_at[i]
            span = self._grow(i, end, kind, lang)
            if span is not None:
                spans.append(span)
                covered_until = max(covered_until, span.b)
                i = span.b + 1
            else:
                i = end + 1
        return spans

    def _grow(self, h0: int, h1: int, kind: str, lang: str) -> _Span | None:
        toks, lx = self.toks, self.lx
        conn = lx.words("name_connectors")
        span = _Span(h0, h1, h1=h1, kind=kind, lang=lang, unit=kind in lx.unit_kinds)
        if lang == "en":
            # left: the capitalised words before an English head ("National Trades Union Congress")
            j = h0 - 1
            while j >= 0:
                t = toks[j]
                if j in self.blocked:
                    break
                if j in self.known_at or any(k <= j <= v[0] for k, v in self.known_at.items()):
                    # a known body right before: "MTUC Women's Committee" (in the name),
                    # "NTUC's International Department" (a possessor, outside it)
                    start = max(k for k, v in self.known_at.items() if k <= j <= v[0])
                    e = self.known_at[start][0]
                    if e == j:
                        span.parents.append((start, e))
                        if not toks[e].poss:
                            span.a = start
                    break
                if _namey(t):
                    if t.poss and (j < h0 - 1 or fold(t.text) in lx.places or t.key in lx.places):
                        break  # a possessor: "the Philippines' Department of ..."
                    if t.poss and t.key in lx.places:
                        break
                    if lx.is_function_word(t.text) and (j == 0 or not _namey(toks[j - 1])):
                        break
                    span.a = j
                    j -= 1
                    continue
                if (t.key in conn and t.key not in ("of", "the") or t.text in ("&", ",")) and j > 0 and _namey(toks[j - 1]) \
                        and (j - 1) not in self.blocked:
                    j -= 1
                    continue
                break
            # further English heads right after ("Trade Union" + "Council")
            k = h1 + 1
            while k in self.head_at and self.head_at[k][1][1] == "en":
                span.b = k = self.head_at[k][0]
                k += 1
            span.b = max(span.b, h1)
            # "of (the) ..." after the head
            k = span.b + 1
            if k < self.n and toks[k].key == "of":
                m = k + 1
                if m < self.n and toks[m].key == "the":
                    m += 1
                last = None
                while m < self.n:
                    t = toks[m]
                    if m in self.known_at or m in self.blocked:
                        break
                    if _namey(t) and not t.upper or (t.upper and m not in self.known_at):
                        last = m
                        m += 1
                        continue
                    if (t.key in conn or t.text in ("&", ",")) and m + 1 < self.n and _namey(toks[m + 1]) \
                            and (m + 1) not in self.known_at and (m + 1) not in self.blocked:
                        m += 1
                        continue
                    break
                if last is not None:
                    span.b = last
            # a name must have a word beside its head, or be known
            if span.a == h0 and span.b == self.head_at[h0][0] and not self._is_known_span(span) \
                    and not (self._paren_after(span.b) and len(self.toks[h0].text) > 3 and span.b > h0):
                return None
            return self._trim(span)
        # head-first languages
        if lang == "vi":
            b = self._grow_vi(h1, span)
        else:
            b = self._grow_right(h1, span)
        span.b = b
        # a known body before a unit: "MTUC Bahagian Johor"
        if span.unit and h0 > 0:
            for k, (e, _v) in self.known_at.items():
                if e == h0 - 1 and k not in self.blocked:
                    span.parents.append((k, e))
                    span.a = k
        if span.drop or span.b == h1 and span.a == h0 and not self._is_known_span(span) and not self._paren_after(span.b):
            return None
        return self._trim(span)

    def _grow_right(self, h1: int, span: _Span) -> int:
        toks, conn = self.toks, self.lx.words("name_connectors")
        b = h1
        m = h1 + 1
        content = False
        while m < self.n:
            t = toks[m]
            if m in self.blocked:
                break
            if m in self.known_at:
                e = self.known_at[m][0]
                after = e + 1
                # embedded ("Kantor Regional ILO untuk Asia") or trailing ("... Migran KSPSI")
                if after + 1 < self.n and toks[after].key in conn and _namey(toks[after + 1]) and (after + 1) not in self.blocked:
                    span.parents.append((m, e))
                    b = e
                    m = after
                    continue
                # a full name starting with a head noun is a body of its own — unless the
                # acronym printed after it ends with that body's acronym: "Federasi ... Kulit
                # Konfederasi Serikat Pekerja Seluruh Indonesia (FSP TSK KSPSI)" is one name
                if content and self._compound_acronym_after(e, self.known_at[m][1]):
                    span.parents.append((m, e))
                    b = e
                    break
                if longest(self.lx.heads, self.ws, m) and not toks[m].upper:
                    if not content:
                        span.drop = True  # "Kantor Kementerian Ketenagakerjaan": the ministry's office
                    break
                span.parents.append((m, e))
                b = e
                break
            if m in self.head_at:
                # another head after content words starts another body ("Biro ... Kementerian X",
                # "Departemen ... Konfederasi Y"), unless it is a company or unit word inside a name
                # ("Jabatan Perhubungan Perusahaan Malaysia")
                if content and self.head_at[m][1][0] not in ("company", *self.lx.unit_kinds):
                    break
                b = self.head_at[m][0]
                m = b + 1
                continue
            if _namey(t):
                if _ROMAN.match(t.text) and t.upper:
                    break
                b = m
                content = True
                m += 1
                continue
            if t.key in conn or t.text in (",", "&"):
                # a connector or an enumeration comma inside a name: the name goes on
                if m + 1 < self.n and _namey(toks[m + 1]) and (m + 1) not in self.blocked and (m + 1) not in self.known_at:
                    if t.text == ",":
                        # only when a "dan/and" follows within the capitalised run
                        q = m + 1
                        ok = False
                        while q < self.n and (_namey(toks[q]) or toks[q].text == ","):
                            q += 1
                        if q < self.n and toks[q].key in conn and q + 1 < self.n and _namey(toks[q + 1]):
                            ok = True
                        if not ok:
                            break
                    m += 1
                    continue
            if t.text == "-" and m + 1 < self.n and _namey(toks[m + 1]) and toks[m].start == toks[m - 1].end:
                m += 1
                continue
            break
        # a name particle after the name: the word before it is a person's ("... Johor Suresh a/l Muniandy")
        if b + 1 < self.n and self.lx.is_particle(toks[b + 1].text) and b - 1 > h1:
            b -= 1
        return b

    def _compound_acronym_after(self, e: int, known) -> bool:
        """Is "(A B K)" printed after token e, several acronym words whose last one is an
        alias of the known body ``known`` (a reference body or a document alias)?"""
        toks = self.toks
        if e + 1 >= self.n or toks[e + 1].text != "(":
            return False
        q = e + 2
        words = []
        while q < self.n and toks[q].upper and len(words) < 6:
            words.append(toks[q])
            q += 1
        if len(words) < 2 or q >= self.n or toks[q].text != ")":
            return False
        names = known.names() if hasattr(known, "names") else [known]
        return fold(words[-1].text) in {fold(n) for n in names}

    def split_person_tail(self, span: _Span) -> None:
        """In "Title Org Person" with nothing between the name and the person ("Ketua PUK ...
        PT Sinar Elektrindo Batam Roni Gultom,"), the last two capitalised words are the person's."""
        toks, lx = self.toks, self.lx
        if span.lang == "en" or span.skip or span.ext is not None or span.h1 < 0 or span.b - span.h1 < 3:
            return
        nxt = span.b + 1
        if nxt < self.n and (_namey(toks[nxt]) or toks[nxt].text == "(" or toks[nxt].key in lx.words("alias_connectors")):
            return
        tail = [toks[span.b - 1], toks[span.b]]
        if any(not t.cap or t.upper or t.key in lx.name_words or t.key in lx.places or t.key in self.lower
               for t in tail) or (span.b - 1) in self.known_at or span.b in self.known_at:
            return
        if fold(tail[0].text + " " + tail[1].text) in lx.places:
            return
        span.b -= 2
        while span.b > span.a and (toks[span.b].key in lx.words("name_connectors") or toks[span.b].punct):
            span.b -= 1

    def _grow_vi(self, h1: int, span: _Span) -> int:
        """Vietnamese names: each word's first syllable is capitalised ("Tập đoàn Công
        nghiệp Cao su Việt Nam"), a descriptive word may be all lower case after one
        capitalised syllable ("Ban Quan hệ lao động"), "thành phố"/"tỉnh" bring a place."""
        toks, lx = self.toks, self.lx
        stop = lx.raw_words("function_words", "vi")  # diacritics matter: "động" is not "đồng"
        b = h1
        m = h1 + 1
        prev = "head"
        caps_run = 0
        lower_run = 0
        while m < self.n:
            t = toks[m]
            if m in self.blocked or t.punct:
                break
            if m in self.known_at:
                e = self.known_at[m][0]
                if longest(lx.heads, self.ws, m) and not t.upper:
                    break  # a full name of its own ("Ban Quan hệ lao động Tổng Liên đoàn")
                span.parents.append((m, e))
                return e  # an acronym closing the name ("Ban Quan hệ quốc tế LFTU")
            if m in self.head_at and b == h1 and prev == "head" and self.head_at[m][1][1] == "vi":
                # a head noun right after the head is part of the name: "Liên đoàn Công đoàn
                # Campuchia", "Liên hiệp Công đoàn ..." (its own words are not function words here)
                b = m = self.head_at[m][0]
                m += 1
                continue
            if m in self.head_at and b > h1:
                # a second head noun starts another body when a name follows it
                he = self.head_at[m][0]
                if he + 1 < self.n and (toks[he + 1].cap or toks[he + 1].upper):
                    break
                b = he
                m = he + 1
                prev = "head"
                continue
            intro = longest(lx.cue("place_introducers"), self.ws, m)
            if intro and intro[0] + 1 < self.n and toks[intro[0] + 1].cap:
                m = intro[0] + 1
                prev, caps_run, lower_run = "intro", 0, 0
                continue
            if t.cap or t.upper:
                caps_run = caps_run + 1 if prev == "cap" else (2 if t.upper else 1)  # "TP.HCM" closes a name
                prev, lower_run = "cap", 0
                b = m
                m += 1
                # a country closes a name ("Công đoàn ... Việt Nam Hoàng Văn Thắng")
                if m < self.n and toks[m].cap and any(
                        fold(" ".join(x.text for x in toks[q:m])) in lx.countries for q in range(max(h1 + 1, m - 3), m)):
                    break
                continue
            # a lower-case syllable continues a word begun by a single capitalised syllable
            ok = (prev == "cap" and caps_run == 1) or (prev == "lower" and lower_run < 3)
            if not ok or t.text.casefold() in stop:
                break
            prev = "lower"
            lower_run += 1
            b = m
            m += 1
        return b

    def _paren_after(self, b: int) -> bool:
        """A multi-word head label with its own acronym after it ("Pimpinan Unit Kerja (PUK)")."""
        return b + 2 < self.n and self.toks[b + 1].text == "(" and self.toks[b + 2].upper

    def _is_known_span(self, span: _Span) -> bool:
        hit = self.known_at.get(span.a)
        return bool(hit and hit[0] == span.b)

    def _trim(self, span: _Span) -> _Span | None:
        toks, conn = self.toks, self.lx.words("name_connectors")
        while span.a < span.b and (toks[span.a].key in conn or toks[span.a].punct
                                   or self.lx.is_function_word(toks[span.a].text)):
            span.a += 1
        while span.b > span.a and (toks[span.b].key in conn or toks[span.b].punct):
            span.b -= 1
        # an ordinal or a roman numeral makes a congress an event ("Kongres VII", "20th National Congress")
        if span.a > 0 and _ORDINAL.match(toks[span.a - 1].text) or any(
            _ROMAN.match(toks[k].text) and toks[k].upper and len(toks[k].text) <= 4 for k in range(span.a, span.b + 1)
        ):
            return None
        if span.a > 1 and toks[span.a - 1].key in ("thu",) and toks[span.a - 2].key == "lan":
            return None
        return span

    def extend_acronym(self, span: _Span, text: str) -> None:
        """A known acronym followed by unknown capitals is one name ("FSP LEM SPSI")."""
        e = span.b
        while e + 1 < self.n and self.toks[e + 1].upper and (e + 1) not in self.known_at and (e + 1) not in self.blocked \
                and (e + 1) not in self.head_at and not _ROMAN.match(self.toks[e + 1].text):
            e += 1
        if e > span.b:
            span.aliases.append(text[self.toks[span.a].start: self.toks[span.b].end])
            span.b = e

    def branch_place(self, span: _Span, text: str) -> _Span | None:
        """"KSPSI Jawa Tengah", "NUPW Sabah": an acronym followed by a region or city is a
        branch of that body (a unit with the body as its parent)."""
        toks, lx = self.toks, self.lx
        if not toks[span.b].upper or span.b + 1 >= self.n:
            return None
        q = span.b + 1
        run = []
        while q < self.n and toks[q].cap and not toks[q].upper and q not in self.blocked and q not in self.known_at \
                and len(run) < 3:
            run.append(q)
            q += 1
        for k in range(len(run), 0, -1):
            words = fold(" ".join(toks[x].text for x in run[:k]))
            if (words in lx.places and words not in lx.countries) or toks[run[k - 1]].key in lx.words("direction_words") and k >= 2:
                unit = _Span(span.a, run[k - 1], kind="other", unit=True)
                unit.parents.append((span.a, span.b))
                return unit
        return None

    def run_before_acronym(self, te: int, text: str) -> _Span | None:
        """A capitalised phrase printed after a title with its acronym in parentheses names
        a body ("Direktur Jenderal Pembinaan Hubungan Industrial ... (PHI dan Jamsos)")."""
        toks, conn = self.toks, self.lx.words("name_connectors")
        a = te + 1
        if a >= self.n or not _namey(toks[a]) or a in self.blocked or a in self.known_at:
            return None
        b = a
        m = a + 1
        while m < self.n:
            if _namey(toks[m]) and m not in self.blocked and m not in self.known_at:
                b = m
                m += 1
            elif toks[m].key in conn and m + 1 < self.n and _namey(toks[m + 1]):
                m += 1
            else:
                break
        if b + 2 < self.n and toks[b + 1].text == "(" and (toks[b + 2].upper or toks[b + 2].cap) and b > a:
            return _Span(a, b)
        return None

    def acronym_after_title(self, te: int) -> _Span | None:
        """An unknown acronym printed right after a title is a body ("Presiden KSPN Ristadi",
        "Chủ tịch LĐLĐ tỉnh Bình Dương Nguyễn Văn Lộc"), with a place printed after it."""
        toks, lx = self.toks, self.lx
        a = te + 1
        if a >= self.n or not toks[a].upper or a in self.blocked or a in self.known_at or a in self.head_at:
            return None
        letters = sum(1 for c in toks[a].text if c.isalpha())
        if letters < 3 or _ROMAN.match(toks[a].text) or toks[a].key in lx.places:
            return None
        sp = _Span(a, a)
        intro = longest(lx.cue("place_introducers"), self.ws, a + 1)
        if intro and intro[0] + 1 < self.n and toks[intro[0] + 1].cap:
            q = intro[0] + 1
            end = q
            # the place: capitalised words up to the longest gazetteer match, else two words
            run = [x for x in range(q, min(self.n, q + 3)) if toks[x].cap and x not in self.blocked]
            for k in range(len(run), 0, -1):
                if run[:k] == list(range(q, q + k)) and fold(" ".join(toks[x].text for x in run[:k])) in lx.places:
                    end = q + k - 1
                    break
            else:
                end = q + 1 if q + 1 < self.n and toks[q + 1].cap else q
            sp.b = end
        return sp

    def acronym_before_title(self, ts: int, te: int) -> _Span | None:
        """An unknown acronym printed right before a title with a name after it is a body
        ("SISEU general secretary Priya Nair")."""
        toks, lx = self.toks, self.lx
        a = b = ts - 1
        # "MEF Selangor president X": a region printed between the acronym and the title
        for k in (3, 2, 1):
            q = ts - k
            if q > 0 and all(toks[x].cap and not toks[x].upper and x not in self.blocked for x in range(q, ts)) \
                    and fold(" ".join(toks[x].text for x in range(q, ts))) in lx.places:
                a = q - 1
                break
        if a < 0 or not toks[a].upper or a in self.blocked or a in self.known_at or a in self.head_at:
            return None
        if te + 1 >= self.n or not (toks[te + 1].cap or (te + 1) in self.blocked) or toks[te + 1].upper:
            return None
        if a > 0 and (toks[a - 1].upper or _namey(toks[a - 1])):
            return None  # inside a longer capitalised run: a name of its own or a dateline
        letters = sum(1 for c in toks[a].text if c.isalpha())
        if letters < 3 or _ROMAN.match(toks[a].text) or toks[a].key in lx.places or toks[a].text.endswith(("'S", "’S")):
            return None
        return _Span(a, b)

    def possessor_before(self, ts: int) -> _Span | None:
        """"Lumina Harbour Resorts' Director of Human Resources": a possessor before a title is a body."""
        toks = self.toks
        b = ts - 1
        if b < 0 or not toks[b].poss or not _namey(toks[b]) or b in self.blocked or b in self.known_at:
            return None
        a = b
        while a - 1 >= 0 and _namey(toks[a - 1]) and (a - 1) not in self.blocked and (a - 1) not in self.known_at \
                and not self.lx.is_function_word(toks[a - 1].text):
            a -= 1
        if a == b or fold(toks[b].text) in self.lx.places:
            return None
        sp = _Span(a, b)
        sp.possessive = True
        return sp

    # ------------------------------------------------------------- parenthesis
    def parenthesis(self, span: _Span, text: str, title_before: bool) -> None:
        """Aliases in "( … )" right after the name, and a place continuing the name after it."""
        toks = self.toks
        k = span.b + 1
        if k >= self.n or toks[k].text != "(":
            return
        close = None
        for q in range(k + 1, min(self.n, k + _MAX_PAREN + 2)):
            if toks[q].text == ")":
                close = q
                break
            if toks[q].text == "(":
                return
        if close is None or close == k + 1:
            return
        inner = toks[k + 1: close]
        first = inner[0]
        # "(FSP TSK KSPSI)" after KSPSI's name is a longer body's acronym, never KSPSI's alias
        if span.ref is not None and len(inner) >= 2 and all(t.upper for t in inner):
            names = {fold(n) for n in span.ref.names()}
            if fold(inner[-1].text) in names and fold(" ".join(t.text for t in inner)) not in names:
                return
        if first.punct or (first.text[0].isdigit() and not any(c.isalpha() for c in first.text)):
            return
        if not (_namey(first) or is_acronym(first.text)):
            return
        parts: list[list[Tok]] = [[]]
        for t in inner:
            if t.text in ("-", "–", "—", ";", ",", "/") and (t.text != "-" or t.start > 0 and text[t.start - 1] == " "):
                parts.append([])
            else:
                parts[-1].append(t)
        for p in parts:
            if p:
                alias = text[p[0].start: p[-1].end]
                if alias and alias not in span.aliases:
                    span.aliases.append(alias)
        span.skip = (k, close)
        span.ext = close
        # a place or an acronym printed after the parenthesis still belongs to the name:
        # "Kedutaan Besar Republik Indonesia (KBRI) Vientiane", "(Disnakertrans) Jawa Barat"
        q = close + 1
        cont = []
        while q < self.n and _namey(toks[q]) and q not in self.blocked and q not in self.known_at \
                and q not in self.head_at and len(cont) < 3:
            cont.append(q)
            q += 1
        if not cont:
            return
        words = fold(text[toks[cont[0]].start: toks[cont[-1]].end])
        is_place = words in self.lx.places or longest(self.lx.cue("place_introducers"), self.ws, cont[0]) is not None
        followed_by_block = q < self.n and q in self.blocked
        ends_clause = q >= self.n or not _namey(toks[q])
        acronyms = all(toks[q].upper for q in cont)
        if is_place and (ends_clause or followed_by_block) or (acronyms and ends_clause):
            span.b = cont[-1]
            span.ext = cont[-1]


def _mention_for(sent: _Sentence, span: _Span, text: str, known_only: bool = False) -> Mention:
    toks = sent.toks
    a, b = toks[span.a], toks[span.b]
    if span.skip:
        p0, p1 = toks[span.skip[0]], toks[span.skip[1]]
        name = (text[a.start: p0.start].rstrip() + " " + text[p1.end: b.end].lstrip()).strip() if span.b > span.skip[1] \
            else text[a.start: p0.start].rstrip()
    else:
        name = text[a.start: b.end]
    name = re.sub(r"\s+", " ", name)
    aliases = list(span.aliases)
    if span.skip and span.b > span.skip[1]:
        bare = text[a.start: toks[span.skip[0]].start].strip()
        if bare and bare not in aliases:
            aliases.append(bare)
    parents = []
    for p0, p1 in span.parents:
        ptxt = text[toks[p0].start: toks[p1].end]
        ptxt = re.sub(r"['’]s$", "", ptxt)
        parents.append(ptxt)
        # the name without the parent printed around it is an alias
        if p0 == span.a and p1 < span.b and not span.possessive:
            rest = text[toks[p1 + 1].start: b.end].strip()
            if rest and rest not in aliases:
                aliases.append(rest)
        elif p1 == span.b and p0 > span.a:
            rest = text[a.start: toks[p0 - 1].end].strip()
            if rest and rest not in aliases:
                aliases.append(rest)
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    name = name.rstrip("'’")
    end_tok = toks[span.ext] if span.ext is not None and span.ext > span.b else b
    attrs = {
        "name": name,
        "aliases": [x for x in aliases if x != name],
        "kind": span.kind,
        "unit": span.unit,
        "parents": parents,
        "ref": span.ref,
        "extent": end_tok.end,
        "possessive": span.possessive or b.poss,
        "headline": sent.view.headline,
    }
    return Mention(a.start, b.end, text[a.start: b.end], "Organization", sent.view.index, attrs=attrs)


def _lower_words(ctx: DocContext) -> frozenset[str]:
    cached = ctx.__dict__.get("_lower_words")
    if cached is None:
        cached = frozenset(fold(w) for w in set(re.findall(r"(?<![\w-])[^\W\d_][\w'-]*", ctx.text)) if w[:1].islower())
        ctx.__dict__["_lower_words"] = cached
    return cached


def find_organizations(ctx: DocContext) -> None:
    """Pipeline component: add ``Organization`` mentions (see the module docstring)."""
    lx = lexicon()
    text = ctx.text
    views = sentence_views(ctx)
    titles = mentions_by_sentence(ctx, ("Title",))
    lower = _lower_words(ctx)
    known: dict = {}  # doc-defined aliases: folded words -> alias
    found: dict[int, list[_Span]] = {}

    def learn(spans: list[_Span]) -> None:
        for sp in spans:
            for alias in sp.aliases:
                words = tuple(w for t in tokenize(alias) for w in (t.key.split() if not t.punct else []))
                if words:
                    trie_add(known, words, alias)

    def add_known(sent: _Sentence, spans: list[_Span], taken: set[int], title_ends: set[int], headline: bool) -> None:
        for i, (e, ref) in sorted(sent.known_at.items()):
            if any(k in taken for k in range(i, e + 1)):
                continue
            sp = _Span(i, e, ref=ref if not isinstance(ref, str) else None, kind=getattr(ref, "kind", None),
                       known_only=headline)
            sent.extend_acronym(sp, text)
            branch = sent.branch_place(sp, text) if not headline else None
            if branch is not None:
                sp = branch
            title_before = bool({sp.a - 1, sp.a} & title_ends) or (sp.a - 1) in sent.blocked
            sent.parenthesis(sp, text, title_before)
            spans.append(sp)
            taken.update(range(sp.a, max(sp.b, sp.ext or sp.b) + 1))

    # pass 1 (body): names around head nouns, reference names, names a title's context
    # shows; learn the parenthesised aliases
    for view in views:
        if view.headline:
            continue
        sent = _Sentence(view, known, lx, lower)
        tms = titles.get(view.index, [])
        title_ends = {tok_range(view, m)[1] for m in tms}
        spans = sent.head_spans()
        taken: set[int] = set()
        for sp in spans:
            j = sp.a - 1
            while j >= 0 and j not in title_ends and (_namey(view.toks[j]) or view.toks[j].text in "()") and j not in sent.blocked:
                j -= 1
            title_before = bool({sp.a - 1, sp.a} & title_ends) or (sp.a - 1) in sent.blocked or j in title_ends
            sent.parenthesis(sp, text, title_before)
            if title_before:
                sent.split_person_tail(sp)
            taken.update(range(sp.a, max(sp.b, sp.ext or sp.b) + 1))
        # a name inside another's parenthesis is that one's alias, not a body of its own
        spans = [sp for sp in spans if not any(o is not sp and o.skip and o.skip[0] < sp.a <= o.skip[1] for o in spans)]
        for m in tms:
            ts, te = tok_range(view, m)
            for sp in (sent.run_before_acronym(te, text), sent.possessor_before(ts), sent.acronym_after_title(te),
                       sent.acronym_before_title(ts, te)):
                if sp is not None and not any(k in taken for k in range(sp.a, sp.b + 1)):
                    sent.parenthesis(sp, text, True)
                    spans.append(sp)
                    taken.update(range(sp.a, max(sp.b, sp.ext or sp.b) + 1))
        add_known(sent, spans, taken, title_ends, False)
        spans.sort(key=lambda s: s.a)
        learn(spans)
        found[view.index] = spans
    # pass 2: aliases used alone (also before they were introduced), and the headline
    mentions: list[Mention] = []
    for view in views:
        sent = _Sentence(view, known, lx, lower, heads=False)
        spans = list(found.get(view.index, []))
        taken = set()
        for sp in spans:
            taken.update(range(sp.a, max(sp.b, sp.ext or sp.b) + 1))
        title_ends = {tok_range(view, m)[1] for m in titles.get(view.index, [])}
        add_known(sent, spans, taken, title_ends, view.headline)
        if view.headline:
            spans = [s for s in spans if s.known_only or sent._is_known_span(s)]
        for sp in sorted(spans, key=lambda s: s.a):
            if sp.ref is None:
                hit = sent.known_at.get(sp.a)
                if hit and hit[0] == sp.b and not isinstance(hit[1], str):
                    sp.ref = hit[1]
            mentions.append(_mention_for(sent, sp, text))
    mentions.extend(_unspaced_references(ctx))
    _prefer_document_country(ctx, mentions)
    ctx.mentions.extend(mentions)
    ctx.mentions.sort(key=lambda m: (m.start, m.end))


@lru_cache(maxsize=1)
def _shared_reference_names() -> dict[tuple[str, ...], tuple]:
    """Names and aliases that several reference bodies share ("Ministry of Manpower" is
    Singapore's and, in English, Indonesia's): folded words -> the bodies, in file order."""
    from unionkg.ingest.lexicon import _phrase_words, _reference

    by_name: dict[tuple[str, ...], list] = {}
    for org in _reference():
        for n in org.names():
            key = tuple(_phrase_words(re.sub(r"\s*\([^)]*\)", "", n).strip()))
            if key and org not in by_name.setdefault(key, []):
                by_name[key].append(org)
    return {k: tuple(v) for k, v in by_name.items() if len(v) > 1}


def document_country(ctx: DocContext) -> str | None:
    """The country the article is written from: its dateline's place ("SINGAPORE, 3 March
    2026 -"), else the country most of its gazetteer places lie in (remembered per document)."""
    if "_doc_country" in ctx.__dict__:
        return ctx.__dict__["_doc_country"]
    from collections import Counter

    from unionkg.ingest.places import find_place_names

    body = ctx.text.split("\n\n", 1)[-1].lstrip()
    head = find_place_names(body[:60])
    if head and body[: head[0].start].strip(" -–—,.") == "":
        found = head[0].country
    else:
        counts = Counter(p.country for p in find_place_names(ctx.text))
        found = counts.most_common(1)[0][0] if counts else None
    ctx.__dict__["_doc_country"] = found
    return found


def _prefer_document_country(ctx: DocContext, mentions: list[Mention]) -> None:
    """A name several reference bodies share names the one of the article's country."""
    shared = _shared_reference_names()
    country: list[str | None] = []
    for m in mentions:
        ref = m.attrs.get("ref")
        if ref is None:
            continue
        alts = shared.get(tuple(_phrase_key(m.attrs.get("name") or m.text)))
        if not alts or ref not in alts:
            continue
        if not country:
            country.append(document_country(ctx))
        pick = next((o for o in alts if o.country and o.country == country[0]), None)
        if pick is not None:
            m.attrs["ref"] = pick


def _phrase_key(name: str) -> tuple[str, ...]:
    from unionkg.ingest.lexicon import _phrase_words

    return tuple(_phrase_words(name))


_UNSPACED = re.compile(r"[\u0E00-\u0EFF\u1780-\u17FF\u1000-\u109F]")


@lru_cache(maxsize=1)
def _unspaced_pattern() -> tuple[re.Pattern[str] | None, dict[str, object]]:
    """Reference names written in Thai, Lao, Khmer or Burmese script (no spaces, no capitals:
    found as substrings)."""
    from unionkg.ingest.lexicon import _reference

    by_name: dict[str, object] = {}
    for org in _reference():
        for n in org.names():
            if _UNSPACED.search(n):
                by_name.setdefault(n, org)
    if not by_name:
        return None, {}
    alts = sorted(by_name, key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in alts)), by_name


def _unspaced_references(ctx: DocContext) -> list[Mention]:
    """Best effort for th/lo/km/my: known bodies by their names in those scripts."""
    if not _UNSPACED.search(ctx.text):
        return []
    pattern, by_name = _unspaced_pattern()
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(ctx.text):
        s = ctx.sentence_at(m.start())
        ref = by_name[m.group(0)]
        out.append(Mention(m.start(), m.end(), m.group(0), "Organization", s.index if s else -1, attrs={
            "name": m.group(0), "aliases": [], "kind": getattr(ref, "kind", None), "unit": False, "parents": [],
            "ref": ref, "extent": m.end(), "possessive": False, "headline": False}))
    return out
