"""Contradictions between sources, side by side (``unionkg query conflicts``).

Nothing is overwritten when sources disagree: both claims stay in the store,
each with its documents. This query lists them:

- ``post`` — two different persons hold a single-holder role (the ontology
  marks them ``ukg:singleHolder``: president, general chair, …) in one
  organisation at overlapping times. A post without dates is taken as
  overlapping (the sources do not say otherwise); a post with an ``end`` before
  the other's ``start`` is not.
- ``attribute`` — an organisation's attribute (``members``, ``country``,
  ``kind``) has different values in different documents.

Each row: ``{"kind", "entity", "name", "key", "values": [{"value", "documents"}],
"detail"}``.

>>> from unionkg.graph.store import open_store
>>> with open_store(":memory:") as store:
...     find_conflicts(store)
[]
"""

from __future__ import annotations

import functools
import json
from typing import Any

__all__ = ["find_conflicts", "single_holder_roles"]

ATTRIBUTE_KEYS = ("members", "country", "kind")
_ANALYST_DOCS = ("@",)  # pseudo-documents of the store (reference data, analyst attributes)


@functools.lru_cache(maxsize=1)
def single_holder_roles() -> frozenset[str]:
    """Role ids the ontology marks ``ukg:singleHolder true``."""
    import rdflib

    from unionkg.ontology import vocab

    g = vocab.graph()
    out = set()
    for concept in g.subjects(vocab.NS.singleHolder, rdflib.Literal(True)):
        cid = vocab.concept_id(concept)
        if cid and cid[0] == "role":
            out.add(cid[1])
    return frozenset(out)


def _before(x: str, y: str) -> bool:
    """``x`` strictly before ``y``, compared at the precision both have
    ("2025" is not before "2025-12-08": the year does not say)."""
    n = min(len(x), len(y))
    return x[:n] < y[:n]


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Do two posts' periods overlap for sure?

    A missing start or end is open. Two posts with no dates at all are both
    "current": they overlap. A post that ended and one with no dates are a
    succession (the text said "former"), not a contradiction. Otherwise each
    must start strictly before the other ends, at the dates' common precision.
    """
    a0, a1, b0, b1 = a.get("start"), a.get("end"), b.get("start"), b.get("end")
    if not (a0 or a1 or b0 or b1):
        return True
    if (a1 and not (b0 or b1)) or (b1 and not (a0 or a1)):
        return False

    def lt(start: str | None, end: str | None) -> bool:
        return start is None or end is None or _before(start, end)

    return lt(a0, b1) and lt(b0, a1)


def _post_docs(store: Any, rel_id: str) -> list[str]:
    return sorted({ev["document"] for ev in store.evidence(rel_id)})


def find_conflicts(store: Any) -> list[dict[str, Any]]:
    """Every contradiction in the store; see the module docstring."""
    rows: list[dict[str, Any]] = []
    single = single_holder_roles()
    names = {e["id"]: e["name"] for e in store.entities()}
    by_org_role: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in store.relations("HOLDS_POSITION"):
        if r.get("role") in single:
            by_org_role.setdefault((r["target"], r["role"]), []).append(r)
    for (org, role), posts in sorted(by_org_role.items()):
        holders = {p["source"] for p in posts}
        if len(holders) < 2:
            continue
        clashing = set()
        for i, a in enumerate(posts):
            for b in posts[i + 1:]:
                if a["source"] != b["source"] and _overlap(a, b):
                    clashing |= {a["id"], b["id"]}
        if not clashing:
            continue
        values = [{"value": names.get(p["source"], p["source"]), "person": p["source"],
                   "start": p.get("start"), "end": p.get("end"), "documents": _post_docs(store, p["id"])}
                  for p in posts if p["id"] in clashing]
        rows.append({"kind": "post", "entity": org, "name": names.get(org, org), "key": role, "values": values,
                     "detail": f"{len(values)} holders of {role} at overlapping times"})
    for e in store.entities("Organization"):
        grouped: dict[str, dict[str, Any]] = {}
        for c in store.claims(e["id"]):
            if c["key"] not in ATTRIBUTE_KEYS or str(c["document"]).startswith(_ANALYST_DOCS):
                continue
            k = c["key"] + "\x1f" + json.dumps(c["value"], sort_keys=True, ensure_ascii=False)
            g = grouped.setdefault(k, {"key": c["key"], "value": c["value"], "documents": []})
            g["documents"].append(c["document"])
        for key in ATTRIBUTE_KEYS:
            vals = [g for g in grouped.values() if g["key"] == key]
            if len(vals) > 1:
                rows.append({"kind": "attribute", "entity": e["id"], "name": e["name"], "key": key,
                             "values": [{"value": v["value"], "documents": sorted(v["documents"])} for v in vals],
                             "detail": f"{len(vals)} different values of {key}"})
    return rows
