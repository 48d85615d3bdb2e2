"""Analyst judgements: merge, split, reject, keep-apart, undo — and their re-application.

Judgements live in the store's judgement log (``store.add_judgement``), apart
from extracted facts, each stamped with ``time`` (UTC ISO) and ``author``.
They name the nodes the analyst saw *and* the mentions behind them: each
mention is identified by the extractor's local entity id (derived from its
name, so stable across re-ingests) and, for splits, the document. The
resolver consults them for every document it resolves, so they survive
re-ingest and :func:`rebuild` (after an extractor upgrade, or after any
judgement).

Operations (``op``):

- ``merge``  — ``{"target", "sources", "members"}``: every mention of a
  source node joins the target node.
- ``split``  — ``{"entity", "documents", "members"}``: the mentions of
  ``entity`` in ``documents`` become a node of their own (``<entity>-s<id>``).
- ``reject`` — ``{"entity", "members"}``: not an entity at all (an
  extraction error); its mentions and their relations are dropped.
- ``distinct`` — ``{"a", "b", "members_a", "members_b"}``: two nodes are
  not one; the resolver never merges them and ``review`` stops proposing them.

A judgement with ``undone`` set is ignored; ``undo`` sets it.

>>> rules = JudgementRules([{"id": 1, "op": "merge", "target": "per-a", "sources": ["per-b"], "members": ["per-b"]}])
>>> rules.forced_target("per-b", "Person", ["B"], "doc-1")
'per-a'
"""

from __future__ import annotations

import getpass
import json
import os
from datetime import datetime, timezone
from typing import Any

__all__ = [
    "JudgementRules",
    "JudgementError",
    "author_from_env",
    "members_of",
    "merge",
    "split",
    "reject",
    "distinct",
    "undo",
    "rebuild",
    "active",
]

OPS = ("merge", "split", "reject", "distinct")


class JudgementError(ValueError):
    """A judgement cannot be made (unknown entity, wrong type…); one line."""


def author_from_env() -> str:
    return os.environ.get("UNIONKG_AUTHOR") or os.environ.get("USER") or _login() or "unknown"


