"""In-document resolution: which mentions name the same organisation or person.

Organisations are one entity when they share a name or alias (folded), a
reference body, the same words in another order ("Human Resources Ministry" /
"Ministry of Human Resources"), or are joined by "atau"/"or"/"known as"
("Federasi Serikat Buruh Laos atau Lao Federation of Trade Unions (LFTU)"). The
name is the first full form printed; acronyms and other forms are aliases.

Persons are one entity when one name is a part of another ("Andi Gani" of
"Andi Gani Nena Wea", "Ms Koh" of "Jasmine Koh Li Ying") or a misspelling of it
in the same text ("Khan" for Khang, "Sutrino" for Sutrisno): same first letter,
similar length and a rapidfuzz ratio of at least 80 on the folded words, and
only when exactly one person fits. Short forms anywhere in the text (quote
attributions "kata Hendrik") are found by scanning capitalised words against
the names already known.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from unionkg.graph.ids import entity_id as _entity_id, fold
from unionkg.graph.model import Entity
from unionkg.ingest.context import DocContext, Mention
from unionkg.ingest.lexicon import ffold as fold, lexicon, longest
from unionkg.ingest.orgs import is_acronym
from unionkg.ingest.persons import name_runs
from unionkg.ingest.spans import sentence_views, tok_range

__all__ = ["resolve_mentions", "FUZZY_MIN"]

FUZZY_MIN = 80.0  # rapidfuzz ratio for a misspelt name part ("Khan"/"Khang" = 88.9)


# --------------------------------------------------------------------------- organisations
class _Org:
    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self.names: list[str] = []
        self.ref = None
        self.unit = False
        self.kind: str | None = None

    def add_name(self, name: str) -> None:
        if name and name not in self.names:
            self.names.append(name)


def _bag(name: str, conn: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in fold(name).split() if w not in conn)


def _resolve_orgs(ctx: DocContext) -> list[_Org]:
    lx = lexicon()
    conn = lx.words("name_connectors")
    orgs = [m for m in ctx.mentions if m.type == "Organization"]
    orgs.sort(key=lambda m: (bool(m.attrs.get("headline")), m.start))
    clusters: list[_Org] = []
    by_key: dict[str, int] = {}
    by_ref: dict[str, int] = {}
    by_bag: dict[frozenset, int] = {}

    def find(m: Mention) -> int | None:
        ref = m.attrs.get("ref")
        if ref is not None and getattr(ref, "id", None) in by_ref:
            return by_ref[ref.id]
        for n in [m.attrs["name"], *m.attrs.get("aliases", [])]:
            k = fold(n)
            if k in by_key:
                return by_key[k]
        bag = _bag(m.attrs["name"], conn)
        if len(bag) >= 2 and bag in by_bag:
            return by_bag[bag]
        return None

    def index(ci: int, m: Mention) -> None:
        c = clusters[ci]
        ref = m.attrs.get("ref")
        if ref is not None and c.ref is None:
            c.ref = ref
            by_ref.setdefault(ref.id, ci)
            for n in ref.names():
                by_key.setdefault(fold(n), ci)
        for n in [m.attrs["name"], *m.attrs.get("aliases", [])]:
            by_key.setdefault(fold(n), ci)
        bag = _bag(m.attrs["name"], conn)
        if len(bag) >= 2:
            by_bag.setdefault(bag, ci)

    for m in orgs:
        ci = find(m)
        if ci is None:
            clusters.append(_Org())
            ci = len(clusters) - 1
        c = clusters[ci]
        c.mentions.append(m)
        c.add_name(m.attrs["name"])
        for a in m.attrs.get("aliases", []):
            c.add_name(a)
        if m.attrs.get("unit"):
            c.unit = True
        c.kind = c.kind or m.attrs.get("kind")
        index(ci, m)
        m.attrs["cluster"] = ci

    # "X atau Y", "X (ACR), or Y", "X, known locally as Y": one body named twice
    views = sentence_views(ctx)
    parent = list(range(len(clusters)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_sent: dict[int, list[Mention]] = {}
    for m in orgs:
        by_sent.setdefault(m.sentence, []).append(m)
    for si, ms in by_sent.items():
        ms.sort(key=lambda m: m.start)
        view = views[si]
        for m1, m2 in zip(ms, ms[1:]):
            gap_a = view.tok_at(m1.attrs.get("extent", m1.end))
            gap_b = view.tok_at(m2.start)
            if gap_a is None or gap_b is None:
                continue
            k = gap_a
            if k < len(view.toks) and view.toks[k].text == ",":
                k += 1
            hit = longest(lx.cue("alias_connectors"), view.ws, k)
            if hit and hit[0] + 1 == gap_b:
                c1, c2 = clusters[m1.attrs["cluster"]], clusters[m2.attrs["cluster"]]
                if c1.ref is not None and c2.ref is not None and c1.ref.id != c2.ref.id:
                    continue
                if is_acronym(m1.attrs["name"]) and is_acronym(m2.attrs["name"]):
                    continue  # "KSPSI atau KSPI": two bodies
                parent[root(m2.attrs["cluster"])] = root(m1.attrs["cluster"])
    # a short form that starts exactly one longer name printed in the text
    # ("Liên đoàn Lao động tỉnh" after "Liên đoàn Lao động tỉnh Bình Dương")
    keys = [[tuple(fold(n).split()) for n in c.names] for c in clusters]
    starts: dict[tuple[str, ...], set[int]] = {}  # strict prefixes of every name -> clusters
    for cj, ks in enumerate(keys):
        for k in ks:
            for L in range(2, len(k)):
                starts.setdefault(k[:L], set()).add(cj)
    for ci, c in enumerate(clusters):
        if c.ref is not None or any(len(k) < 2 for k in keys[ci]):
            continue
        fits = None
        for k in keys[ci]:
            here = starts.get(k, set()) - {ci}
            fits = here if fits is None else fits & here
        if fits and len(fits) == 1:
            cj = fits.pop()
            if min(m.start for m in clusters[cj].mentions) < min(m.start for m in c.mentions):
                parent[root(ci)] = root(cj)
    merged: dict[int, _Org] = {}
    for ci, c in enumerate(clusters):
        r = root(ci)
        if r == ci:
            merged[ci] = c
    for ci, c in enumerate(clusters):
        r = root(ci)
        if r != ci:
            t = merged[r]
            t.mentions.extend(c.mentions)
            for n in c.names:
                t.add_name(n)
            t.ref = t.ref or c.ref
            t.unit = t.unit or c.unit
            t.kind = t.kind or c.kind
    return [merged[k] for k in sorted(merged)]


@lru_cache(maxsize=65_536)
def _kind_for_name(name: str) -> str | None:
    from unionkg.ontology import vocab

    return vocab.kind_for_name(name)


@lru_cache(maxsize=65_536)
def _country_in_name(name: str) -> str | None:
    try:
        from unionkg.ingest.places import find_place_names
    except Exception:  # pragma: no cover - optional aid
        return None
    places = find_place_names(name)
    return places[0].country if places else None


def _org_entities(ctx: DocContext, clusters: list[_Org]) -> None:
    for c in clusters:
        body = [m for m in c.mentions if not m.attrs.get("headline")]
        printed = [m.attrs["name"] for m in sorted(body or c.mentions, key=lambda m: m.start)]
        # the first full form printed; a form with an acronym in it ("Tổng LĐLĐ Việt Nam",
        # "ASEAN TUC") gives way to the reference name, else to the first form printed
        full = [n for n in printed if not is_acronym(n) and not any(is_acronym(w) for w in n.split())]
        if full:
            name = full[0]
        elif c.ref is not None:
            name = c.ref.name
        else:
            name = next((n for n in printed if not is_acronym(n)), printed[0] if printed else c.names[0])
        aliases = [n for n in c.names if n != name]
        kind = None
        country = None
        attrs: dict = {}
        if c.ref is not None:
            kind = c.ref.kind
            country = c.ref.country
            attrs["reference"] = c.ref.entity_id
        if kind is None:
            kind = "other" if c.unit else None
            if kind is None:
                # a name with its parent printed inside ("Federasi ... Konfederasi Serikat Pekerja
                # Seluruh Indonesia") is of its own head's kind, not of the parent's
                own = next((m.attrs.get("kind") for m in c.mentions if m.attrs.get("parents") and m.attrs.get("kind")), None)
                kind = own
            if kind is None:
                for n in [name, *aliases]:
                    kind = _kind_for_name(n)
                    if kind:
                        break
        if country is None:
            for n in [name, *aliases]:
                country = _country_in_name(n)
                if country:
                    break
        attrs.update({"kind": kind, "country": country, "unit": c.unit})
        eid = entity_id("Organization", name)
        ent = Entity(eid, "Organization", name, aliases, attrs,
                     [ctx.evidence_for(m.start, m.end) for m in sorted(c.mentions, key=lambda m: m.start)])
        ent = ctx.add_entity(ent)
        ent.attrs.pop("unit", None)
        ctx.__dict__.setdefault("_units", set())
        if c.unit:
            ctx.__dict__["_units"].add(ent.id)
        for m in c.mentions:
            m.entity = ent.id


# --------------------------------------------------------------------------- persons
def _name_words(text: str) -> list[str]:
    """Words of a person's name for matching: case folded, diacritics KEPT (in one text
    "Nguyên" the word is not "Nguyễn" the name), dots and quotes dropped."""
    return list(_name_words_cached(text))


_NAME_DROP = re.compile(r"[.\"“”]")


@lru_cache(maxsize=65_536)
def _name_words_cached(text: str) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", _NAME_DROP.sub("", text)).casefold().split())


# the same names recur across a corpus: their ids (a fold and a hash) are remembered
entity_id = lru_cache(maxsize=65_536)(_entity_id)


@lru_cache(maxsize=1)
def _cue_raw() -> frozenset[str]:
    """Printed marker, function and pronoun words: never a short form of a name on their own."""
    lx = lexicon()
    return frozenset(w for (g, _l), ws in lx.raw.items() if g in ("former_markers", "acting_markers", "function_words",
                                                                  "person_pronouns", "speech_before") for w in ws)


class _Per:
    def __init__(self, m: Mention) -> None:
        self.mentions = [m]
        self.forms: list[str] = [m.attrs["name"]]
        self.honorific = m.attrs.get("honorific")
        self.nick = m.attrs.get("nickname")

    @property
    def words(self) -> list[str]:
        full = self.full
        if self.__dict__.get("_wkey") != full:
            self.__dict__["_wkey"] = full
            self.__dict__["_words"] = _name_words(full)
        return self.__dict__["_words"]

    @property
    def full(self) -> str:
        if self.__dict__.get("_nforms") != len(self.forms):
            self.__dict__["_nforms"] = len(self.forms)
            self.__dict__["_full"] = max(self.forms, key=lambda f: (len(f.split()), self.forms.count(f), -self.forms.index(f)))
        return self.__dict__["_full"]


def _sub_match(short: list[str], full: list[str]) -> float:
    """How well ``short`` names a contiguous part of ``full``: 100 when equal, else the
    rapidfuzz ratio of the one word that differs (same first letter, at least four
    letters, lengths within two), else 0.

    >>> _sub_match(["khan"], ["nguyen", "dinh", "khang"]) > 80
    True
    >>> _sub_match(["nguyen", "van", "bao"], ["nguyen", "van", "bac"])
    0.0
    """
    if not short or len(short) > len(full):
        return 0.0
    best = 0.0
    if len(short) == 1:  # the common case (a one-word short form): each word of the name is a window
        a = short[0]
        if a in full:
            return 100.0
        for b in full:
            if a[0] != b[0] or min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 2:
                continue
            best = max(best, fuzz.ratio(a, b))
        return best
    for i in range(len(full) - len(short) + 1):
        window = full[i: i + len(short)]
        if window == short:
            return 100.0
        diff = [(a, b) for a, b in zip(short, window) if a != b]
        if len(diff) != 1:
            continue
        a, b = diff[0]
        if a[0] != b[0] or min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 2:
            continue
        best = max(best, fuzz.ratio(a, b))
    return best


def _resolve_persons(ctx: DocContext) -> None:
    lx = lexicon()
    pers = sorted((m for m in ctx.mentions if m.type == "Person"), key=lambda m: m.start)
    clusters: list[_Per] = []
    longs = sorted(pers, key=lambda m: -len(m.attrs["name"].split()))
    whole: dict[tuple[str, ...], _Per] = {}  # a cluster's name words -> the cluster
    letter: dict[str, list[_Per]] = {}  # first letters of name words -> clusters
    for m in longs:
        words = _name_words(m.attrs["name"])
        target = whole.get(tuple(words))
        if target is None:
            cands = []
            seen: set[int] = set()
            for c in (c for w in words for c in letter.get(w[:1], ())):
                if id(c) in seen:
                    continue
                seen.add(id(c))
                score = _sub_match(words, c.words)
                if score >= FUZZY_MIN:
                    cands.append((score, c))
            if cands:
                cands.sort(key=lambda x: -x[0])
                top = [c for s, c in cands if s == cands[0][0]]
                if len(top) == 1:
                    target = top[0]
        if target is None:
            c = _Per(m)
            clusters.append(c)
            whole.setdefault(tuple(c.words), c)
            for w in set(c.words):
                letter.setdefault(w[:1], []).append(c)
        else:
            target.mentions.append(m)
            target.forms.append(m.attrs["name"])
            target.honorific = target.honorific or m.attrs.get("honorific")
            target.nick = target.nick or m.attrs.get("nickname")
    # short forms and misspellings anywhere: "kata Hendrik", "Khan dijadwalkan", "ông Quân"
    views = sentence_views(ctx)
    func = lx.words("function_words")
    taken: dict[int, set[int]] = {}
    for m in ctx.mentions:
        if m.type in ("Person", "Organization", "Title"):
            view = views[m.sentence] if 0 <= m.sentence < len(views) else None
            if view is None:
                continue
            a, b = tok_range(view, m)
            if m.type == "Organization":
                e = view.tok_at(max(m.start, m.attrs.get("extent", m.end) - 1))
                b = e if e is not None else b
            taken.setdefault(m.sentence, set()).update(range(a, b + 1))
    multi = [c for c in clusters if len(c.words) >= 2]
    cue_raw = _cue_raw()
    # every contiguous part of every name, for exact look-ups; names by first letter for fuzzy ones
    parts: dict[tuple[str, ...], set[int]] = {}
    by_letter: dict[str, list[int]] = {}
    cwords = [c.words for c in multi]
    for ci, ws in enumerate(cwords):
        for i in range(len(ws)):
            for j in range(i + 1, len(ws) + 1):
                parts.setdefault(tuple(ws[i:j]), set()).add(ci)
        for w in set(ws):
            by_letter.setdefault(w[:1], [])
            if ci not in by_letter[w[:1]]:
                by_letter[w[:1]].append(ci)
    added: list[Mention] = []
    for view in views:
        occupied = taken.get(view.index, set()) | {i for i, k in view.claimed.items() if k in ("Title", "Board")}
        for a, b, names, _nick in name_runs(view, occupied, lx):
            while names and lx.is_function_word(view.toks[names[0]].text) and not _hon_before(view, names[0]):
                names = names[1:]
            if not names:
                continue
            windows = [names] if not view.headline else [
                names[i:j] for L in range(len(names), 0, -1) for i in range(0, len(names) - L + 1) for j in [i + L]]
            used: set[int] = set()
            for win in windows:
                if used & set(win):
                    continue
                words = [w for k in win for w in _name_words(view.toks[k].text)]
                if len(win) == 1 and words and words[0] in cue_raw:
                    continue  # "Nguyên Chủ tịch ...": a marker, not the name "Nguyễn"
                if len(words) > 3 and not view.headline:
                    continue
                best: list[tuple[float, _Per]] = []
                exact = parts.get(tuple(words))
                if exact:
                    best = [(100.0, multi[ci]) for ci in exact]
                elif not view.headline and words:
                    for ci in {ci for w in words for ci in by_letter.get(w[:1], ())}:
                        if len(words) > len(cwords[ci]):
                            continue
                        s = _sub_match(words, cwords[ci])
                        if s >= FUZZY_MIN:
                            best.append((s, multi[ci]))
                if not best:
                    continue
                best.sort(key=lambda x: -x[0])
                top = [c for s, c in best if s == best[0][0]]
                if len(top) != 1:
                    continue
                c = top[0]
                t0, t1 = view.toks[win[0]], view.toks[win[-1]]
                printed = ctx.text[t0.start: t1.end]
                mm = Mention(t0.start, t1.end, printed, "Person", view.index,
                             attrs={"name": printed, "honorific": None, "signal": "short", "headline": view.headline})
                c.mentions.append(mm)
                c.forms.append(printed) if best[0][0] == 100.0 and len(words) == len(c.words) else None
                if printed not in c.forms and fold(printed) not in [fold(f) for f in c.forms]:
                    c.__dict__.setdefault("aliases", []).append(printed)
                added.append(mm)
                used |= set(win)
    ctx.mentions.extend(added)
    ctx.mentions.sort(key=lambda m: (m.start, m.end))
    for c in clusters:
        name = c.full
        aliases: list[str] = []
        for f in [*c.forms, *c.__dict__.get("aliases", []), *([c.nick] if c.nick else [])]:
            if f != name and fold(f) != fold(name) and f not in aliases:
                aliases.append(f)
            elif f != name and fold(f) == fold(name) and f not in aliases and f.replace(" ", "") != name.replace(" ", ""):
                aliases.append(f)
        for m in c.mentions:
            f = m.attrs.get("name") or m.text
            if f != name and f not in aliases:
                aliases.append(f)
        ent = Entity(entity_id("Person", name), "Person", name, aliases, {"honorific": c.honorific},
                     [ctx.evidence_for(m.start, m.end) for m in sorted(c.mentions, key=lambda m: m.start)])
        ent = ctx.add_entity(ent)
        for m in c.mentions:
            m.entity = ent.id


def _hon_before(view, k: int) -> bool:
    j = k - 1
    while j >= 0 and view.toks[j].text == ".":
        j -= 1
    return j >= 0 and view.claimed.get(j) == "Honorific"


def resolve_mentions(ctx: DocContext) -> None:
    """Pipeline component: cluster organisation and person mentions into entities
    (with aliases and evidence) and set each mention's ``entity``."""
    _org_entities(ctx, _resolve_orgs(ctx))
    _resolve_persons(ctx)
