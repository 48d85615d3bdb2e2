"""Scoring an extractor against gold annotations (the ``../shared/devset`` format).

``evaluate(gold_dir, predictions)`` pairs each gold file with a prediction and
counts, per category, true positives, predicted and gold items; the
:class:`Report` gives precision, recall and F1 per category, a micro-F1 over
organisations + persons + positions + affiliations, and the same per language.

Matching rules (``devset/README.md``, "Scoring"):

- A prediction pairs with a gold file by its document id (the hash of the text)
  or else by the leading number ``NNN`` of its source file name.
- Organisations and persons match when any of their names or aliases agree
  after case, punctuation and diacritics are folded; leading honorifics (the
  ontology's ``honorific`` scheme) are dropped from person names first. Each
  gold item matches at most one predicted item and vice versa, so a duplicate
  prediction counts as a false positive.
- Positions match on (person, role, organisation), affiliations on (member,
  parent); endpoints match by the entity rule above.
- An event is found when a predicted event has the same date and at least two
  of the gold participants (all of them when fewer than two are listed); a
  gold event without a day matches a predicted event without a full day.
- An agreement is found when at least two of its parties (all of them when
  fewer) are linked (PARTY_TO) to one predicted agreement.
- A membership count matches when the organisation matches and the number is equal.

>>> r = Report()
>>> r.add("id", "organizations", Counts(tp=3, pred=4, gold=6))
>>> round(r.total("organizations").f1, 3)
0.6
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from unionkg.graph.ids import document_id, fold
from unionkg.graph.model import Extraction

__all__ = ["CATEGORIES", "MICRO_CATEGORIES", "Counts", "Report", "GoldDoc", "load_gold", "evaluate",
           "score_document", "EvaluationError", "read_predictions", "gold_as_extraction", "figure_row"]

CATEGORIES = ("organizations", "persons", "positions", "affiliations", "agreements", "events", "membership_counts")
MICRO_CATEGORIES = ("organizations", "persons", "positions", "affiliations")


class EvaluationError(Exception):
    """A gold folder or a prediction file cannot be read; the message is one line."""


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0
    # what was missed / spurious, for --details
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def __iadd__(self, other: "Counts") -> "Counts":
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold
        self.missed.extend(other.missed)
        self.spurious.extend(other.spurious)
        return self

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Counts per (language, category) and per document; figures derived on demand."""

    by_lang: dict[str, dict[str, Counts]] = field(default_factory=dict)
    documents: list[dict[str, Any]] = field(default_factory=list)
    unmatched_gold: list[str] = field(default_factory=list)

    def add(self, lang: str, category: str, counts: Counts) -> None:
        self.by_lang.setdefault(lang, {c: Counts() for c in CATEGORIES})[category] += counts

    def total(self, category: str, lang: str | None = None) -> Counts:
        out = Counts()
        for code, cats in self.by_lang.items():
            if lang is None or code == lang:
                out += cats[category]
        return out

    def micro(self, lang: str | None = None) -> Counts:
        out = Counts()
        for c in MICRO_CATEGORIES:
            out += self.total(c, lang)
        return out

    def languages(self) -> list[str]:
        return sorted(self.by_lang)

    def rows(self) -> list[dict[str, Any]]:
        """One row per category, the micro line, then the micro line per language."""
        rows = []
        for c in CATEGORIES:
            rows.append(figure_row("all", c, self.total(c)))
        rows.append(figure_row("all", "micro(org+per+pos+aff)", self.micro()))
        for lang in self.languages():
            rows.append(figure_row(lang, "micro(org+per+pos+aff)", self.micro(lang)))
        return rows

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "documents": len(self.documents),
            "categories": {c: _figures(self.total(c)) for c in CATEGORIES},
            "micro_f1": round(self.micro().f1, 4),
            "micro": _figures(self.micro()),
            "languages": {
                lang: {"documents": sum(1 for x in self.documents if x["language"] == lang),
                       "micro": _figures(self.micro(lang)),
                       "categories": {c: _figures(self.total(c, lang)) for c in CATEGORIES}}
                for lang in self.languages()
            },
        }
        if self.unmatched_gold:
            d["unmatched_gold"] = list(self.unmatched_gold)
        if details:
            d["details"] = self.documents
        return d


