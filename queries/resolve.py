"""Turn a name typed by an analyst into one entity, or say clearly why not.

Order of attempts: an entity id; an exact name, alias or acronym after
folding (``store.find``); then a fuzzy fallback over the names of entities of
the wanted type — every word of the query a word of a name, in order ("Andi
Gani" → "Andi Gani Nena Wea"), else a close spelling (rapidfuzz). More than
one candidate is never guessed: :class:`QueryError` lists them with ids so the
analyst can pass the id instead.
"""

from __future__ import annotations

from typing import Any

from unionkg.graph.ids import fold
from unionkg.queries.params import QueryError

__all__ = ["resolve", "describe"]

# How close a misspelling must be (rapidfuzz ratio on folded names, 0–100)
# to be accepted; below this a typo is reported as "no entity" rather than guessed.
FUZZY_CUTOFF = 88
MAX_LISTED = 8


def describe(e: dict[str, Any]) -> str:
    """``name [id, type, kind, country]`` — enough to tell candidates apart."""
    extra = ", ".join(str(x) for x in (e["id"], e["type"], e.get("kind"), e.get("country")) if x)
    aka = [a for a in e.get("aliases") or [] if a != e["name"]][:3]
    return f"{e['name']}" + (f" (also {', '.join(aka)})" if aka else "") + f" [{extra}]"


def _ambiguous(name: str, found: list[dict[str, Any]]) -> QueryError:
    found = sorted(found, key=lambda e: (e["name"], e["id"]))
    listed = "; ".join(describe(e) for e in found[:MAX_LISTED])
    more = f"; and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
    return QueryError(f"{name!r} is ambiguous, {len(found)} candidates: {listed}{more} — pass an id instead")


def _words_in_order(query: list[str], name: list[str]) -> bool:
    """Every query word is a word of the name, in order ("andi gani" in "andi gani nena wea").
    Whole words only: "WFID500" must not pick "WFID5000"."""
    i = 0
    for w in name:
        if i < len(query) and w == query[i]:
            i += 1
    return i == len(query)


def _fuzzy(store: Any, name: str, types: tuple[str, ...]) -> list[dict[str, Any]]:
    key = fold(name)
    if not key:
        return []
    qwords = key.split()
    pool: list[dict[str, Any]] = []
    for t in types:
        pool.extend(store.entities(t))
    by_words = [e for e in pool if any(_words_in_order(qwords, fold(n).split()) for n in [e["name"], *e["aliases"]])]
    if by_words:
        return by_words
    try:
        from rapidfuzz import fuzz
    except ImportError:  # pragma: no cover - rapidfuzz is a declared dependency
        return []
    scored = []
    for e in pool:
        best = max(fuzz.ratio(key, fold(n)) for n in [e["name"], *e["aliases"]])
        if best >= FUZZY_CUTOFF:
            scored.append((best, e))
    if not scored:
        return []
    top = max(s for s, _ in scored)
    return [e for s, e in scored if s == top]


def resolve(store: Any, name: str, types: str | tuple[str, ...] | None = None) -> dict[str, Any]:
    """The one entity ``name`` denotes (of one of ``types`` when given).

    Raises :class:`QueryError` when nothing matches or several entities do."""
    if isinstance(types, str):
        types = (types,)
    wanted = types or ("Organization", "Person", "Agreement", "Event", "Place")
    text = name.strip()
    if not text:
        raise QueryError("an empty name was given")
    direct = store.entity(text)
    if direct is not None and direct["type"] in wanted:
        return direct
    found = [e for e in store.find(text) if e["type"] in wanted]
    if not found:
        found = _fuzzy(store, text, tuple(wanted))
    if not found:
        kinds = "/".join(t.lower() for t in wanted) if types else "entity"
        raise QueryError(f"no {kinds} named {text!r} in the store")
    # The same entity may be listed twice (two aliases); keep ids unique.
    unique = {e["id"]: e for e in found}
    if len(unique) > 1:
        raise _ambiguous(text, list(unique.values()))
    return next(iter(unique.values()))