def _login() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def active(judgements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [j for j in judgements if not j.get("undone") and j.get("op") in OPS]


class JudgementRules:
    """The active judgements, indexed for the resolver."""

    def __init__(self, judgements: list[dict[str, Any]]) -> None:
        self.judgements = active(judgements)
        self._merge: dict[str, str] = {}  # local id or node id -> target node
        self._reject: set[str] = set()
        self._split: dict[tuple[str, str], tuple[str, str]] = {}  # (local id, doc) -> (entity, new id)
        self._distinct: list[tuple[set[str], set[str]]] = []
        for j in self.judgements:
            op = j["op"]
            if op == "merge":
                for s in [*j.get("sources", []), *j.get("members", [])]:
                    if s != j["target"]:
                        self._merge[s] = j["target"]
            elif op == "reject":
                self._reject |= {j["entity"], *j.get("members", [])}
            elif op == "split":
                new = split_node_id(j["entity"], j["id"])
                for local, doc in j.get("members", []):
                    self._split[(local, doc)] = (j["entity"], new)
            elif op == "distinct":
                self._distinct.append(({j["a"], *j.get("members_a", [])}, {j["b"], *j.get("members_b", [])}))
        # a merge's target may itself have been merged later: follow the chain
        for s in list(self._merge):
            seen = {s}
            t = self._merge[s]
            while t in self._merge and t not in seen:
                seen.add(t)
                t = self._merge[t]
            self._merge[s] = t

    def rejected(self, local_id: str, type_: str, names: list[str]) -> bool:
        return local_id in self._reject

    def is_merge_target(self, node_id: str) -> bool:
        """Whether an analyst merged other nodes into ``node_id`` (its own mentions stay with it)."""
        return node_id in set(self._merge.values())

    def redirect(self, node_id: str) -> str:
        return self._merge.get(node_id, node_id)

    def forced_target(self, local_id: str, type_: str, names: list[str], doc_id: str) -> str | None:
        """The node an analyst judgement sends this mention to, if any (splits win over merges)."""
        hit = self._split.get((local_id, doc_id))
        if hit is not None:
            return self.redirect(hit[1])
        if local_id in self._merge:
            return self._merge[local_id]
        return None

    def split_from(self, local_id: str, type_: str, names: list[str], doc_id: str) -> str | None:
        hit = self._split.get((local_id, doc_id))
        return hit[0] if hit else None

    def split_id(self, local_id: str, type_: str, doc_id: str) -> str:
        hit = self._split[(local_id, doc_id)]
        return hit[1]

    def kept_apart(self, local_id: str) -> set[str]:
        out: set[str] = set()
        for a, b in self._distinct:
            if local_id in a:
                out |= b
            if local_id in b:
                out |= a
        return out

    def distinct(self, x: str, y: str) -> bool:
        return any((x in a and y in b) or (x in b and y in a) for a, b in self._distinct)


def split_node_id(entity: str, judgement_id: int) -> str:
    return f"{entity}-s{judgement_id}"


# -- making judgements ---------------------------------------------------------

def _need(store: Any, entity_id: str) -> dict[str, Any]:
    e = store.entity(entity_id)
    if e is None:
        raise JudgementError(f"no entity {entity_id!r} in the store (see `unionkg entities list`)")
    return e


def _resolution_records(store: Any, entity_id: str) -> list[tuple[str, dict[str, Any]]]:
    """(document, record) for every mention that the resolver merged into the node."""
    out = []
    for c in store.claims(entity_id):
        if c["key"] != "resolution":
            continue
        value = c["value"]
        try:
            recs = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            continue
        for rec in recs or []:
            out.append((c["document"], rec))
    return out


def members_of(store: Any, entity_id: str) -> list[str]:
    """Local (extractor) ids of the mentions that form node ``entity_id``."""
    members = {entity_id}
    members |= {rec.get("from") for _, rec in _resolution_records(store, entity_id) if rec.get("from")}
    return sorted(members)


def _stamp(j: dict[str, Any], author: str | None) -> dict[str, Any]:
    return {**j, "author": author or author_from_env(), "time": _now()}


def merge(store: Any, target: str, sources: list[str], *, author: str | None = None, note: str | None = None) -> int:
    """Merge ``sources`` into ``target`` (same type); returns the judgement id. Call :func:`rebuild` after."""
    t = _need(store, target)
    members: list[str] = []
    names: dict[str, str] = {}
    for s in sources:
        if s == target:
            raise JudgementError(f"cannot merge {s!r} into itself")
        e = _need(store, s)
        if e["type"] != t["type"]:
            raise JudgementError(f"cannot merge {s} ({e['type']}) into {target} ({t['type']})")
        members += members_of(store, s)
        names[s] = e["name"]
    return store.add_judgement(_stamp({"op": "merge", "target": target, "sources": list(sources),
                                       "members": sorted(set(members)), "type": t["type"],
                                       "names": {target: t["name"], **names}, "note": note}, author))


def split(store: Any, entity_id: str, documents: list[str] | None = None, names: list[str] | None = None, *,
          author: str | None = None, note: str | None = None) -> int:
    """Split the mentions of ``entity_id`` in ``documents`` (or printed as one of
    ``names``) off into a node of their own; returns the judgement id."""
    from unionkg.graph.ids import entity_id as local_id_for
    from unionkg.graph.ids import fold

    e = _need(store, entity_id)
    docs_of_node = {ev["document"] for ev in store.evidence(entity_id)}
    members: set[tuple[str, str]] = set()
    records = _resolution_records(store, entity_id)
    if documents:
        unknown = [d for d in documents if d not in docs_of_node]
        if unknown:
            raise JudgementError(f"{entity_id} has no evidence in document(s) {', '.join(unknown)}")
        for d in documents:
            members.add((entity_id, d))
            members |= {(rec["from"], doc) for doc, rec in records if doc == d and rec.get("from")}
    if names:
        keys = {fold(n) for n in names}
        for doc, rec in records:
            if fold(rec.get("name", "")) in keys:
                members.add((rec["from"], doc))
        for n in names:  # mentions whose local id is the name's own id
            lid = local_id_for(e["type"], n)
            for d in docs_of_node:
                members.add((lid, d))
    if not members:
        raise JudgementError("split needs --document or --name naming mentions of the entity")
    if documents and set(documents) >= docs_of_node and not names:
        raise JudgementError(f"splitting every document off {entity_id} would leave it empty; use merge/reject instead")
    return store.add_judgement(_stamp({"op": "split", "entity": entity_id, "type": e["type"], "name": e["name"],
                                       "documents": sorted(documents or []), "names": sorted(names or []),
                                       "members": sorted([list(m) for m in members]), "note": note}, author))


def reject(store: Any, entity_id: str, *, author: str | None = None, note: str | None = None) -> int:
    """Mark ``entity_id`` as not an entity (its mentions and relations are dropped)."""
    e = _need(store, entity_id)
    if e.get("reference"):
        raise JudgementError(f"{entity_id} is reference data; edit the reference file instead")
    return store.add_judgement(_stamp({"op": "reject", "entity": entity_id, "type": e["type"], "name": e["name"],
                                       "members": members_of(store, entity_id), "note": note}, author))


def distinct(store: Any, a: str, b: str, *, author: str | None = None, note: str | None = None) -> int:
    """Record that ``a`` and ``b`` are different entities (a rejected candidate pair)."""
    ea, eb = _need(store, a), _need(store, b)
    if a == b:
        raise JudgementError("a node cannot be distinct from itself")
    return store.add_judgement(_stamp({"op": "distinct", "a": a, "b": b, "names": {a: ea["name"], b: eb["name"]},
                                       "members_a": members_of(store, a), "members_b": members_of(store, b),
                                       "note": note}, author))


def undo(store: Any, judgement_id: int | None = None, *, author: str | None = None) -> dict[str, Any]:
    """Undo one judgement (default: the latest active one); returns it."""
    live = active(store.judgements())
    if not live:
        raise JudgementError("no judgement to undo")
    if judgement_id is None:
        j = live[-1]
    else:
        found = [j for j in live if j["id"] == judgement_id]
        if not found:
            raise JudgementError(f"no active judgement {judgement_id} (see `unionkg entities judgements`)")
        j = found[0]
    store.update_judgement(j["id"], undone=_now(), undone_by=author or author_from_env())
    return j


def rebuild(store: Any, extractor: Any = None) -> dict[str, int]:
    """Re-resolve every stored document with the current judgements, in ingest order.

    Without ``extractor``: ``clear_facts``, then resolve + write each stored raw
    extraction. With one (after an extractor upgrade): each document's text is
    extracted again and the document is stored anew with its new raw
    extraction. Judgements name mentions by name-derived local ids, so they
    hold either way."""
    from unionkg.ingest.resolve import Resolver

    raws = list(store.raw_extractions())
    if extractor is None:
        store.clear_facts()
    else:
        for raw in raws:
            store.delete_document(raw.document.id)
    resolver = Resolver(store)
    n = 0
    for raw in raws:
        if extractor is not None:
            raw = extractor.extract(raw.document)
        store.write(resolver.resolve(raw), raw=raw)
        n += 1
    return {"documents": n}