def _figures(c: Counts) -> dict[str, Any]:
    return {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
            "tp": c.tp, "predicted": c.pred, "gold": c.gold}


def figure_row(lang: str, category: str, c: Counts) -> dict[str, Any]:
    return {"language": lang, "category": category, "precision": f"{c.precision:.3f}", "recall": f"{c.recall:.3f}",
            "f1": f"{c.f1:.3f}", "tp": c.tp, "predicted": c.pred, "gold": c.gold}


# --------------------------------------------------------------------------- gold files


@dataclass
class GoldDoc:
    key: str  # the NNN prefix of the text file name
    path: str  # the gold .json
    text_path: str
    data: dict[str, Any]

    @property
    def language(self) -> str:
        return self.data.get("language") or "unknown"

    @property
    def text_id(self) -> str | None:
        try:
            from unionkg.ingest.loaders import load_text

            raw = Path(self.text_path).read_text("utf-8")
        except OSError:
            return None
        return load_text(raw, self.text_path, language="xx", published="1970-01-01").id


def _key_of(path: str) -> str | None:
    m = re.match(r"(\d+)", os.path.basename(path))
    return m.group(1) if m else None


def load_gold(gold_dir: str | os.PathLike) -> list[GoldDoc]:
    """Every ``*.json`` gold file of a folder; EvaluationError (one line) when it cannot be used."""
    root = Path(gold_dir)
    if not root.is_dir():
        raise EvaluationError(f"{gold_dir}: not a directory")
    out = []
    for p in sorted(root.glob("*.json")):
        try:
            data = json.loads(p.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise EvaluationError(f"{p}: not a readable gold file ({exc})") from None
        if not isinstance(data, dict) or "text_file" not in data:
            raise EvaluationError(f"{p}: not a gold file (no 'text_file')")
        text_path = str((p.parent / data["text_file"]).resolve())
        key = _key_of(data["text_file"]) or _key_of(p.name) or p.stem
        out.append(GoldDoc(key, str(p), text_path, data))
    if not out:
        raise EvaluationError(f"{gold_dir}: no gold .json files")
    return out


# --------------------------------------------------------------------------- name matching


@lru_cache(maxsize=1)
def _honorifics() -> tuple[tuple[str, ...], ...]:
    """Folded honorific labels as token tuples, the longest first."""
    try:
        from unionkg.ontology.vocab import lexicon

        labels = {fold(label) for label, _id, _lang in lexicon("honorific")}
    except Exception:  # the ontology is missing: score without stripping
        labels = set()
    toks = {tuple(label.split()) for label in labels if label}
    return tuple(sorted(toks, key=len, reverse=True))


def _person_key(name: str) -> str:
    tokens = fold(name).split()
    stripped = True
    while stripped and len(tokens) > 1:
        stripped = False
        for h in _honorifics():
            if len(h) < len(tokens) and tuple(tokens[: len(h)]) == h:
                tokens = tokens[len(h):]
                stripped = True
                break
    return " ".join(tokens)


def _keys(names: Iterable[str], person: bool) -> set[str]:
    out = set()
    for n in names:
        if not n:
            continue
        k = _person_key(n) if person else fold(n)
        if k:
            out.add(k)
    return out


def _match(gold: list[set[str]], pred: list[set[str]], compatible=None) -> list[tuple[int, int]]:
    """A maximum one-to-one matching between gold and predicted items (augmenting paths)."""
    if compatible is None:
        def compatible(g, p):
            return bool(gold[g] & pred[p])
    edges = [[p for p in range(len(pred)) if compatible(g, p)] for g in range(len(gold))]
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(gold)):
        augment(g, set())
    return sorted((g, p) for p, g in owner.items())


def _counts(pairs: list[tuple[int, int]], gold_labels: list[str], pred_labels: list[str]) -> Counts:
    gm = {g for g, _ in pairs}
    pm = {p for _, p in pairs}
    return Counts(tp=len(pairs), pred=len(pred_labels), gold=len(gold_labels),
                  missed=[gold_labels[i] for i in range(len(gold_labels)) if i not in gm],
                  spurious=[pred_labels[i] for i in range(len(pred_labels)) if i not in pm])


# --------------------------------------------------------------------------- scoring one document


