"""Sentences and tokens: the units every recogniser works on.

A sentence ends at a line break or at ``. ! ?`` (with closing quotes or
brackets) followed by a capitalised word, a quote or a digit — but not after an
initial ("R. Abdulah"), an honorific with a dot ("Dr.", "Hj.", "Atty.") or a
listed abbreviation. Offsets always point into the document text.

>>> from unionkg.graph.model import Document
>>> from unionkg.ingest.context import DocContext
>>> ctx = DocContext(Document("d", "s", "Title here\\n\\nDr. Martha Simanjuntak tiba. Ia berkata."))
>>> split_sentences(ctx)
>>> [s.text for s in ctx.sentences]
['Title here', 'Dr. Martha Simanjuntak tiba.', 'Ia berkata.']
>>> [t.text for t in tokenize("Suresh a/l Muniandy, Dato' Sri", 0)]
['Suresh', 'a/l', 'Muniandy', ',', "Dato'", 'Sri']
"""

from __future__ import annotations

import re
from functools import lru_cache

from unionkg.graph.ids import fold
from unionkg.ingest.context import DocContext, Sentence

__all__ = ["Tok", "tokenize", "split_sentences", "headline_index", "sentence_tokens", "MAX_SENTENCE"]

# Malay/Indian patronymics first ("a/l", "s/o"), then words with inner dots, dashes and
# apostrophes ("M.Si", "Pekerja-Pekerja", "Women's", "Dato'"), then single symbols.
_TOKEN = re.compile(r"(?:[aAsSdD]/[lLpPoO])(?!\w)|\w+(?:[-'’.]\w+)*(?:['’](?!\w))?|[^\w\s]")

_BREAK = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[\w])|\n+")
_ffold = lru_cache(maxsize=262_144)(fold)
MAX_SENTENCE = 1500  # characters: longer runs without a stop are cut (bounded work per sentence)
_ABBREV_EXTRA = {"no", "jl", "plt", "pj", "plh", "st", "jr", "sr", "vs", "co", "inc", "ltd", "bhd", "dll", "dsb", "tk", "pt", "tbk", "u", "mt", "gen"}


class Tok:
    """One token: offsets into the document text, the printed text, its folded key."""

    __slots__ = ("start", "end", "text", "key", "cap", "upper", "punct", "index", "poss")

    def __init__(self, start: int, end: int, text: str, index: int) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.index = index
        self.punct, self.poss, self.key, self.cap, self.upper = _props(text)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Tok({self.text!r}@{self.start})"


@lru_cache(maxsize=262_144)
def _props(text: str) -> tuple[bool, bool, str, bool, bool]:
    """punct, possessive, folded key, capitalised, all capitals — per distinct token text."""
    first = text[0]
    punct = not (first.isalnum() or first == "_")
    # a possessive is keyed by its owner ("NTUC's" -> "ntuc", "Workers'" -> "workers")
    poss = len(text) > 2 and (text[-2:] in ("'s", "’s") or text[-1] in "'’")
    base = text[:-2] if text[-2:] in ("'s", "’s") and len(text) > 2 else text
    key = "" if punct else _ffold(base)
    cap = first.isupper()
    upper = cap and text.isupper() and sum(1 for c in text if c.isalpha()) >= 2
    return punct, poss, key, cap, upper


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    """Tokens of ``text`` whose offsets are shifted by ``offset``."""
    # Tok objects are filled here directly (not through __init__): this runs for every
    # token of every document, and the call overhead was most of its cost
    out: list[Tok] = []
    new = Tok.__new__
    props = _props
    for i, m in enumerate(_TOKEN.finditer(text)):
        t = new(Tok)
        a, b = m.span()
        t.start = a + offset
        t.end = b + offset
        t.text = w = m.group()
        t.index = i
        t.punct, t.poss, t.key, t.cap, t.upper = props(w)
        out.append(t)
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Folded words that end with a dot without ending a sentence: honorifics printed with a dot."""
    out = set(_ABBREV_EXTRA)
    try:
        from unionkg.ontology import vocab

        for label, _id, _lang in vocab.lexicon("honorific"):
            if label.endswith("."):
                parts = fold(label).split()
                if parts:
                    out.add(parts[-1])
    except Exception:  # the ontology is optional for splitting
        pass
    return frozenset(out)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the dot at ``dot`` the end of an abbreviation or initial?"""
    j = dot
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'’."):
        j -= 1
    word = text[j:dot]
    if not word:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "R. Abdulah", "S. Bautista"
        return True
    if "." in word:  # "M.Si.", "S.H."
        return True
    return fold(word) in _abbreviations()


def split_sentences(ctx: DocContext) -> None:
    """Pipeline component: fill ``ctx.sentences`` (stripped of surrounding spaces)."""
    text = ctx.text
    out: list[Sentence] = []
    start = 0

    def add(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        # a run-on "sentence" (a text without stops) is cut into pieces of bounded length,
        # at a semicolon, comma or space, so that the work per sentence stays bounded
        while b - a > MAX_SENTENCE:
            cut = max(text.rfind("; ", a, a + MAX_SENTENCE), text.rfind(", ", a, a + MAX_SENTENCE))
            if cut <= a + MAX_SENTENCE // 2:
                cut = text.rfind(" ", a, a + MAX_SENTENCE)
            if cut <= a:
                cut = a + MAX_SENTENCE
            else:
                cut += 1
            out.append(Sentence(len(out), a, cut, text[a:cut]))
            a = cut
            while a < b and text[a].isspace():
                a += 1
        if b > a:
            out.append(Sentence(len(out), a, b, text[a:b]))

    for m in _BREAK.finditer(text):
        if m.group(0)[0] == ".":
            if _is_abbreviation(text, m.start()):
                continue
        add(start, m.end())
        start = m.end()
    add(start, len(text))
    ctx.sentences = out


def headline_index(ctx: DocContext) -> int | None:
    """Index of the headline sentence (the document's first line, when it stands alone
    as a title: short, followed by a blank line or equal to the document title)."""
    if not ctx.sentences:
        return None
    s = ctx.sentences[0]
    if ctx.document.title and fold(ctx.document.title) == fold(s.text):
        return 0
    rest = ctx.text[s.end: s.end + 3]
    if len(s.text) <= 250 and "\n" in rest and not s.text.rstrip().endswith((".", "!", "?")):
        return 0
    return None


def sentence_tokens(ctx: DocContext) -> list[list[Tok]]:
    """Tokens of every sentence (cached on the context for the later components)."""
    cache = ctx.__dict__.setdefault("_tokens", None)
    if cache is not None and len(cache) == len(ctx.sentences):
        return cache
    toks = [tokenize(s.text, s.start) for s in ctx.sentences]
    ctx.__dict__["_tokens"] = toks
    return toks
