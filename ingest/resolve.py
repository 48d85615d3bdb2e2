"""Cross-document entity resolution: one node per organisation or person.

``Resolver(store).resolve(extraction) -> Extraction`` maps the local entity ids
of one document's extraction onto the store's nodes: reference organisations
(``ingest/reference``), nodes written by earlier documents, and entities met
earlier in this run. The ingest runner then calls
``store.write(resolved, raw=extraction)``.

How a mention is matched (never on the name alone, see docs/resolution.md):

1. *Candidates* share a name key with it: a folded name or alias, an acronym
   (printed or derived from a full name's initials), a name token.
2. *Name evidence*: identical folded name; same tokens in another order;
   spelling/transliteration variants (rapidfuzz, token by token); a partial
   name (``Halim Mansor`` within ``Abdul Halim Mansor``); an acronym.
3. *Context*: country, parent organisation, organisations the person holds
   posts in, organisations co-mentioned in the same documents, kind.
   Conflicts veto a merge: different countries, different national parents,
   different kinds of body, full names that share most words but differ in
   one (``... Pekerja Metal Indonesia`` vs ``... Pekerja Maritim Indonesia``).
4. The best candidate above the threshold wins; two equally good candidates
   means no merge (the pair shows in ``unionkg entities review``).

Each merge is recorded on the entity as a per-document ``resolution`` claim (a
JSON string ``[{"from", "name", "score", "reasons"}]``) so that
``store.claims(id)`` shows which mention joined which node, with what score
and why. Analyst judgements (``unionkg.ingest.judgements``) are applied on top
of the automatic decisions every time a document is resolved.

>>> from unionkg.graph.store import open_store
>>> from unionkg.graph.model import Document, Entity, Extraction
>>> with open_store(":memory:") as store:
...     r = Resolver(store)
...     ex = Extraction(Document("doc-1", "a.txt", "MTUC said"),
...                     [Entity("org-x", "Organization", "MTUC", attrs={"country": "MY"})])
...     r.resolve(ex).entities[0].id
'org-ref-mtuc'
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterable
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from unionkg.graph.ids import compound_id, entity_id, fold, relation_id
from unionkg.graph.model import Entity, Extraction, Relation
from unionkg.ingest.names import derived_acronym, is_acronym, org_tokens, person_tokens

__all__ = ["Resolver", "Profile", "Match", "compare", "ensure_reference", "MERGE_THRESHOLD", "REVIEW_THRESHOLD"]

MERGE_THRESHOLD = 0.70  # a candidate must score at least this to be merged
REVIEW_THRESHOLD = 0.45  # pairs between the two are "uncertain": listed by `entities review`
TOKEN_SIM = 85  # rapidfuzz ratio for two name tokens to count as spelling variants
# Kinds of body that are not national: sharing or not sharing them says little
# about identity (a union may belong to ITUC and ASEAN TUC at once).
_INTERNATIONAL_KINDS = {"global_union", "regional_body", "igo"}
# Groups of organisation kinds that can be the same body; an extractor may call
# a confederation a federation, but never a ministry a union.
_KIND_GROUPS = {
    "union": "labour", "federation": "labour", "confederation": "labour",
    "regional_body": "labour", "global_union": "labour",
    "government": "state", "igo": "igo", "employer": "employer", "company": "company",
    "political_party": "party", "ngo": "ngo",
}


_fold = functools.lru_cache(maxsize=131072)(fold)
_is_acronym = functools.lru_cache(maxsize=131072)(is_acronym)
_derived = functools.lru_cache(maxsize=131072)(derived_acronym)


@dataclass
class Profile:
    """What is known about one node or mention, for comparison."""

    id: str
    type: str
    names: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    parents: set[str] = field(default_factory=set)  # national parent organisations (resolved ids)
    pos_orgs: set[str] = field(default_factory=set)  # organisations a person holds posts in
    co_orgs: set[str] = field(default_factory=set)  # organisations mentioned alongside
    docs: set[str] = field(default_factory=set)
    reference: bool = False

    def add_names(self, names: Iterable[str]) -> None:
        self.names.update(n for n in names if n and n.strip())

    def add_mention(self, e: Entity, doc_id: str) -> None:
        """What one mention says of itself: names, document, country, kind."""
        self.add_names([e.name, *e.aliases])
        self.docs.add(doc_id)
        if e.get("country"):
            self.countries.add(e.get("country"))
        if e.type == "Organization" and e.get("kind"):
            self.kinds.add(e.get("kind"))

    # name keys, derived on demand and cached; names only ever grow, so their
    # count versions the cache
    def _cached(self, what: str, make) -> Any:
        cache = self.__dict__.setdefault("_cache", {})
        key = (what, len(self.names))
        if key not in cache:
            cache[key] = make()
        return cache[key]

    def keys(self) -> set[str]:
        return self._cached("keys", lambda: {_fold(n) for n in self.names} - {""})

    def acronyms(self) -> set[str]:
        return self._cached("acronyms", lambda: {_fold(n) for n in self.names if _is_acronym(n)})

    def derived(self) -> set[str]:
        return self._cached("derived", lambda: {a for a in (_derived(n) for n in self.names) if a})

    def long_names(self) -> set[tuple[str, ...]]:
        return self._cached("long", lambda: {t for t in (org_tokens(n) for n in self.names if not _is_acronym(n))
                                             if len(t) >= 2})

    def person_names(self) -> set[tuple[str, ...]]:
        return self._cached("person", lambda: {t for t in (person_tokens(n) for n in self.names) if t})


@dataclass
class Match:
    candidate: str
    score: float
    reasons: list[str]
    veto: str | None = None

    @property
    def mergeable(self) -> bool:
        return self.veto is None and self.score >= MERGE_THRESHOLD


# -- name comparison ------------------------------------------------------

@functools.lru_cache(maxsize=262144)
def _tok_eq(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:  # short tokens must agree exactly (Le vs Ly, Ong vs Ang)
        return False
    if fuzz.ratio(a, b) >= TOKEN_SIM:
        return True
    # one letter apart in a word of 4+ letters, same initial: Dewi/Devi, Mohd/Mohd.
    return a[0] == b[0] and Levenshtein.distance(a, b) <= 1


def _aligned(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(_tok_eq(x, y) for x, y in zip(a, b))


def _subset(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every token of ``short`` matches a distinct token of ``long``, in order."""
    i = 0
    for t in short:
        while i < len(long) and not _tok_eq(t, long[i]):
            i += 1
        if i == len(long):
            return False
        i += 1
    return True