def score_document(gold: dict[str, Any], pred: Extraction | None) -> dict[str, Counts]:
    """Counts per category for one gold annotation and its predicted extraction (None = nothing predicted)."""
    entities = pred.entities if pred else []
    relations = pred.relations if pred else []
    by_id = {e.id: e for e in entities}
    out: dict[str, Counts] = {}

    # -- organisations and persons
    g_orgs = [_keys([o["name"], *(o.get("aliases") or [])], False) for o in gold.get("organizations") or []]
    g_pers = [_keys([p["name"], *(p.get("aliases") or [])], True) for p in gold.get("persons") or []]
    p_orgs = [e for e in entities if e.type == "Organization"]
    p_pers = [e for e in entities if e.type == "Person"]
    p_org_keys = [_keys([e.name, *e.aliases], False) for e in p_orgs]
    p_per_keys = [_keys([e.name, *e.aliases], True) for e in p_pers]
    out["organizations"] = _counts(_match(g_orgs, p_org_keys), [o["name"] for o in gold.get("organizations") or []],
                                   [e.name for e in p_orgs])
    out["persons"] = _counts(_match(g_pers, p_per_keys), [p["name"] for p in gold.get("persons") or []],
                             [e.name for e in p_pers])

    # Gold names (as written in positions, affiliations, ...) -> the gold entity's keys.
    def gold_lookup(items: list[dict], keys: list[set[str]], person: bool):
        table: dict[str, set[str]] = {}
        for item, k in zip(items, keys):
            for n in [item["name"], *(item.get("aliases") or [])]:
                table.setdefault(_person_key(n) if person else fold(n), k)
        return lambda name: table.get(_person_key(name) if person else fold(name)) or _keys([name], person)

    org_of = gold_lookup(gold.get("organizations") or [], g_orgs, False)
    per_of = gold_lookup(gold.get("persons") or [], g_pers, True)

    def ent_keys(entity_id: str) -> set[str]:
        e = by_id.get(entity_id)
        if e is None:
            return set()
        return _keys([e.name, *e.aliases], e.type == "Person")

    def label(entity_id: str) -> str:
        e = by_id.get(entity_id)
        return e.name if e else entity_id

    # -- positions
    g_pos = gold.get("positions") or []
    p_pos = [r for r in relations if r.type == "HOLDS_POSITION"]
    g_pos_k = [(per_of(x["person"]), x.get("role"), org_of(x["organization"])) for x in g_pos]
    p_pos_k = [(ent_keys(r.source), r.role, ent_keys(r.target)) for r in p_pos]
    pairs = _match(g_pos_k, p_pos_k, lambda g, p: (g_pos_k[g][1] == p_pos_k[p][1] and bool(g_pos_k[g][0] & p_pos_k[p][0])
                                                  and bool(g_pos_k[g][2] & p_pos_k[p][2])))
    out["positions"] = _counts(pairs, [f"{x['person']} | {x.get('role')} | {x['organization']}" for x in g_pos],
                               [f"{label(r.source)} | {r.role} | {label(r.target)}" for r in p_pos])

    # -- affiliations
    g_aff = gold.get("affiliations") or []
    p_aff = [r for r in relations if r.type == "AFFILIATED_WITH"]
    g_aff_k = [(org_of(x["member"]), org_of(x["parent"])) for x in g_aff]
    p_aff_k = [(ent_keys(r.source), ent_keys(r.target)) for r in p_aff]
    pairs = _match(g_aff_k, p_aff_k, lambda g, p: bool(g_aff_k[g][0] & p_aff_k[p][0]) and bool(g_aff_k[g][1] & p_aff_k[p][1]))
    out["affiliations"] = _counts(pairs, [f"{x['member']} -> {x['parent']}" for x in g_aff],
                                  [f"{label(r.source)} -> {label(r.target)}" for r in p_aff])

    # -- agreements: >= 2 gold parties linked to one predicted agreement
    g_agr = gold.get("agreements") or []
    p_agr = [e for e in entities if e.type == "Agreement"]
    parties: dict[str, list[set[str]]] = {e.id: [] for e in p_agr}
    for r in relations:
        if r.type == "PARTY_TO" and r.target in parties:
            parties[r.target].append(ent_keys(r.source))
    g_agr_parties = [[org_of(n) for n in x.get("parties") or []] for x in g_agr]

    def linked(gold_parties: list[set[str]], pred_parties: list[set[str]]) -> bool:
        need = min(2, len(gold_parties))
        found = sum(1 for gp in gold_parties if any(gp & pp for pp in pred_parties))
        return found >= need

    pairs = _match([set()] * len(g_agr), [set()] * len(p_agr),
                   lambda g, p: linked(g_agr_parties[g], parties[p_agr[p].id]))
    out["agreements"] = _counts(pairs, [f"{x.get('kind')}: {', '.join(x.get('parties') or [])}" for x in g_agr],
                                [f"{e.get('kind')}: {e.name}" for e in p_agr])

    # -- events: same date and >= 2 gold participants
    g_evt = gold.get("events") or []
    p_evt = [e for e in entities if e.type == "Event"]
    members: dict[str, list[set[str]]] = {e.id: [] for e in p_evt}
    for r in relations:
        if r.type == "PARTICIPATED_IN" and r.target in members:
            members[r.target].append(ent_keys(r.source))
    g_evt_parts = [[org_of(n) for n in x.get("participants") or []] for x in g_evt]

    def same_date(gold_date: str | None, e) -> bool:
        value = e.get("date")
        full_day = isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
        if gold_date:
            return full_day and value == gold_date
        return not full_day

    pairs = _match([set()] * len(g_evt), [set()] * len(p_evt),
                   lambda g, p: same_date(g_evt[g].get("date"), p_evt[p]) and linked(g_evt_parts[g], members[p_evt[p].id]))
    out["events"] = _counts(pairs, [f"{x.get('kind')} {x.get('date')}: {', '.join(x.get('participants') or [])}" for x in g_evt],
                            [f"{e.get('kind')} {e.get('date')}: {e.name}" for e in p_evt])

    # -- membership counts
    g_cnt = gold.get("membership_counts") or []
    p_cnt = [e for e in p_orgs if _as_int(e.get("members")) is not None]
    g_cnt_k = [(org_of(x["organization"]), _as_int(x.get("members"))) for x in g_cnt]
    p_cnt_k = [(_keys([e.name, *e.aliases], False), _as_int(e.get("members"))) for e in p_cnt]
    pairs = _match(g_cnt_k, p_cnt_k, lambda g, p: g_cnt_k[g][1] == p_cnt_k[p][1] and bool(g_cnt_k[g][0] & p_cnt_k[p][0]))
    out["membership_counts"] = _counts(pairs, [f"{x['organization']}: {x.get('members')}" for x in g_cnt],
                                       [f"{e.name}: {e.get('members')}" for e in p_cnt])
    return out


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, dict):  # {"value": n, ...}
        return _as_int(value.get("value"))
    try:
        return int(str(value).replace(",", "").replace("_", ""))
    except ValueError:
        return None


