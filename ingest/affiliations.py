"""Affiliations: AFFILIATED_WITH member → parent.

Read from:

- a known body printed inside, before or after a name ("Federasi Serikat Pekerja
  Informal dan Migran KSPSI", "Departemen Pendidikan CLC", "MTUC Bahagian Johor",
  "Kantor Regional ILO untuk Asia dan Pasifik") or a possessive ("NTUC's
  International Department");
- a unit right before its body ("Biro Kerja Sama Luar Negeri Kementerian
  Ketenagakerjaan", "General Affairs Department VGCL") or "A/B" ("FSPMI/KSPSI");
- cue phrases (``ingest/data/cues.yaml``): member *cue* parent(s) ("merupakan
  anggota", "affiliated to", "di bawah naungan", "thuộc"); parent *cue*
  ("an NTUC affiliate", "one of TUCP's largest affiliates"); a parent's member
  list ("federasi anggota KSPI, antara lain A, B", "affiliated unions such as A
  and B"); "X, to both of which Y is affiliated"; a demonstrative subject takes
  the bodies of the previous sentence ("Ketiga konfederasi tersebut merupakan
  anggota ASEAN TUC");
- a unit named after "dari pihak X" / "về phía X" belongs to X.

Units of a government body or an IGO take its kind.
"""

from __future__ import annotations

from unionkg.graph.ids import entity_id, relation_id
from unionkg.ingest.lexicon import ffold as fold
from unionkg.graph.model import Entity, Relation
from unionkg.ingest.context import DocContext, Mention
from unionkg.ingest.lexicon import lexicon, longest
from unionkg.ingest.posts import Item, sentence_items
from unionkg.ingest.spans import View, cue_starts, phrase_at, sentence_views

__all__ = ["find_affiliations"]


