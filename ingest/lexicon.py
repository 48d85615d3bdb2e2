"""Word tries the recognisers match against, built once per process.

Everything here is *read*: titles, honorifics and organisation head nouns from
the ontology (:mod:`unionkg.ontology.vocab`), cue words from
``ingest/data/cues.yaml``, known bodies from the reference data
(:mod:`unionkg.ingest.reference`). Matching is on folded words (case,
diacritics and punctuation folded), so "Secretary-General", "secretary general"
and "SECRETARY GENERAL" are one key.

>>> lx = lexicon()
>>> ws = Words(tokenize("Wakil Presiden KSPSI", 0))
>>> end, (role, label, lang) = longest(lx.titles, ws, 0)
>>> role, end
('vice_president', 1)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from unionkg.graph.ids import fold
from unionkg.ingest.sentences import Tok, tokenize

__all__ = ["Lexicon", "Words", "lexicon", "longest", "matches", "ffold", "raw_equal", "cue_words", "build_trie", "trie_add"]

_END = None  # key of a trie node's value

# fold() is called for every token of every document: remember the answers
ffold = lru_cache(maxsize=262_144)(fold)


def trie_add(trie: dict, words: tuple[str, ...], value: Any, keep_first: bool = True) -> None:
    node = trie
    for w in words:
        node = node.setdefault(w, {})
    if keep_first and _END in node:
        return
    node[_END] = value


def build_trie(items: list[tuple[str, Any]]) -> dict:
    """A trie of folded phrases → value (the first value of a phrase wins)."""
    trie: dict = {}
    for phrase, value in items:
        words = tuple(_phrase_words(phrase))
        if words:
            trie_add(trie, words, value)
    return trie


def _phrase_words(phrase: str) -> list[str]:
    out: list[str] = []
    for t in tokenize(phrase):
        if t.punct:
            if t.text not in ".'’":
                out.append("§" + t.text)
        else:
            out.extend(t.key.split())
    return out


class Words:
    """The folded word stream of a token list: a token may hold several words
    ("Secretary-General" → secretary, general), a dot holds none (so "Dr." matches
    "Dr"), any other symbol is one word of its own (so "," blocks a phrase)."""

    __slots__ = ("toks", "words", "tok_of", "first", "last")

    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks
        words: list[str] = []
        tok_of: list[int] = []  # word index -> token index
        first: list[int] = []  # token index -> its first word index (or the next word's)
        last: list[bool] = []  # word index -> is the last word of its token
        # bound methods: this runs for every token of every document
        w_app, t_app, f_app, l_app = words.append, tok_of.append, first.append, last.append
        nw = 0
        for i, t in enumerate(toks):
            f_app(nw)
            if t.punct:
                if t.text in ".'’":
                    continue
                w_app("§" + t.text)
                t_app(i)
                l_app(True)
                nw += 1
                continue
            key = t.key
            if " " not in key:  # the common case: one word
                w_app(key or "§")
                t_app(i)
                l_app(True)
                nw += 1
                continue
            parts = key.split()
            for j, p in enumerate(parts):
                w_app(p)
                t_app(i)
                l_app(j == len(parts) - 1)
            nw += len(parts)
        f_app(nw)
        self.words, self.tok_of, self.first, self.last = words, tok_of, first, last

    def starts_token(self, wi: int) -> bool:
        return wi < len(self.words) and (wi == 0 or self.tok_of[wi - 1] != self.tok_of[wi])


def raw_equal(ws: Words, a: int, b: int, label: str) -> bool:
    """Do tokens a..b print ``label`` (case folded, diacritics kept)? Vietnamese "Đặng" is
    not "đảng", "Nguyên" not "Nguyễn" — folding alone would say they are."""
    printed = _norm(" ".join(t.text for t in ws.toks[a:b + 1] if t.text != "."))
    return printed in lexicon().spellings.get(ffold(label), {_norm(label)})


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).casefold().rstrip(".").split())


def longest(trie: dict, ws: Words, ti: int) -> tuple[int, Any] | None:
    """Longest phrase of ``trie`` starting at token ``ti``: (index of its last token, value)."""
    if ti >= len(ws.toks):
        return None
    wi = ws.first[ti]
    if wi >= len(ws.words) or ws.words[wi] not in trie or ws.tok_of[wi] != ti:
        return None
    node = trie
    best: tuple[int, Any] | None = None
    n = len(ws.words)
    while wi < n:
        node = node.get(ws.words[wi])
        if node is None:
            break
        if _END in node and ws.last[wi]:
            best = (ws.tok_of[wi], node[_END])
        wi += 1
    return best


def matches(trie: dict, ws: Words, ti: int) -> list[tuple[int, Any]]:
    """Every phrase of ``trie`` starting at token ``ti``, shortest first."""
    out: list[tuple[int, Any]] = []
    if ti >= len(ws.toks):
        return out
    wi = ws.first[ti]
    node = trie
    while wi < len(ws.words):
        node = node.get(ws.words[wi])
        if node is None:
            break
        if _END in node and ws.last[wi]:
            out.append((ws.tok_of[wi], node[_END]))
        wi += 1
    return out


def _starts_with(trie: dict, words: list[str]) -> bool:
    node = trie
    for w in words:
        node = node.get(w)
        if node is None:
            return False
    return _END in node


@dataclass
class Lexicon:
    titles: dict  # role labels → (role id, label, lang)
    honorifics: dict  # honorific labels → (id, label)
    degrees: dict  # academic degrees printed after a name → label
    heads: dict  # organisation-kind labels → (kind, lang, label)
    unit_kinds: frozenset[str]  # kinds whose head nouns name units of a body
    boards: dict  # governing boards → label
    refs: dict  # reference names/aliases → RefOrg
    cues: dict[str, dict] = field(default_factory=dict)  # cue group → trie of phrases → group
    cue_sets: dict[str, frozenset[str]] = field(default_factory=dict)  # single-word cue groups
    role_verbs: dict = field(default_factory=dict)  # trie: verb → role id
    places: frozenset[str] = frozenset()  # folded place names and aliases
    countries: frozenset[str] = frozenset()  # folded country names
    spellings: dict[str, set[str]] = field(default_factory=dict)  # folded label -> its spellings (marks kept)
    # honorifics that are also ordinary words inside names (Burmese "Khin Maung Oo", "Aung Ko"):
    # honorifics only at the start of a name
    inner_honorifics: frozenset[str] = frozenset()
    raw: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)  # (group, lang) -> case-folded words, marks kept
    minister_words: frozenset[str] = frozenset()  # folded words of the minister role's one-word labels
    name_words: frozenset[str] = frozenset()  # folded words of organisation-kind labels and reference names

    def all_cues(self) -> dict:
        """One trie of every cue phrase: phrase -> the groups it belongs to."""
        trie = self.__dict__.get("_all_cues")
        if trie is None:
            trie = {}
            for group, sub in [*self.cues.items(), ("role_verbs", self.role_verbs)]:
                stack = [((), sub)]
                while stack:
                    path, node = stack.pop()
                    for k, v in node.items():
                        if k is _END:
                            n = trie
                            for w in path:
                                n = n.setdefault(w, {})
                            n.setdefault(_END, set()).add(group)
                        else:
                            stack.append(((*path, k), v))
            self.__dict__["_all_cues"] = trie
        return trie

    def cue(self, group: str) -> dict:
        return self.cues.get(group, {})

    def words(self, group: str) -> frozenset[str]:
        return self.cue_sets.get(group, frozenset())

    def _raw_group_all_languages(self, group: str) -> frozenset[str]:
        """The raw (diacritics kept) words of a cue group over every language, computed once."""
        key = "_raw_all_" + group
        words = self.__dict__.get(key)
        if words is None:
            words = frozenset(w for (g, _l), ws in self.raw.items() if g == group for w in ws)
            self.__dict__[key] = words
        return words

    def is_particle(self, text: str) -> bool:
        """A lower-case particle inside a person's name ("bin", "a/l", "dela")."""
        return text.casefold() in self._raw_group_all_languages("name_particles")

    def is_function_word(self, text: str) -> bool:
        """A function word of any language, compared case-folded with diacritics kept."""
        return text.casefold() in self._raw_group_all_languages("function_words")

    def raw_words(self, group: str, lang: str) -> frozenset[str]:
        """Words of one language's cue list, case-folded with diacritics kept (Vietnamese
        "động" and "đồng" differ)."""
        return self.raw.get((group, lang), frozenset())


