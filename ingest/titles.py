"""Post titles and governing boards in the text (component ``find_titles``).

A title is the longest role label of the ontology at a position ("Wakil
Presiden", "Secretary-General", "Phó Chủ tịch", "Trưởng Ban"); a governing
board printed right after it stays in the title ("Ketua Umum DPP", "Ủy viên
Đoàn Chủ tịch") and is never an organisation. Honorifics are claimed too, so
that organisation names stop before them.

>>> from unionkg.graph.model import Document
>>> from unionkg.ingest.context import DocContext
>>> from unionkg.ingest.sentences import split_sentences
>>> ctx = DocContext(Document("d", "s", "Ketua Umum DPP FSP KEP Dedi hadir."))
>>> split_sentences(ctx); find_titles(ctx)
>>> [(m.text, m.attrs["role"]) for m in ctx.mentions]
[('Ketua Umum DPP', 'general_chair')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from unionkg.ingest.lexicon import ffold as fold
from unionkg.ingest.context import DocContext, Mention
from unionkg.ingest.lexicon import Words, lexicon, longest, matches, raw_equal
from unionkg.ingest.sentences import tokenize
from unionkg.ingest.spans import sentence_views

__all__ = ["find_titles"]

# folded word -> can a title, board or honorific start with it (per lexicon; words recur)
_STARTS: dict[int, dict] = {}
_DERIVED = re.compile(r"^(?:Pe|Ke|Per|Pen|Pem|Peng|Penge|Keter|Kese|Ketenaga)[a-z]{3,}an$")


def find_titles(ctx: DocContext) -> None:
    """Pipeline component: ``Title`` mentions (attrs role, label, title, board) and the
    tokens of boards and honorifics claimed on the sentence views."""
    lx = lexicon()
    out: list[Mention] = []
    starts = _STARTS.setdefault(id(lx), {})
    if len(starts) > 200_000:  # bounded memory over a long run
        starts.clear()
    for view in sentence_views(ctx):
        toks, ws = view.toks, view.ws
        n = len(toks)
        i = 0
        words, wfirst = ws.words, ws.first
        board_before: tuple[int, int] | None = None
        while i < n:
            t = toks[i]
            if t.punct:
                i += 1
                continue
            w = words[wfirst[i]] if wfirst[i] < len(words) else None
            may = starts.get(w)
            if may is None:
                may = starts[w] = (w in lx.boards or w in lx.titles or w in lx.honorifics
                                   or bool(w and w.endswith(("nya", "ng"))))
            if not may:
                i += 1  # no title, board or honorific starts with this word
                continue
            board = longest(lx.boards, ws, i)
            title = longest(lx.titles, ws, i)
            if title and title[1][2] == "vi" and not raw_equal(ws, i, title[0], title[1][1]):
                title = None
            if board and (not title or board[0] >= title[0]):
                if toks[i].cap or toks[i].upper:
                    for k in range(i, board[0] + 1):
                        view.claimed[k] = "Board"
                board_before = (i, board[0])
                i = board[0] + 1
                continue
            if title:
                # "Deputy Director General Affairs Department": a shorter title when the
                # longer one would eat the first word of a name with a head noun after it
                options = matches(lx.titles, ws, i)
                if len(options) > 1:
                    for shorter in reversed(options[:-1]):
                        k = shorter[0] + 1
                        run = k
                        while run < n and (toks[run].cap or toks[run].upper) and not toks[run].punct:
                            run += 1
                        heads = [(q, longest(lx.heads, ws, q)) for q in range(title[0] + 2, run)]
                        if any(h and h[1][1] == "en" for q, h in heads):
                            title = shorter
                            break
                role, label, lang = title[1]
                end = title[0]
                # a single lower-case word is a title only in a title's place; short
                # capitalised English words ("Head", "Chair") likewise — the post linker decides
                boards = []
                nxt = longest(lx.boards, ws, end + 1)
                while nxt and (toks[end + 1].cap or toks[end + 1].upper):
                    boards.append((end + 1, nxt[0]))
                    end = nxt[0]
                    nxt = longest(lx.boards, ws, end + 1)
                first = i
                # "an NTUC central committee member": a board printed before the title is part of it
                if board_before and board_before[1] == i - 1:
                    first = board_before[0]
                    boards.insert(0, board_before)
                minister = bool(set(fold(label).split()) & lx.minister_words)
                # "Human Resources Minister": the portfolio printed before a minister's title
                if minister:
                    q = i - 1
                    while q >= 0 and toks[q].cap and not toks[q].upper and q not in view.claimed \
                            and not lx.is_function_word(toks[q].text) and not toks[q].poss:
                        q -= 1
                    if q < i - 1 and (q < 0 or not toks[q].cap or toks[q].upper or q in view.claimed):
                        first = q + 1
                end = _qualifier_after(view, end, minister, lx)
                start, stop = toks[first].start, toks[end].end
                for k in range(first, end + 1):
                    view.claimed[k] = "Title"
                p = first - 1
                # (a title printed in lower case is never a word of a capitalised name: "MEF Selangor president")
                embedded = (p > 0 and toks[first].cap and toks[p].cap and not toks[p].upper and not toks[p].poss and p not in view.claimed
                            and toks[p - 1].text not in ('"', "“", "-", "–", ":") and not longest(lx.refs, ws, p)
                            and not longest(lx.heads, ws, p) and not view.headline)
                if embedded:  # "Persidangan Perwakilan Dwi Tahunan": a word of a longer name
                    for k in range(first, end + 1):
                        view.claimed[k] = "TitleWord"
                out.append(Mention(start, stop, ctx.text[start:stop], "Title", view.index, attrs={
                    "embedded": embedded,
                    "role": role, "label": label, "lang": lang, "title": ctx.text[start:stop],
                    "board": ctx.text[toks[boards[0][0]].start: toks[boards[-1][1]].end] if boards else None,
                }))
                i = end + 1
                continue
            # "Presidennya, X": a one-word title with the Malay/Indonesian possessive -nya
            if not title and t.cap and t.key.endswith("nya") and len(t.key) > 6:
                stem = longest(lx.titles, Words(tokenize(t.text[:-3])), 0)
                if stem and stem[0] == 0:
                    view.claimed[i] = "Title"
                    out.append(Mention(t.start, t.end, t.text, "Title", view.index, attrs={
                        "role": stem[1][0], "label": stem[1][1], "lang": stem[1][2], "title": t.text[:-3],
                        "board": None, "embedded": False, "possessive": True}))
                    i += 1
                    continue
            # "Pangulong Ramon Villareal": a Filipino title with the linker -ng before a name
            if not title and t.cap and t.key.endswith("ng") and len(t.key) > 5 and i + 1 < n and toks[i + 1].cap:
                stem = longest(lx.titles, Words(tokenize(t.text[:-2])), 0)
                if stem and stem[0] == 0 and stem[1][2] == "tl":
                    view.claimed[i] = "Title"
                    out.append(Mention(t.start, t.end, t.text, "Title", view.index, attrs={
                        "role": stem[1][0], "label": stem[1][1], "lang": "tl", "title": t.text,
                        "board": None, "embedded": False}))
                    i += 1
                    continue
            hon = longest(lx.honorifics, ws, i)
            if hon and any(ord(c) > 0x2af for c in hon[1][1]) and not raw_equal(ws, i, hon[0], hon[1][1]):
                hon = None  # "bà"/"ông"/"đồng chí" as printed, not "Ba"/"Ong"/"Dong Chi"
            if hon and hon[1][1][:1].islower() and t.cap and i > 0 and not toks[i - 1].punct:
                hon = None  # "ông"/"bà" start a name only in lower case or at a clause start ("Mr Marcus Ong")
            if hon:
                end = hon[0]
                # an honorific stands before a capitalised name ("Dr. Martha", "bà Lê", "Dato' Sri")
                nxt = end + 1
                while nxt < n and toks[nxt].text in (".",):
                    nxt += 1
                label = hon[1][1]
                short_ok = len(label.rstrip(".")) > 2 or toks[i].text.rstrip(".") == label.rstrip(".")
                if fold(label) in lx.inner_honorifics and i > 0 and toks[i - 1].cap and not toks[i - 1].upper \
                        and not toks[i - 1].punct and (i - 1) not in view.claimed:
                    short_ok = False  # "Khin Maung Oo": a word inside a name, not an honorific
                if len(label.rstrip(".")) == 1:
                    # "H." is an honorific before a name, "G." an initial inside one ("Arnel G. Dizon")
                    p = i - 1
                    while p >= 0 and toks[p].text == ".":
                        p -= 1
                    if p >= 0 and toks[p].cap and view.claimed.get(p) != "Honorific":
                        short_ok = False
                if nxt < n and (toks[nxt].cap) and short_ok:
                    for k in range(i, nxt):
                        view.claimed[k] = "Honorific"
                    i = nxt
                    continue
            i += 1
    ctx.mentions.extend(out)
    ctx.mentions.sort(key=lambda m: (m.start, m.end))


@lru_cache(maxsize=1)
def _portfolio_words() -> frozenset[str]:
    """Folded words of the names of government bodies in the reference data ("manpower",
    "human", "resources", "labour") — a portfolio after "Minister for" is made of them."""
    from unionkg.ingest.lexicon import _reference

    conn = lexicon().words("name_connectors")
    return frozenset(w for ref in _reference() if ref.kind == "government" for n in ref.names()
                     for w in fold(n).split() if w not in conn and len(w) > 2)


def _qualifier_after(view, end: int, minister: bool, lx) -> int:
    """Extend a title over a qualifier printed after it: "Director of Human Resources",
    "Vice President for Women", "Duta Besar Republik Indonesia untuk Laos", a minister's
    portfolio before an honorific ("Timbalan Menteri Sumber Manusia Datuk Seri ...")."""
    toks, n = view.toks, len(view.toks)

    def run_from(k: int) -> int:
        q = k
        while q < n and toks[q].cap and not toks[q].upper and q not in view.claimed and not longest(lx.honorifics, view.ws, q):
            q += 1
        return q - 1

    nxt = end + 1
    if nxt < n and toks[nxt].key in ("of", "for") and nxt + 1 < n and toks[nxt + 1].cap:
        last = run_from(nxt + 1)
        if last > nxt and not any(longest(lx.heads, view.ws, q) or longest(lx.refs, view.ws, q) for q in range(nxt + 1, last + 1)):
            # "Minister of State for Manpower Lucas Goh": a portfolio (words of a ministry's
            # name) ends the qualifier when capitalised words follow it — those are a name
            q = nxt + 1
            while q <= last and toks[q].key in _portfolio_words():
                q += 1
            if nxt + 1 < q <= last - 1:
                return q - 1
            # "Minister of Labour and Employment Maria Santos": portfolio words joined by "and"
            if q == last + 1 and last + 2 < n and toks[last + 1].key in ("and", "&") \
                    and toks[last + 2].key in _portfolio_words() and toks[last + 2].cap:
                q = last + 2
                while q < n and toks[q].key in _portfolio_words() and toks[q].cap and q not in view.claimed:
                    q += 1
                return q - 1
            return last
    if nxt < n and toks[nxt].cap:
        last = run_from(nxt)
        if last >= nxt:
            words = fold(" ".join(t.text for t in toks[nxt:last + 1])).split()
            # an ambassador's country: "Republik Indonesia (untuk Laos)"
            if words and (" ".join(words) in lx.places or " ".join(words[1:]) in lx.places and len(words) > 1):
                e = last
                if e + 2 < n and toks[e + 1].key in ("untuk", "to", "for", "di", "in", "tai", "ke") and toks[e + 2].cap:
                    last2 = run_from(e + 2)
                    for q in range(last2, e + 1, -1):  # the longest place at the start of the run
                        if fold(" ".join(t.text for t in toks[e + 2:q + 1])) in lx.places:
                            e = q
                            break
                return e
            # "Menteri Pengangkutan Anthony Loke": Malay/Indonesian derived nouns (pe-/ke-/per- ... -an)
            # name a portfolio, not a person
            q = nxt
            while minister and q <= last and _DERIVED.match(toks[q].text):
                q += 1
            if q > nxt and q <= last:
                return q - 1
            if minister and last + 1 < n and longest(lx.honorifics, view.ws, last + 1) \
                    and not any(longest(lx.heads, view.ws, q) for q in range(nxt, last + 1)):
                return last
    return end