@functools.lru_cache(maxsize=262144)
def _person_pair(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, str] | None:
    if a == b:
        return (1.0, "same name")
    if sorted(a) == sorted(b):
        return (0.9, "same name, other order")
    if _aligned(a, b):
        return (0.85, "spelling variant")
    if len(a) != len(b) and _subset(*sorted((a, b), key=len)):
        short = min(a, b, key=len)
        return (0.55 if len(short) == 1 else 0.7, "partial name")
    if len(a) == len(b) and len(a) >= 2 and all(any(_tok_eq(x, y) for y in b) for x in a):
        return (0.8, "spelling variant, other order")
    return None


def _full_name_clash(m: Profile, c: Profile) -> bool:
    """Both sides give a name of two or more words and no such pair is compatible
    (same, reordered, a spelling variant, or one contained in the other)."""
    full_m = [t for t in m.person_names() if len(t) >= 2]
    full_c = [t for t in c.person_names() if len(t) >= 2]
    return bool(full_m and full_c) and not any(_person_pair(a, b) for a in full_m for b in full_c)


def _person_name_evidence(m: Profile, c: Profile) -> tuple[float, str] | None:
    best: tuple[float, str] | None = None
    for a in m.person_names():
        for b in c.person_names():
            ev = _person_pair(a, b)
            if ev is not None and (best is None or ev[0] > best[0]):
                best = ev
    return best


