"""Name keys for cross-document matching: folded tokens, acronyms, name variants.

Token equivalences (``Mohd`` = ``Muhammad``), patronymic particles (``bin``,
``a/l``) and function words dropped from organisation names live in the data
file ``ingest/reference/name_variants.csv``; honorifics come from the
ontology when it lists them (``unionkg.ontology.vocab``).

>>> person_tokens("Mohd Rizal bin Abdul Hamid")
('muhammad', 'rizal', 'abdul', 'hamid')
>>> person_tokens("Nguyễn Đình Khang") == person_tokens("Nguyen Dinh Khang")
True
>>> is_acronym("ASEAN TUC"), is_acronym("NTUC LearningHub")
(True, False)
>>> derived_acronym("Konfederasi Serikat Pekerja Seluruh Indonesia")
'kspsi'
>>> derived_acronym("Trade Union Congress of the Philippines")
'tucp'
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

from unionkg.graph.ids import fold

__all__ = ["person_tokens", "org_tokens", "is_acronym", "derived_acronym", "honorifics"]

_VARIANTS_FILE = Path(__file__).with_name("reference") / "name_variants.csv"


@functools.lru_cache(maxsize=1)
def _variants() -> tuple[dict[str, str], tuple[str, ...], frozenset[str]]:
    equiv: dict[str, str] = {}
    particles: list[str] = []
    function_words: set[str] = set()
    with _VARIANTS_FILE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            kind = (row.get("kind") or "").strip()
            variant = (row.get("variant") or "").strip().lower()
            if kind == "equivalent":
                equiv[fold(variant)] = fold(row.get("canonical") or variant)
            elif kind == "particle":
                particles.append(variant)
            elif kind == "function_word":
                function_words.add(fold(variant))
    return equiv, tuple(particles), frozenset(function_words)


@functools.lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Folded honorifics/titles the ontology knows (empty when it lists none)."""
    try:
        from unionkg.ontology import vocab
    except ImportError:  # pragma: no cover - the ontology module is part of the package
        return frozenset()
    return frozenset(fold(label) for label, _id, _lang in vocab.lexicon("honorific") if fold(label))


def _strip_honorifics(folded: str) -> str:
    hs = honorifics()
    if not hs:
        return folded
    changed = True
    while changed and folded:
        changed = False
        for h in sorted(hs, key=len, reverse=True):
            if folded.startswith(h + " "):
                folded = folded[len(h) + 1:]
                changed = True
                break
            if folded.endswith(" " + h):  # degrees printed after the name (", M.Si.")
                folded = folded[: -len(h) - 1]
                changed = True
                break
    return folded


@functools.lru_cache(maxsize=65536)
def person_tokens(name: str) -> tuple[str, ...]:
    """Folded name tokens with honorifics and particles dropped, variants unified."""
    equiv, particles, _ = _variants()
    text = name.lower()
    for p in particles:
        text = re.sub(r"(?<!\w)" + re.escape(p) + r"(?!\w)", " ", text)
    folded = _strip_honorifics(fold(text))
    return tuple(equiv.get(t, t) for t in folded.split() if t)


@functools.lru_cache(maxsize=65536)
def org_tokens(name: str) -> tuple[str, ...]:
    """Folded organisation-name tokens without function words ('of', 'dan', 'và')."""
    _, _, fw = _variants()
    return tuple(t for t in fold(name).split() if t not in fw)


def is_acronym(name: str) -> bool:
    """A name written as an acronym: every token's letters are capitals (digits and
    dots allowed), e.g. KSPSI, ASEAN TUC, FSP KEP, C.CAWDU."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2 or len(letters) > 14:
        return False
    return all(c.isupper() for c in letters) or bool(re.fullmatch(r"[a-z]\d[a-z]", name))


def derived_acronym(name: str) -> str | None:
    """Initials of a multi-word name's content words, folded (None for short names)."""
    if is_acronym(name):
        return None
    toks = org_tokens(name)
    if len(toks) < 2:
        return None
    return "".join(t[0] for t in toks)