def cue_words(data: dict, group: str) -> list[str]:
    node = data.get(group) or {}
    if isinstance(node, dict):
        out: list[str] = []
        for v in node.values():
            out.extend(str(x) for x in (v or []))
        return out
    return [str(x) for x in node]


@lru_cache(maxsize=1)
def _cue_data() -> dict:
    text = resources.files("unionkg.ingest").joinpath("data/cues.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def _reference() -> list:
    try:
        from unionkg.ingest.reference import load_reference

        return list(load_reference())
    except Exception:  # reference data is an aid, recognition works without it
        return []


def _place_labels(only_type: str | None = None) -> frozenset[str]:
    """Folded names and aliases from the places gazetteer (``reference/places.csv``),
    of one ``type`` (e.g. "country") or of every row. The file ships with the
    package: a failure to read it is a bug to see, not to hide."""
    import csv
    import io

    text = resources.files("unionkg.ingest").joinpath("reference/places.csv").read_text(encoding="utf-8")
    out = set()
    for row in csv.DictReader(io.StringIO(text)):
        if only_type is not None and (row.get("type") or "").strip() != only_type:
            continue
        for label in [row.get("name") or "", *(row.get("aliases") or "").split("|")]:
            if label.strip():
                out.add(fold(label))
    return frozenset(out)


def lexicon() -> Lexicon:
    """The process-wide lexicon (ontology labels, cues, reference names)."""
    from unionkg.ontology import vocab

    titles = build_trie([(label, (cid, label, lang)) for label, cid, lang in vocab.lexicon("role")])
    hon_rows = vocab.lexicon("honorific")
    honorifics = build_trie([(label, (cid, label)) for label, cid, lang in hon_rows if cid != "degree"])
    degrees = build_trie([(label, label) for label, cid, lang in hon_rows if cid == "degree"])
    kind_rows = vocab.lexicon("org_kind")
    heads = build_trie([(label, (cid, lang, label)) for label, cid, lang in kind_rows])
    data = _cue_data()
    boards = build_trie([(b, b) for b in cue_words(data, "boards")])
    refs_items = []
    for org in _reference():
        for n in org.names():
            n = re.sub(r"\s*\([^)]*\)", "", n).strip()  # "Kongres Kesatuan Sekerja Malaysia (MTUC)"
            if n:
                refs_items.append((n, org))
    refs = build_trie(refs_items)
    cues: dict[str, dict] = {}
    sets: dict[str, frozenset[str]] = {}
    for group, node in data.items():
        if group in ("boards", "role_verbs"):
            continue
        phrases = cue_words(data, group)
        cues[group] = build_trie([(p, group) for p in phrases])
        sets[group] = frozenset(fold(p) for p in phrases if len(fold(p).split()) == 1)
    raw: dict[tuple[str, str], frozenset[str]] = {}
    for group, node in data.items():
        if isinstance(node, dict):
            for lang, words in node.items():
                if isinstance(words, list):
                    raw[(group, str(lang))] = frozenset(str(w).casefold() for w in words)
    minister_words = frozenset(fold(label) for label, cid, lang in vocab.lexicon("role")
                               if cid == "minister" and len(fold(label).split()) == 1)
    name_words = set()
    for label, cid, lang in kind_rows:
        name_words.update(w for w in fold(label).split() if len(w) > 3)
    for org in _reference():
        for n in org.names():
            name_words.update(w for w in fold(n).split() if len(w) > 3)
    role_verbs = build_trie([(verb, role) for role, verbs in (data.get("role_verbs") or {}).items()
                             for verb in verbs if vocab.is_id("role", role)])
    spellings: dict[str, set[str]] = {}
    for scheme in ("role", "org_kind", "honorific"):
        for label, _cid, _lang in vocab.lexicon(scheme):
            spellings.setdefault(fold(label), set()).add(_norm(label))
    return Lexicon(
        inner_honorifics=frozenset(fold(label) for label, cid, lang in hon_rows if lang == "my"),
        spellings=spellings,
        titles=titles,
        honorifics=honorifics,
        degrees=degrees,
        heads=heads,
        unit_kinds=frozenset({"other"}),
        boards=boards,
        refs=refs,
        cues=cues,
        cue_sets=sets,
        role_verbs=role_verbs,
        places=_place_labels(),
        countries=_place_labels("country"),
        raw=raw,
        minister_words=minister_words,
        name_words=frozenset(name_words),
    )
