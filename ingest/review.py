"""Uncertain candidate pairs for the analyst (``unionkg entities review``).

Two nodes of one type whose names have something in common and whose
comparison (:func:`unionkg.ingest.resolve.compare`) scores at least
``REVIEW_THRESHOLD`` but that the resolver kept apart — for a low score, a
context conflict or a tie — are listed best first with the sentences behind
each side. Pairs the analyst marked distinct are left out, and so are pairs
of two reference bodies (the reference file already says they differ).
"""

from __future__ import annotations

from typing import Any

from unionkg.ingest.resolve import REVIEW_THRESHOLD, Resolver, compare

__all__ = ["review_candidates"]


def _sentences(store: Any, entity_id: str, n: int = 2) -> list[str]:
    out: list[str] = []
    for ev in store.evidence(entity_id):
        text = " ".join((ev.get("text") or "").split())
        if text and text not in out:
            out.append(text)
        if len(out) >= n:
            break
    return out


def review_candidates(store: Any, type: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:  # noqa: A002
    """Candidate pairs ``{"score", "a", "a_name", "b", "b_name", "type", "reasons", "conflict",
    "a_sentences", "b_sentences"}`` sorted by score, best first."""
    resolver = Resolver(store, load_reference=False)
    rules = resolver.rules
    profiles = resolver.profiles
    pairs: dict[tuple[str, str], Any] = {}
    for pid, p in profiles.items():
        if type and p.type != type:
            continue
        for cid in resolver._candidates(p):  # noqa: SLF001 - same package
            if cid == pid:
                continue
            a, b = sorted((pid, cid))
            if (a, b) in pairs:
                continue
            pa, pb = profiles[a], profiles[b]
            if pa.reference and pb.reference:
                continue
            if rules.distinct(a, b):
                continue
            names_of = resolver._names_of(pa.parents | pb.parents)  # noqa: SLF001
            m1 = compare(pa, pb, resolver.kinds, names_of)
            m2 = compare(pb, pa, resolver.kinds, names_of)
            best = max((m for m in (m1, m2) if m is not None), key=lambda m: m.score, default=None)
            if best is None or best.score < REVIEW_THRESHOLD:
                continue
            pairs[(a, b)] = best
    rows = []
    for (a, b), m in pairs.items():
        ea, eb = store.entity(a), store.entity(b)
        if ea is None or eb is None:
            continue
        rows.append({"score": m.score, "type": ea["type"], "a": a, "a_name": ea["name"], "b": b, "b_name": eb["name"],
                     "reasons": m.reasons, "conflict": m.veto,
                     "a_sentences": _sentences(store, a), "b_sentences": _sentences(store, b)})
    rows.sort(key=lambda r: (-r["score"], r["a"], r["b"]))
    return rows[:limit] if limit else rows