class _Aff:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.lx = lexicon()
        self.units: set[str] = ctx.__dict__.get("_units", set())
        self.by_name: dict[str, str] = {}
        for e in ctx.entities.values():
            if e.type == "Organization":
                for n in [e.name, *e.aliases]:
                    self.by_name.setdefault(fold(n), e.id)
        self.parents: dict[str, set[str]] = {}

    def add(self, member: str | None, parent: str | None, view: View, at: Mention) -> None:
        if not member or not parent or member == parent:
            return
        if parent in self.parents and member in self.parents[parent]:
            return  # never both ways
        pk = self.ctx.entities.get(parent)
        if pk is not None and pk.attrs.get("kind") == "company":
            return
        ev = self.ctx.evidence_for(at.start, at.end)
        self.ctx.add_relation(Relation(relation_id("AFFILIATED_WITH", member, parent), "AFFILIATED_WITH",
                                       member, parent, evidence=[ev]))
        self.parents.setdefault(member, set()).add(parent)

    def entity_for(self, name: str, view: View, at: Mention) -> str | None:
        eid = self.by_name.get(fold(name))
        if eid:
            return eid
        # a reference body printed only inside another name: make it an entity
        hit = longest(self.lx.refs, _words(name), 0)
        if hit is None:
            return None
        ref = hit[1]
        eid = entity_id("Organization", ref.name)
        ent = Entity(eid, "Organization", ref.name, [n for n in [name] if n != ref.name],
                     {"kind": ref.kind, "country": ref.country, "reference": ref.entity_id},
                     [self.ctx.evidence_for(at.start, at.end)])
        ent = self.ctx.add_entity(ent)
        self.by_name[fold(name)] = ent.id
        return ent.id

    # union < federation < confederation < regional and global bodies: a body printed right
    # before a wider one belongs to it ("PUK FSP LEM SPSI", "Federasi ... KSPSI")
    _RANK = {"union": 1, "federation": 2, "confederation": 3, "regional_body": 4, "global_union": 5}

    def rank(self, eid: str | None) -> int:
        e = self.ctx.entities.get(eid or "")
        return self._RANK.get(e.attrs.get("kind"), 0) if e is not None else 0

    def gov_unit(self, o1: Item, o2: Item) -> bool:
        """A body printed right before a ministry or an IGO is its unit ("... (PHI dan Jamsos) Kemnaker")."""
        k1 = (self.ctx.entities.get(o1.entity) or _NONE).attrs.get("kind")
        k2 = (self.ctx.entities.get(o2.entity) or _NONE).attrs.get("kind")
        return k2 in ("government", "igo") and k1 in (None, "other", "government", "igo") and o1.m.attrs.get("ref") is None

    def gap(self, view: View, a: int, b: int) -> list:
        return [t for t in view.toks[a + 1: b] if t.text != "."]

    def clause_start(self, view: View, k: int) -> int:
        starts = view.__dict__.get("_clauses")
        if starts is None:  # token index -> first token of its clause (after ";" or ":")
            starts, cur = [], 0
            for i, t in enumerate(view.toks):
                starts.append(cur)
                if t.text in (";", ":"):
                    cur = i + 1
            view.__dict__["_clauses"] = starts
        return starts[k - 1] if 0 < k <= len(starts) else 0

    def org_list_from(self, view: View, items: list[Item], j: int, after_tok: int) -> list[Item]:
        """Organisations starting right after token ``after_tok``, separated by list connectors."""
        out: list[Item] = []
        conns = self.lx.words("list_connectors") | {",", "the", "a", "an"}
        last = after_tok
        for it in items[j:]:
            if it.kind == "P" or it.kind == "T" and out:
                break
            if it.kind != "O":
                continue
            g = self.gap(view, last, it.a)
            if all(t.key in conns or t.text in conns for t in g) and len(g) <= 3:
                out.append(it)
                last = it.b
            else:
                break
        return out

    def read(self, view: View, items: list[Item], prev_orgs: list[Item]) -> None:
        toks = view.toks
        orgs = [it for it in items if it.kind == "O"]
        # names with a body inside them
        for o in orgs:
            for pname in o.m.attrs.get("parents", []):
                if o.m.attrs.get("possessive") and False:
                    continue
                self.add(o.entity, self.entity_for(pname, view, o.m), view, o.m)
        # adjacent bodies
        for o1, o2 in zip(orgs, orgs[1:]):
            g = self.gap(view, o1.b, o2.a)
            if o2.a <= o1.b:
                continue
            if not g:
                if o1.m.attrs.get("possessive"):
                    self.add(o2.entity, o1.entity, view, o2.m)
                elif o1.entity in self.units or self.rank(o1.entity) < self.rank(o2.entity) or self.gov_unit(o1, o2):
                    self.add(o1.entity, o2.entity, view, o1.m)
            elif len(g) == 1 and g[0].text == "/" and toks[g[0].index - 1].end == g[0].start:
                self.add(o1.entity, o2.entity, view, o1.m)
            elif (o1.entity in self.units or 0 < self.rank(o1.entity) < self.rank(o2.entity)) \
                    and all(t.key in ("of", "cua", "the") for t in g) and len(g) <= 2 and self.rank(o1.entity) < 5:
                self.add(o1.entity, o2.entity, view, o1.m)
        # cue phrases
        for k in sorted(cue_starts(view, "affiliation_forward")):
            self._forward(view, items, k, prev_orgs)
        for k in sorted(cue_starts(view, "affiliation_backward")):
            self._backward(view, items, k)
        for k in sorted(cue_starts(view, "affiliation_relative")):
            self._relative(view, items, k)
        for k, end in sorted(cue_starts(view, "affiliation_members").items()):
            self._members(view, items, k, end)
        # units after "dari pihak X" / "về phía X"
        side = None
        for k, end in sorted(cue_starts(view, "side_markers").items()):
            if True:
                nxt = next((it for it in orgs if it.a == end + 1), None)
                if nxt is not None:
                    side = nxt
                    break
        if side is not None:
            for o in orgs:
                if o.a > side.b and o.entity in self.units and not self.parents.get(o.entity):
                    self.add(o.entity, side.entity, view, o.m)

    def _forward(self, view: View, items: list[Item], k: int, prev_orgs: list[Item]) -> None:
        end = phrase_at(view, "affiliation_forward", k)
        if end is None:
            return
        # the longest cue starting here only (not its tail again)
        if k > 0 and phrase_at(view, "affiliation_forward", k - 1) is not None and phrase_at(view, "affiliation_forward", k - 1) >= end:
            return
        j = next((i for i, it in enumerate(items) if it.a > end), len(items))
        parents = self.org_list_from(view, items, j, end)
        if not parents or parents[0].a - end > 2:
            return
        cs = self.clause_start(view, k)
        before = [it for it in items if it.b < k and it.a >= cs]
        members_list = self._member_list(view, items, parents[-1])
        if members_list:
            for m in members_list:
                for p in parents:
                    self.add(m.entity, p.entity, view, m.m)
            return
        member = next((it for it in before if it.kind == "O" and it not in parents), None)
        if member is not None:
            # a person between the body and the cue: a post ("..., yang juga anggota Dewan X")
            if any(it.kind == "P" and it.a > member.b for it in before):
                return
            for p in parents:
                self.add(member.entity, p.entity, view, member.m)
            return
        if any(it.kind == "P" for it in before):
            return
        words = {t.key for t in view.toks[cs:k]}
        if words & self.lx.words("demonstratives"):
            for o in prev_orgs:
                if o.entity not in self.units:
                    for p in parents:
                        self.add(o.entity, p.entity, view, p.m)

    def _member_list(self, view: View, items: list[Item], after: Item) -> list[Item]:
        """"... anggota KSPI, antara lain A, B dan C": the bodies listed after the parent."""
        k = after.b + 1
        toks = view.toks
        # skip a short relative clause ("yang hadir") and a comma
        limit = min(len(toks), k + 5)
        for q in range(k, limit):
            end = phrase_at(view, "affiliation_list", q)
            if end is not None:
                j = next((i for i, it in enumerate(items) if it.a > end), len(items))
                return self.org_list_from(view, items, j, end)
            if toks[q].cap or toks[q].text in (".", ";"):
                break
        return []

    def _backward(self, view: View, items: list[Item], k: int) -> None:
        end = phrase_at(view, "affiliation_backward", k)
        if end is None:
            return
        if k > 0 and phrase_at(view, "affiliation_backward", k - 1) is not None:
            return
        before = [it for it in items if it.b < k]
        if not before or before[-1].kind != "O":
            return
        parent = before[-1]
        g = self.gap(view, parent.b, k)
        if len(g) > 2 or any(t.punct and t.text not in ("'s", "’s", "'", "’") for t in g):
            return
        # the member: the body before ", an/one of"
        if len(before) >= 2 and before[-2].kind == "O":
            member = before[-2]
            g2 = self.gap(view, member.b, parent.a)
            if g2 and g2[0].text == "," and len(g2) <= 4 and all(t.punct or not t.cap for t in g2):
                self.add(member.entity, parent.entity, view, member.m)
                return
        # "... affiliated unions such as A and B"
        for m in self._member_list(view, items, Item("O", end, end, parent.m)):
            self.add(m.entity, parent.entity, view, m.m)

    def _members(self, view: View, items: list[Item], k: int, end: int) -> None:
        """"MTUC ... through affiliated unions such as A and B", "federasi anggota KSPI, antara lain
        A, B": the parent is the body right before the words or the clause's subject."""
        before = [it for it in items if it.b < k and it.a >= self.clause_start(view, k)]
        after_cue = [it for it in items if it.a > end]
        parent = None
        if after_cue and after_cue[0].kind == "O" and after_cue[0].a - end <= 1:
            return  # "anggota KSPI, antara lain ...": handled by the forward cue
        if before and before[-1].kind == "O" and len(self.gap(view, before[-1].b, k)) <= 1:
            parent = before[-1]
        else:
            parent = next((it for it in before if it.kind == "O"), None)
        if parent is None:
            return
        for m in self._member_list(view, items, Item("O", end, end, parent.m)):
            self.add(m.entity, parent.entity, view, m.m)

    def _relative(self, view: View, items: list[Item], k: int) -> None:
        end = phrase_at(view, "affiliation_relative", k)
        if end is None:
            return
        after = [it for it in items if it.a > end]
        if not after or after[0].kind != "O":
            return
        member = after[0]
        rest = " ".join(t.key for t in view.toks[member.b + 1: member.b + 6])
        if not any(w in rest for w in ("affiliat", "afiliasi", "anggota", "member")):
            return
        parents = [it for it in items if it.kind == "O" and it.b < k and it.entity != member.entity]
        if not parents:
            return
        # the bodies listed right before the cue
        chosen = [parents[-1]]
        for o in reversed(parents[:-1]):
            g = self.gap(view, o.b, chosen[0].a)
            if all(t.key in self.lx.words("list_connectors") or t.key == "the" or t.text == "," for t in g) and len(g) <= 3:
                chosen.insert(0, o)
            else:
                break
        for p in chosen:
            self.add(member.entity, p.entity, view, member.m)


