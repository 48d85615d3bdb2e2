"""Per-sentence views shared by the recognisers: tokens, their word stream, and
which tokens earlier components have claimed (titles, boards, honorifics,
organisations, persons).

>>> from unionkg.graph.model import Document
>>> from unionkg.ingest.context import DocContext
>>> from unionkg.ingest.sentences import split_sentences
>>> ctx = DocContext(Document("d", "s", "Presiden KSPSI Andi Gani hadir."))
>>> split_sentences(ctx)
>>> view = sentence_views(ctx)[0]
>>> [t.text for t in view.toks][:3]
['Presiden', 'KSPSI', 'Andi']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from unionkg.ingest.context import DocContext, Mention
from unionkg.ingest.lexicon import Words, lexicon, longest
from unionkg.ingest.sentences import Tok, headline_index, sentence_tokens

__all__ = ["View", "sentence_views", "tok_range", "ends_before", "phrase_at", "cue_starts", "mentions_by_sentence",
           "possessive_pronoun_before"]


@dataclass
class View:
    index: int
    toks: list[Tok]
    ws: Words
    headline: bool = False
    claimed: dict[int, str] = field(default_factory=dict)  # token index -> "Title" | "Board" | "Honorific" | ...
    cue_hits: dict[str, dict[int, int]] = field(default_factory=dict)  # cue group -> start token -> end token

    def tok_at(self, offset: int) -> int | None:
        """Index of the token starting at or covering ``offset``."""
        lo, hi = 0, len(self.toks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            t = self.toks[mid]
            if t.end <= offset:
                lo = mid + 1
            elif t.start > offset:
                hi = mid - 1
            else:
                return mid
        return lo if lo < len(self.toks) else None


def sentence_views(ctx: DocContext) -> list[View]:
    """One :class:`View` per sentence (built once and kept on the context)."""
    cached = ctx.__dict__.get("_views")
    if cached is not None and len(cached) == len(ctx.sentences):
        return cached
    head = headline_index(ctx)
    views = [View(i, toks, Words(toks), i == head) for i, toks in enumerate(sentence_tokens(ctx))]
    ctx.__dict__["_views"] = views
    return views


def tok_range(view: View, m: Mention) -> tuple[int, int]:
    """First and last token index of a mention in its sentence."""
    key = (m.start, m.end)
    cache = view.__dict__.setdefault("_ranges", {})
    hit = cache.get(key)
    if hit is None:
        a = view.tok_at(m.start)
        b = view.tok_at(max(m.start, m.end - 1))
        hit = cache[key] = ((a if a is not None else 0), (b if b is not None else len(view.toks) - 1))
    return hit


def cue_starts(view: View, group: str) -> dict[int, int]:
    """Every cue phrase of ``group`` in the sentence: start token -> end token."""
    phrase_at(view, group, 0)
    return view.cue_hits.get(group) or {}


def phrase_at(view: View, group: str, ti: int) -> int | None:
    """Last token index of a cue phrase of ``group`` starting at token ``ti``
    (every start of the sentence is looked up once per group)."""
    if not view.cue_hits:
        _all_cue_hits(view)
    hits = view.cue_hits.get(group)
    return hits.get(ti) if hits else None


def _all_cue_hits(view: View) -> None:
    """Walk the sentence once through the trie of all cue phrases; keep, for each group and
    start token, the end of the longest phrase."""
    trie = lexicon().all_cues()
    ws = view.ws
    words, tok_of, last = ws.words, ws.tok_of, ws.last
    n = len(words)
    out: dict[str, dict[int, int]] = {"_": {}}
    for ti in range(len(view.toks)):
        wi = ws.first[ti]
        if wi >= n or tok_of[wi] != ti or words[wi] not in trie:
            continue
        node = trie
        while wi < n:
            node = node.get(words[wi])
            if node is None:
                break
            groups = node.get(None)
            if groups and last[wi]:
                end = tok_of[wi]
                for g in groups:
                    out.setdefault(g, {})[ti] = end
            wi += 1
    view.cue_hits = out


def ends_before(view: View, group: str, ti: int, reach: int = 5) -> int | None:
    """Start token of a cue phrase of ``group`` that ends right before token ``ti``."""
    last = ti - 1
    while last >= 0 and view.toks[last].text == ".":  # "Plt. Ketua Umum"
        last -= 1
    for start in range(last, max(-1, last - reach), -1):
        end = phrase_at(view, group, start)
        if end == last:
            return start
    return None


def possessive_pronoun_before(view: View, ti: int, reach: int = 2) -> int | None:
    """Token index of a possessive pronoun before token ``ti``, maybe with up to ``reach``
    lower-case words between ("its general secretary", "its regional secretary", "their new
    president"), else None. The title then belongs to the body the clause is about."""
    k = ti - 1
    for _ in range(reach + 1):
        if k < 0:
            return None
        if phrase_at(view, "possessive_pronouns", k) == k:
            return k
        t = view.toks[k]
        if t.poss and not t.cap and not t.punct and k > 0 and view.toks[k - 1].key == "the":
            return k  # "the union's general secretary": a common noun standing for the body
        if t.punct or t.cap or k in view.claimed:
            return None
        k -= 1
    return None


def mentions_by_sentence(ctx: DocContext, types: tuple[str, ...]) -> dict[int, list[Mention]]:
    out: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        if m.type in types:
            out.setdefault(m.sentence, []).append(m)
    for ms in out.values():
        ms.sort(key=lambda m: (m.start, -m.end))
    return out