def _org_name_evidence(m: Profile, c: Profile, names_of: dict[str, set[str]]) -> tuple[float, str] | None:
    mk, ck = m.keys(), c.keys()
    long_m, long_c = m.long_names(), c.long_names()
    shared = mk & ck
    if any(not _is_acronym(n) and _fold(n) in shared for n in m.names):
        return (0.95, "same full name")
    for a in long_m:
        for b in long_c:
            if a == b:
                return (0.95, "same full name")
            if _aligned(a, b):
                return (0.85, "spelling variant of the full name")
    # "Federasi ... Migran KSPSI" = "Federasi ... Migran": the extra words name a parent
    # of the body printed without them (a committee of MTUC is not ASEAN TUC's committee)
    def parent_words(p: Profile) -> set[str]:
        return {t for pid in p.parents for t in names_of.get(pid, set())}

    for a in long_m:
        for b in long_c:
            if len(a) == len(b):
                continue
            (short, short_side), (long, _) = sorted(((a, m), (b, c)), key=lambda x: len(x[0]))
            extra = len(long) - len(short)
            if 0 < extra <= 2 and len(short) >= 3 and _subset(short, long):
                rest = [t for t in long if t not in short]
                if rest and all(t in parent_words(short_side) for t in rest):
                    return (0.8, "full name plus its parent's name")
                countries = m.countries & c.countries
                if rest and countries and all(t in country_words(countries) for t in rest):
                    return (0.8, "full name plus its country's name")
    if shared:
        return (0.6, "same acronym")
    if (m.acronyms() & c.derived()) or (m.derived() & c.acronyms()):
        return (0.55, "acronym of the full name")
    return None


@functools.lru_cache(maxsize=64)
def _country_words(code: str) -> frozenset[str]:
    """Folded words of a country's names (ingest/reference/places.csv): "Singapore's NTUC"."""
    words: set[str] = set()
    path = Path(__file__).with_name("reference") / "places.csv"
    try:
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("type") == "country" and row.get("country") == code:
                    for n in [row.get("name") or "", *(row.get("aliases") or "").split("|")]:
                        words.update(org_tokens(n))
    except OSError:
        return frozenset()
    return frozenset(words)


