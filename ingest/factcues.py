"""Cue words of the fact components (agreements, events, member counts), read from
``ingest/data/facts.yaml``, and small text helpers shared by those components.

Cue words are grammar (number words, tense markers, demonstratives), not
vocabularies: kinds, statuses and topics come from :mod:`unionkg.ontology.vocab`.

>>> bool(cue_pattern("plan_markers").search("Khang dijadwalkan mengunjungi"))
True
>>> number_value("2,2", 1_000_000), number_value("95.000", 1), number_value("1.3", 1_000_000)
(2200000, 95000, 1300000)
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import yaml

from unionkg.graph.ids import fold

__all__ = [
    "load_facts",
    "cues",
    "cue_pattern",
    "phrase_pattern",
    "number_scales",
    "number_value",
    "NUMBER_RE",
    "words_between",
    "VocabHit",
    "vocab_hits",
    "trie_pattern",
    "cue_regex",
]

# Scripts written without spaces between words: no word boundaries there.
_NO_SPACE_SCRIPTS = re.compile(r"[\u0E00-\u0EFF\u1780-\u17FF\u1000-\u109F]")

# A number as printed: "10", "95.000", "11.072.214", "1,2", "800,000", "1.2".
# A letter may follow directly: a scale word written on ("1.2m members", "10juta").
NUMBER_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:[.,]\d+)?(?![\d.,]\d)(?!\d)|(?<![\w.,])\d+(?:[.,]\d+)?(?![\d.,]\d)(?!\d)")


@lru_cache(maxsize=1)
def load_facts() -> dict[str, Any]:
    """The parsed data file (cached)."""
    text = resources.files("unionkg.ingest").joinpath("data/facts.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError("ingest/data/facts.yaml: expected a mapping of cue lists")
    return data


def _flatten(node: Any) -> list[str]:
    if node is None:
        return []
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        out: list[str] = []
        for value in node.values():
            out.extend(_flatten(value))
        return out
    if isinstance(node, (list, tuple)):
        out = []
        for value in node:
            out.extend(_flatten(value))
        return out
    return [str(node)]


@lru_cache(maxsize=None)
def cues(name: str, part: str | None = None) -> tuple[str, ...]:
    """All cue phrases of a list (union over languages), longest first."""
    node = load_facts().get(name)
    if node is None:
        raise KeyError(f"ingest/data/facts.yaml: no cue list {name!r}")
    if part is not None:
        node = node.get(part)
    phrases = {p.strip().casefold() for p in _flatten(node) if str(p).strip()}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


def _trie_body(phrases: list[str]) -> str:
    """One regex for many phrases, sharing their common prefixes (a character trie): a
    regex engine tries a plain alternation of hundreds of phrases at every position, a
    trie only follows the branch the text takes. Longer phrases win (greedy branches);
    a space in a phrase matches any run of whitespace."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in re.sub(r"\s+", " ", phrase):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return emit(root)