# --------------------------------------------------------------------------- evaluate


def _as_extraction(item: Any) -> Extraction:
    if isinstance(item, Extraction):
        return item
    if isinstance(item, dict):
        return Extraction.from_dict(item)
    raise EvaluationError(f"not an extraction: {type(item).__name__}")


def read_predictions(path: str) -> list[Extraction]:
    """Extractions from a JSONL file (the output of ``unionkg extract``) or a JSON array."""
    try:
        text = Path(path).read_text("utf-8")
    except FileNotFoundError:
        raise EvaluationError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from None
    stripped = text.lstrip()
    try:
        if stripped.startswith("["):
            return [_as_extraction(d) for d in json.loads(stripped)]
        out = []
        for lineno, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    out.append(_as_extraction(json.loads(line)))
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                    raise EvaluationError(f"{path}:{lineno}: not an extraction ({exc})") from None
        return out
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise EvaluationError(f"{path}: not a list of extractions ({exc})") from None


def evaluate(gold_dir: str | os.PathLike, predictions: Iterable[Extraction | dict] | None = None, *,
             extractor=None) -> Report:
    """Score predictions (Extractions or their dicts) against the gold folder.

    With ``predictions=None`` the extractor (default: the rule pipeline) is run
    on each gold file's text.
    """
    golds = load_gold(gold_dir)
    preds: list[Extraction]
    if predictions is None:
        from unionkg.ingest.run import extract_paths

        if extractor is None:
            from unionkg.ingest.pipeline import default_extractor

            extractor = default_extractor()  # built once, not per gold file
        preds = []
        for g in golds:
            for item in extract_paths([g.text_path], extractor=extractor):
                if isinstance(item, Extraction):
                    preds.append(item)
    else:
        preds = [_as_extraction(p) for p in predictions]

    by_id: dict[str, Extraction] = {p.document.id: p for p in preds}
    by_key: dict[str, Extraction] = {}
    for p in preds:
        k = _key_of(p.document.source or "")
        if k is not None:
            by_key.setdefault(k, p)
    report = Report()
    for g in golds:
        pred = by_id.get(g.text_id or "") or by_key.get(g.key)
        if pred is None:
            report.unmatched_gold.append(g.path)
        counts = score_document(g.data, pred)
        for cat, c in counts.items():
            report.add(g.language, cat, c)
        report.documents.append({
            "gold": os.path.basename(g.path), "language": g.language, "predicted": pred is not None,
            **{cat: {"tp": c.tp, "predicted": c.pred, "gold": c.gold, "missed": c.missed, "spurious": c.spurious}
               for cat, c in counts.items()},
        })
    return report