def country_words(codes: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for c in codes:
        out |= _country_words(c)
    return out


def _long_name_clash(m: Profile, c: Profile) -> bool:
    """Full names that share most words but differ in one: two different bodies
    (FSPMI metal vs FSPMI maritime; Cambodian Confederation of Unions vs of Trade Unions)."""
    for a in m.long_names():
        for b in c.long_names():
            if _aligned(a, b):
                return False
    for a in m.long_names():
        for b in c.long_names():
            sa, sb = set(a), set(b)
            if len(sa & sb) / max(1, len(sa | sb)) >= 0.5:
                return True
    return False


# -- comparison with context ----------------------------------------------

def compare(m: Profile, c: Profile, kinds: dict[str, set[str]] | None = None,
            names_of: dict[str, set[str]] | None = None) -> Match | None:
    """Score how likely mention/node ``m`` and node ``c`` are one entity.

    ``kinds`` maps organisation ids to their kinds (to tell national parents
    from international ones), ``names_of`` maps ids to folded name tokens
    (to recognise a parent's name inside a full name). Returns None when the
    names have nothing in common."""
    if m.type != c.type or m.type not in ("Organization", "Person"):
        return None
    kinds = kinds or {}
    names_of = names_of or {}
    reasons: list[str] = []
    veto: str | None = None
    if m.type == "Organization":
        ev = _org_name_evidence(m, c, names_of)
        if ev is None:
            return None
        name_score, why = ev
        reasons.append(why)
        context = 0.0
        if m.countries and c.countries:
            if m.countries & c.countries:
                context += 0.15
                reasons.append("same country " + "/".join(sorted(m.countries & c.countries)))
            else:
                veto = f"different countries {'/'.join(sorted(m.countries))} vs {'/'.join(sorted(c.countries))}"
        gm = {_KIND_GROUPS.get(k, "other") for k in m.kinds} - {"other"}
        gc = {_KIND_GROUPS.get(k, "other") for k in c.kinds} - {"other"}
        if gm and gc and not gm & gc:
            veto = veto or f"different kinds of body {'/'.join(sorted(m.kinds))} vs {'/'.join(sorted(c.kinds))}"
        elif m.kinds & c.kinds:
            context += 0.05
        national = lambda ps: {p for p in ps if not (kinds.get(p, set()) & _INTERNATIONAL_KINDS)}  # noqa: E731
        pm, pc = national(m.parents), national(c.parents)
        if pm and pc:
            if pm & pc:
                context += 0.2
                reasons.append("same parent")
            else:
                veto = veto or "different parent organisations"
        elif m.parents & c.parents:
            context += 0.1
            reasons.append("same affiliation")
        elif m.parents and c.parents and not (m.kinds | c.kinds) - {"other"}:
            # units (committees, departments, branches) are told apart by whose they are
            veto = veto or "units of different organisations"
        co = (m.co_orgs & c.co_orgs) - {m.id, c.id}
        if co:
            context += min(0.15, 0.05 * len(co))
            reasons.append(f"{len(co)} co-mentioned organisation(s)")
        if why not in ("same full name", "spelling variant of the full name", "full name plus its parent's name",
                       "full name plus its country's name") \
                and _long_name_clash(m, c):
            veto = veto or "full names differ"
        if why in ("same acronym", "acronym of the full name") and context <= 0.05:
            if c.reference:
                context += 0.1
                reasons.append("reference body")
        if why == "spelling variant of the full name" and context == 0.0:
            name_score -= 0.2  # a near-identical name alone is not enough
        return Match(c.id, round(min(1.0, name_score + context), 3), reasons, veto)

    # persons
    ev = _person_name_evidence(m, c)
    if ev is None:
        return None
    name_score, why = ev
    reasons.append(why)
    context = 0.0
    shared_post = m.pos_orgs & c.pos_orgs
    shared_co = ((m.co_orgs | m.pos_orgs) & (c.co_orgs | c.pos_orgs)) - shared_post
    if shared_post:
        context += 0.3
        reasons.append("post in the same organisation")
    if shared_co:
        context += min(0.2, 0.1 * len(shared_co))
        reasons.append(f"{len(shared_co)} co-mentioned organisation(s)")
    if m.countries and c.countries:
        if m.countries & c.countries:
            context += 0.05
            reasons.append("same country")
        elif not shared_post:
            veto = "their organisations are in different countries"
    if context == 0.0:
        name_score -= 0.35  # never on the name alone
        reasons.append("no shared context")
    if why == "partial name" and not shared_post and len(min(m.person_names() | c.person_names(), key=len)) == 1:
        name_score -= 0.2  # a lone given name needs a post in the same body
    if _full_name_clash(m, c):
        # "Bambang" matched, but "Bambang Sutrisno" and "Bambang Suryadi" are two men:
        # sources that disagree keep both claims (and the pair goes to review)
        veto = veto or "full names differ"
    return Match(c.id, round(max(0.0, min(1.0, name_score + context)), 3), reasons, veto)


# -- the resolver ------------------------------------------------------------

def ensure_reference(store: Any) -> int:
    """Load the shipped reference organisations into ``store`` unless present
    (idempotent); returns how many were written."""
    from unionkg.ingest.reference import reference_entities

    entities, relations = reference_entities()
    have = {e["id"]: e for e in store.entities("Organization") if e.get("reference")}

    def current(e) -> bool:  # present, with every name of the reference file
        h = have.get(e.id)
        return h is not None and {e.name, *e.aliases} <= {h["name"], *h.get("aliases", [])}

    if all(current(e) for e in entities):
        rel_ids = {r["id"] for r in store.relations("AFFILIATED_WITH")}
        if all(r.id in rel_ids for r in relations):
            return 0
    store.put_reference_entities(entities, relations)
    return len(entities)


class Resolver:
    """Maps one document's entities onto the store's nodes; see the module docstring.

    The resolver keeps an index of the nodes it knows (read from the store when
    created, then updated with every document it resolves), so a run over many
    documents reads the store once."""

    def __init__(self, store: Any, *, load_reference: bool = True, judgements: list[dict] | None = None) -> None:
        self.store = store
        if load_reference:
            ensure_reference(store)
        from unionkg.ingest.judgements import JudgementRules

        self.rules = JudgementRules(judgements if judgements is not None else store.judgements())
        self.profiles: dict[str, Profile] = {}
        self.kinds: dict[str, set[str]] = {}
        self._by_key: dict[str, set[str]] = {}
        self._load_store()

    # -- index -----------------------------------------------------------------
    def _index(self, p: Profile) -> None:
        self.profiles[p.id] = p
        if p.type == "Organization":
            self.kinds[p.id] = set(p.kinds)
        for k in self._keys_of(p):
            self._by_key.setdefault(k, set()).add(p.id)

    def _keys_of(self, p: Profile) -> set[str]:
        keys = {"k:" + k for k in p.keys()}
        if p.type == "Organization":
            keys |= {"a:" + a for a in p.acronyms() | p.derived()}
            keys |= {"t:" + t for n in p.long_names() for t in n if len(t) >= 4}
        else:
            keys |= {"t:" + t for n in p.person_names() for t in n if len(t) >= 2}
        return keys

    def _candidates(self, m: Profile) -> set[str]:
        out: set[str] = set()
        for k in self._keys_of(m):
            ids = self._by_key.get(k, set())
            if k.startswith("t:") and len(ids) > 200:  # a very common token says nothing
                continue
            out |= ids
        return {i for i in out if self.profiles[i].type == m.type}

    def _load_store(self) -> None:
        ents = self.store.entities()
        for e in ents:
            if e["type"] not in ("Organization", "Person"):
                continue
            p = Profile(e["id"], e["type"], reference=bool(e.get("reference")))
            p.add_names([e["name"], *e.get("aliases", [])])
            if e.get("country"):
                p.countries.add(e["country"])
            if e.get("kind"):
                p.kinds.add(e["kind"])
            self._index(p)
        orgs = {i for i, p in self.profiles.items() if p.type == "Organization"}
        rels = self.store.relations()
        related: dict[str, set[str]] = {}  # agreement/event id -> participating orgs
        for r in rels:
            s, t = r["source"], r["target"]
            if r["type"] == "AFFILIATED_WITH" and s in self.profiles and t in orgs:
                self.profiles[s].parents.add(t)
            elif r["type"] == "HOLDS_POSITION" and s in self.profiles and t in orgs:
                self.profiles[s].pos_orgs.add(t)
            elif r["type"] in ("PARTY_TO", "PARTICIPATED_IN"):
                related.setdefault(t, set()).add(s)
        for members in related.values():
            org_members = members & orgs
            for s in members:
                if s in self.profiles:
                    self.profiles[s].co_orgs |= org_members - {s}
        for p in self.profiles.values():
            if p.type == "Person":
                for o in p.pos_orgs:
                    p.countries |= self.profiles[o].countries
                    p.co_orgs |= self.profiles[o].co_orgs

    def _names_of(self, ids: Iterable[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for i in ids:
            p = self.profiles.get(i)
            if p is not None:
                out[i] = {t for n in p.names for t in org_tokens(n)}
        return out

    # -- resolution ------------------------------------------------------------
    def resolve(self, extraction: Extraction) -> Extraction:
        """Return a copy of ``extraction`` whose entity ids are the resolved nodes'
        ids (relations re-pointed and re-keyed, entities that became one node
        merged), with each merge's score and reasons in a ``resolution`` attribute."""
        ex = extraction
        doc_id = ex.document.id
        by_id = {e.id: e for e in ex.entities}
        mapping: dict[str, str] = {}
        records: dict[str, list[dict[str, Any]]] = {}

        rejected = {e.id for e in ex.entities if self.rules.rejected(e.id, e.type, self._all_names(e))}
        # Organisations first (persons are judged by the organisations they hold posts in),
        # parents before members.
        orgs = [e for e in ex.entities if e.type == "Organization" and e.id not in rejected]
        parents_of: dict[str, set[str]] = {}
        for r in ex.relations:
            if r.type == "AFFILIATED_WITH":
                parents_of.setdefault(r.source, set()).add(r.target)
        orgs = _parents_first(orgs, parents_of)
        doc_orgs_local = [e.id for e in orgs]

        for e in orgs:
            prof = self._mention_profile(e, ex, mapping, parents_of, doc_orgs_local)
            target, rec = self._decide(e, prof, doc_id)
            mapping[e.id] = target
            if rec:
                records.setdefault(target, []).append(rec)
        # co-mentions with resolved ids, for persons
        doc_orgs = {mapping[i] for i in doc_orgs_local}
        for e in ex.entities:
            if e.type == "Person" and e.id not in rejected:
                prof = self._mention_profile(e, ex, mapping, parents_of, doc_orgs_local)
                prof.co_orgs = set(doc_orgs)
                target, rec = self._decide(e, prof, doc_id)
                mapping[e.id] = target
                if rec:
                    records.setdefault(target, []).append(rec)
        for e in ex.entities:
            if e.id not in mapping and e.id not in rejected:
                mapping[e.id] = e.id
        # agreements and events: re-key by resolved participants when their id is a compound id
        self._rekey_compounds(ex, mapping, rejected)

        entities: dict[str, Entity] = {}
        for e in ex.entities:
            if e.id in rejected:
                continue
            target = mapping[e.id]
            if target in entities:
                _merge_into(entities[target], e)
            else:
                entities[target] = Entity(id=target, type=e.type, name=e.name, aliases=list(e.aliases),
                                          attrs=dict(e.attrs), evidence=list(e.evidence))
        for target, recs in records.items():
            if target in entities:
                entities[target].attrs["resolution"] = json.dumps(recs, ensure_ascii=False, sort_keys=True)
        relations: dict[str, Relation] = {}
        for r in ex.relations:
            if r.source in rejected or r.target in rejected:
                continue
            s, t = mapping.get(r.source, r.source), mapping.get(r.target, r.target)
            if s == t:
                continue  # e.g. an affiliation between two names of one body
            rid = relation_id(r.type, s, t, r.role) if (s, t) != (r.source, r.target) else r.id
            if rid in relations:
                _merge_rel(relations[rid], r)
            else:
                relations[rid] = Relation(id=rid, type=r.type, source=s, target=t, role=r.role, title=r.title,
                                          start=r.start, end=r.end, attrs=dict(r.attrs), evidence=list(r.evidence))
        out = Extraction(document=ex.document, entities=list(entities.values()), relations=list(relations.values()))
        self._learn(out)
        return out

    def _all_names(self, e: Entity) -> list[str]:
        return [e.name, *e.aliases]

    def _mention_profile(self, e: Entity, ex: Extraction, mapping: dict[str, str],
                         parents_of: dict[str, set[str]], doc_orgs: list[str]) -> Profile:
        p = Profile(e.id, e.type)
        p.add_mention(e, ex.document.id)
        if e.type == "Organization":
            p.parents = {mapping.get(t, t) for t in parents_of.get(e.id, set())}
            p.co_orgs = {mapping[o] for o in doc_orgs if o in mapping and o != e.id}
        else:
            for r in ex.relations:
                if r.type == "HOLDS_POSITION" and r.source == e.id:
                    o = mapping.get(r.target, r.target)
                    p.pos_orgs.add(o)
                    op = self.profiles.get(o)
                    if op is not None:
                        p.countries |= op.countries
                    else:
                        oe = ex.entity(r.target)
                        if oe is not None and oe.get("country"):
                            p.countries.add(oe.get("country"))
        return p

    def _decide(self, e: Entity, m: Profile, doc_id: str) -> tuple[str, dict[str, Any] | None]:
        target, rec = self._auto(e, m, doc_id)
        final = self.rules.redirect(target)
        if final != target:  # an analyst merged the node this mention went to
            rec = {"from": e.id, "name": e.name, "score": 1.0, "reasons": ["analyst merge"]}
        return final, rec

    def _auto(self, e: Entity, m: Profile, doc_id: str) -> tuple[str, dict[str, Any] | None]:
        forced = self.rules.forced_target(e.id, e.type, self._all_names(e), doc_id)
        if forced is not None:
            return forced, {"from": e.id, "name": e.name, "score": 1.0, "reasons": ["analyst merge"]}
        separate = self.rules.kept_apart(e.id)
        names_of = self._names_of(set(m.parents))
        best: list[Match] = []
        for cid in self._candidates(m):  # the node sharing the mention's own id competes too
            c = self.profiles[cid]
            if cid in separate or self.rules.distinct(e.id, cid):
                continue
            if self.rules.split_from(e.id, e.type, self._all_names(e), doc_id) == cid:
                continue
            if c.parents:
                names_of.update(self._names_of(c.parents - names_of.keys()))
            match = compare(m, c, self.kinds, names_of)
            if match is not None and match.mergeable:
                best.append(match)
        own = e.id
        same_id = self.profiles.get(own)
        if same_id is not None and own not in best_ids(best):
            clash = compare(m, same_id, self.kinds, names_of)
            vetoed = clash is not None and clash.veto and not self.rules.is_merge_target(own)
            if vetoed or self.rules.distinct(own, own):
                # the same name, but context says another entity: qualify the id
                # (by country when known) so the two never share a node
                own = entity_id(e.type, e.name, *sorted(m.countries or {doc_id}))
        if not best:
            return own, None
        best.sort(key=lambda mt: (-mt.score, mt.candidate))
        if len(best) > 1 and best[0].score - best[1].score < 0.05 and best[0].candidate != best[1].candidate:
            # two nodes fit as well: do not guess (the pair is left for review) — not even
            # by sharing an id with one of them
            if own in {best[0].candidate, best[1].candidate}:
                own = entity_id(e.type, e.name, doc_id)
            return own, None
        top = best[0]
        if top.candidate == own:
            return own, None
        return top.candidate, {"from": e.id, "name": e.name, "score": top.score, "reasons": top.reasons}

    def _rekey_compounds(self, ex: Extraction, mapping: dict[str, str], rejected: set[str]) -> None:
        members: dict[str, list[str]] = {}
        for r in ex.relations:
            if r.type in ("PARTY_TO", "PARTICIPATED_IN"):
                members.setdefault(r.target, []).append(r.source)
        for e in ex.entities:
            if e.type not in ("Agreement", "Event") or e.id in rejected:
                continue
            everyone = members.get(e.id, [])
            orgs = [x for x in everyone if (ex.entity(x) is not None and ex.entity(x).type == "Organization")]
            kind, date = e.get("kind"), e.get("date")
            # the extractor keys by participating organisations (events) or all parties
            for local in (everyone, orgs):
                if local and e.id == compound_id(e.type, kind, date, local):
                    resolved = [mapping.get(x, x) for x in local if x not in rejected]
                    mapping[e.id] = compound_id(e.type, kind, date, resolved)
                    break

    def _learn(self, out: Extraction) -> None:
        """Add the resolved document to the index, so later documents see it."""
        orgs = {e.id for e in out.entities if e.type == "Organization"}
        for e in out.entities:
            if e.type not in ("Organization", "Person"):
                continue
            p = self.profiles.get(e.id)
            if p is None:
                p = Profile(e.id, e.type)
                self.profiles[e.id] = p
            p.add_mention(e, out.document.id)
            if e.type == "Organization":
                p.co_orgs |= orgs - {e.id}
            else:
                p.co_orgs |= orgs
        for r in out.relations:
            s, t = self.profiles.get(r.source), self.profiles.get(r.target)
            if s is None or t is None:
                continue
            if r.type == "AFFILIATED_WITH":
                s.parents.add(t.id)
            elif r.type == "HOLDS_POSITION":
                s.pos_orgs.add(t.id)
                s.countries |= t.countries
        for e in out.entities:
            if e.id in self.profiles:
                self._index(self.profiles[e.id])


def _parents_first(orgs: list[Entity], parents_of: dict[str, set[str]]) -> list[Entity]:
    """Organisations ordered so that each comes after its parents (cycle-safe)."""
    by_id = {e.id: e for e in orgs}
    out: list[Entity] = []
    state: dict[str, int] = {}

    def visit(i: str) -> None:
        if state.get(i):
            return
        state[i] = 1
        for p in sorted(parents_of.get(i, ())):
            if p in by_id:
                visit(p)
        out.append(by_id[i])

    for e in sorted(orgs, key=lambda e: e.id):
        visit(e.id)
    return out


def best_ids(matches: list[Match]) -> set[str]:
    return {m.candidate for m in matches}


def _merge_into(target: Entity, e: Entity) -> None:
    for n in [e.name, *e.aliases]:
        if n and n != target.name and n not in target.aliases:
            target.aliases.append(n)
    for k, v in e.attrs.items():
        target.attrs.setdefault(k, v)
    seen = {(ev.start, ev.end) for ev in target.evidence}
    target.evidence.extend(ev for ev in e.evidence if (ev.start, ev.end) not in seen)


def _merge_rel(target: Relation, r: Relation) -> None:
    target.title = target.title or r.title
    target.start = target.start or r.start
    target.end = target.end or r.end
    for k, v in r.attrs.items():
        target.attrs.setdefault(k, v)
    seen = {(ev.start, ev.end) for ev in target.evidence}
    target.evidence.extend(ev for ev in r.evidence if (ev.start, ev.end) not in seen)