def trie_pattern(phrases, before: str = r"(?<!\w)", after: str = r"(?!\w)", flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A compiled matcher for phrases: word boundaries (``before``/``after``) around phrases
    of spaced scripts, none around Thai, Lao, Khmer or Burmese phrases. Case-insensitive
    matching folds case: phrases are given in any case."""
    norm = (lambda p: p.casefold()) if flags & re.IGNORECASE else (lambda p: p)
    spaced = sorted({norm(p) for p in phrases if p.strip() and not _NO_SPACE_SCRIPTS.search(p)})
    unspaced = sorted({p for p in phrases if p.strip() and _NO_SPACE_SCRIPTS.search(p)})
    alts = []
    if spaced:
        alts.append(f"{before}(?:{_trie_body(spaced)}){after}")
    if unspaced:
        alts.append(f"(?:{_trie_body(unspaced)})")
    return re.compile("|".join(alts) if alts else r"(?!x)x", flags)


def phrase_pattern(phrases: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """One case-insensitive regex for phrases, on word boundaries where the script has spaces;
    inner whitespace matches any run of whitespace."""
    return trie_pattern(list(phrases))


@lru_cache(maxsize=None)
def cue_pattern(name: str, part: str | None = None) -> re.Pattern[str]:
    return phrase_pattern(cues(name, part))


@lru_cache(maxsize=None)
def cue_regex(template: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A compiled regex from a template whose ``{list}`` or ``{list.part}`` placeholders stand
    for cue lists: ``cue_regex(r"(?:{with_words})\\s+(?:{company_references})")``. Cached, so hot
    paths do not rebuild patterns."""

    def sub(m: re.Match[str]) -> str:
        name, _, part = m.group(1).partition(".")
        return cue_pattern(name, part or None).pattern

    return re.compile(re.sub(r"\{([a-z_]+(?:\.[a-z_]+)?)\}", sub, template), flags)


@lru_cache(maxsize=1)
def number_scales() -> dict[str, int]:
    """Scale word (folded to lower case) -> multiplier, over all languages."""
    out: dict[str, int] = {}
    for lang_map in (load_facts().get("number_scales") or {}).values():
        for word, value in (lang_map or {}).items():
            out[str(word).casefold()] = int(value)
    return out


def number_value(printed: str, scale: int = 1) -> int | None:
    """The integer a printed number stands for, given its scale word's multiplier.

    Separators: groups of three digits after a separator are thousands
    ("95.000", "800,000", "11.072.214"); otherwise the last separator is a
    decimal mark ("2,2 juta", "1.2 million"). None if the result is not whole.
    """
    parts = re.split(r"[.,]", printed)
    if len(parts) == 1:
        value: float = int(parts[0])
    else:
        seps = re.findall(r"[.,]", printed)
        if len(set(seps)) == 2:  # "1,234.5": the last one is the decimal mark
            whole = "".join(parts[:-1])
            value = float(f"{whole}.{parts[-1]}")
        elif all(len(p) == 3 for p in parts[1:]) and not (scale > 1 and len(parts) == 2 and parts[0] == "0"):
            value = int("".join(parts))
        elif len(parts) == 2:
            value = float(f"{parts[0]}.{parts[1]}")
        else:
            return None
    total = value * scale
    if abs(total - round(total)) > 1e-6:
        return None
    return int(round(total))


def words_between(text: str) -> int:
    """How many words a stretch of text holds (a rough distance measure)."""
    return len(re.findall(r"\w+", text))


class VocabHit(NamedTuple):
    """A vocabulary label found in a text: offsets, the concept ID and the label as printed."""

    start: int
    end: int
    id: str
    text: str


@lru_cache(maxsize=None)
def _vocab_matcher(scheme: str) -> tuple[re.Pattern[str], dict[str, str]]:
    from unionkg.ontology import vocab  # the only source of labels

    by_fold: dict[str, str] = {}
    folded: list[str] = []
    acronyms: list[str] = []
    for label, concept, _lang in sorted(vocab.lexicon(scheme), key=lambda t: (-len(t[0]), t[0])):
        key = fold(label)
        if not key:
            continue
        by_fold.setdefault(key, concept)
        # short all-capital labels (PKB, CBA, K3) are acronyms: matched as printed
        (acronyms if label.isupper() and len(label) <= 5 else folded).append(label)
    ci = trie_pattern(folded, after=r"(?![\w-])").pattern
    cs = trie_pattern(acronyms, after=r"(?![\w-])", flags=0).pattern if acronyms else None
    pattern = re.compile(ci + (f"|(?-i:{cs})" if cs else ""), re.IGNORECASE)
    return pattern, by_fold


@lru_cache(maxsize=8192)
def _vocab_hits_cached(scheme: str, text: str) -> tuple[VocabHit, ...]:
    pattern, by_fold = _vocab_matcher(scheme)
    out = []
    for m in pattern.finditer(text):
        concept = by_fold.get(fold(m.group(0)))
        if concept:
            out.append(VocabHit(m.start(), m.end(), concept, m.group(0)))
    return tuple(out)


def vocab_hits(scheme: str, text: str, offset: int = 0) -> list[VocabHit]:
    """Every label of an ontology scheme printed in ``text`` (longest first at each place),
    offsets shifted by ``offset``.

    >>> [(h.id, h.text) for h in vocab_hits("event_kind", "melakukan pertemuan tingkat tinggi dengan VGCL")]
    [('conference', 'pertemuan tingkat tinggi')]
    """
    return [VocabHit(offset + h.start, offset + h.end, h.id, h.text) for h in _vocab_hits_cached(scheme, text)]