def gold_as_extraction(gold: dict[str, Any], source: str = "gold") -> Extraction:
    """The gold annotation written as an Extraction (the perfect prediction):
    evaluating it against its own gold file scores 1.0 everywhere. Useful to
    check the scorer and as a fixture for code that consumes extractions."""
    from unionkg.graph.ids import compound_id, entity_id, relation_id
    from unionkg.graph.model import Document, Entity, Relation

    doc = Document(id=document_id(source), source=source, title=gold.get("title"),
                   published=gold.get("published"), language=gold.get("language"))
    ents: dict[str, Entity] = {}
    names: dict[tuple[str, str], str] = {}
    for kind, items in (("Organization", gold.get("organizations") or []), ("Person", gold.get("persons") or [])):
        for item in items:
            eid = entity_id(kind, item["name"])
            attrs = {k: item.get(k) for k in ("kind", "country") if item.get(k) is not None}
            ents[eid] = Entity(eid, kind, item["name"], list(item.get("aliases") or []), attrs)
            for n in [item["name"], *(item.get("aliases") or [])]:
                names.setdefault((kind, fold(n)), eid)

    def ref(kind: str, name: str) -> str:
        eid = names.get((kind, fold(name)))
        if eid is None:
            eid = entity_id(kind, name)
            ents.setdefault(eid, Entity(eid, kind, name))
            names[(kind, fold(name))] = eid
        return eid

    rels: list[Relation] = []
    for p in gold.get("positions") or []:
        s, t = ref("Person", p["person"]), ref("Organization", p["organization"])
        rels.append(Relation(relation_id("HOLDS_POSITION", s, t, p.get("role")), "HOLDS_POSITION", s, t,
                             role=p.get("role"), title=p.get("title")))
    for a in gold.get("affiliations") or []:
        s, t = ref("Organization", a["member"]), ref("Organization", a["parent"])
        rels.append(Relation(relation_id("AFFILIATED_WITH", s, t), "AFFILIATED_WITH", s, t))
    for a in gold.get("agreements") or []:
        parties = [ref("Organization", n) for n in a.get("parties") or []]
        aid = compound_id("Agreement", a.get("kind"), a.get("date"), parties + [str(len(ents))])
        ents[aid] = Entity(aid, "Agreement", a.get("kind") or "agreement",
                           attrs={k: a.get(k) for k in ("kind", "status", "topics", "date") if a.get(k) is not None})
        rels += [Relation(relation_id("PARTY_TO", o, aid), "PARTY_TO", o, aid) for o in parties]
    for e in gold.get("events") or []:
        parts = [ref("Organization", n) for n in e.get("participants") or []]
        vid = compound_id("Event", e.get("kind"), e.get("date"), parts + [str(len(ents))])
        ents[vid] = Entity(vid, "Event", e.get("kind") or "event",
                           attrs={k: e.get(k) for k in ("kind", "date", "location") if e.get(k) is not None})
        rels += [Relation(relation_id("PARTICIPATED_IN", o, vid), "PARTICIPATED_IN", o, vid) for o in parts]
    for c in gold.get("membership_counts") or []:
        ents[ref("Organization", c["organization"])].attrs["members"] = c.get("members")
    return Extraction(doc, list(ents.values()), rels)