class _None:
    attrs: dict = {}


_NONE = _None()


def _words(name: str):
    from unionkg.ingest.lexicon import Words
    from unionkg.ingest.sentences import tokenize

    return Words(tokenize(name))


def find_affiliations(ctx: DocContext) -> None:
    """Pipeline component: AFFILIATED_WITH relations (see the module docstring)."""
    aff = _Aff(ctx)
    by_sent: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        if m.type in ("Title", "Organization", "Person") and (m.entity or m.type == "Title"):
            by_sent.setdefault(m.sentence, []).append(m)
    prev_orgs: list[Item] = []
    for view in sentence_views(ctx):
        items = [it for it in sentence_items(ctx, view, by_sent) if it.kind != "O" or it.entity]
        aff.read(view, items, prev_orgs)
        orgs = [it for it in items if it.kind == "O"]
        if orgs:
            prev_orgs = orgs
    # units of a government body or an IGO are government or IGO units
    for r in list(ctx.relations.values()):
        if r.type != "AFFILIATED_WITH" or r.source not in aff.units:
            continue
        child, parent = ctx.entities.get(r.source), ctx.entities.get(r.target)
        if child is None or parent is None:
            continue
        pk = parent.attrs.get("kind")
        if pk in ("government", "igo") and child.attrs.get("kind") in (None, "other"):
            child.attrs["kind"] = pk
        if child.attrs.get("country") is None and parent.attrs.get("country"):
            child.attrs["country"] = parent.attrs["country"]
