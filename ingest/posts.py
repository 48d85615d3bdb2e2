"""Posts: HOLDS_POSITION person → organisation, with role, title as printed, start/end.

Within a sentence the recognised titles, organisations and persons form a
sequence; a post is read from the usual orders:

- "Title Org Person" / "Title of Org Person" ("Wakil Presiden KSPSI Idris Palar"),
  one title shared by a list of names ("Wakil Presiden KSPSI R. Abdulah, Ahmad
  Supriadi, Idris Palar");
- "Org Title Person" ("NTUC Deputy Secretary-General Ms Jasmine Koh Li Ying");
- "Person, Title Org" and "Person sebagai/as/yang juga menjabat sebagai Title Org"
  ("Đỗ Minh Quân, Phó Chủ tịch Tổng Liên đoàn", "Dedi, yang juga menjabat sebagai
  Wakil Presiden KSPI"), and lists before one title ("Andreas Manurung dan Lukman
  Hakim sebagai Wakil Ketua Umum");
- "Title Person of Org" ("Labour Attaché Mr Jose Mari Lacson of the ... Office");
- two titles joined by "kiêm"/"merangkap": the first belongs to the body the
  second one's unit is part of ("Phó Chủ tịch kiêm Trưởng Ban Quan hệ quốc tế LFTU");
- "Person dari/from Org" with no title: a member ("Kim Rattana dari Departemen Pendidikan CLC");
- "who also chairs the Org": the role the verb names;
- "X menggantikan/succeeds Y": Y held X's first post before (former).

A title with no organisation beside it takes, in order: the person's same role
already read elsewhere in the text, the nearest organisation before it in the
sentence, and — in a list of elected officers ("memilih … sebagai …",
"Also elected were …") — the organisation the text is about (the most
mentioned). Former posts ("mantan", "former", "nguyên", "bekas", a
predecessor) keep ``attrs["former"] = True`` and get ``end`` = the document
date as an upper bound (``attrs["end_bound"] = "on_or_before"``) when no end is
printed. Acting posts keep the marker in ``title`` and ``attrs["acting"]``.
Terms ("periode 2026–2031", "penggal 2025-2028", "nhiệm kỳ 2025-2030") give
``start``/``end`` years. A post someone will take later ("akan menjabat",
"incoming") is not recorded.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field

from unionkg.graph.ids import entity_id, relation_id
from unionkg.ingest.lexicon import ffold as fold
from unionkg.graph.model import Entity, Relation
from unionkg.ingest.context import DocContext, Mention
from unionkg.ingest.lexicon import cue_words, lexicon, longest, _cue_data
from unionkg.ingest.spans import View, cue_starts, ends_before, phrase_at, possessive_pronoun_before, sentence_views, tok_range

__all__ = ["find_positions", "Item", "sentence_items"]

_POSSESSIVE = {"'s", "’s", "'", "’"}
# the year range every printed term ends with (a fast pre-check for the term pattern)
_YEAR_RANGE = re.compile(r"\d{4}\s*(?:[-–—/]|s/d|sampai|to|until|đến)\s*\d{4}", re.IGNORECASE)


@dataclass
class Item:
    kind: str  # "T" title, "O" organisation, "P" person
    a: int
    b: int
    m: Mention

    @property
    def entity(self) -> str | None:
        return self.m.entity


def sentence_items(ctx: DocContext, view: View, by_sent: dict[int, list[Mention]]) -> list[Item]:
    """Titles, organisations and persons of a sentence in text order (token ranges
    include parentheses after names and honorifics before them)."""
    items: list[Item] = []
    for m in by_sent.get(view.index, []):
        a, b = tok_range(view, m)
        if m.type == "Organization":
            e = view.tok_at(max(m.start, m.attrs.get("extent", m.end) - 1))
            b = e if e is not None else b
            items.append(Item("O", a, b, m))
        elif m.type == "Person" and m.entity:
            hs = view.tok_at(m.attrs.get("extent_start", m.start))
            items.append(Item("P", hs if hs is not None else a, b, m))
        elif m.type == "Title" and not m.attrs.get("embedded"):
            items.append(Item("T", a, b, m))
    orgs = [it for it in items if it.kind == "O"]
    # a title inside an organisation's name is part of the name
    items = [it for it in items if not (it.kind == "T" and any(o.a < it.a and it.b <= o.b or o.a <= it.a and it.b < o.b and o.a != it.a
                                                                   for o in orgs if not (o.a > it.a)))]
    # "Menteri Ketenagakerjaan (Menaker)": a title abbreviated in parentheses is the same title
    toks = view.toks
    items = [it for it in items if not (it.kind == "T" and it.a >= 2 and toks[it.a - 1].text == "("
                                        and it.b + 1 < len(toks) and toks[it.b + 1].text == ")"
                                        and view.claimed.get(it.a - 2) == "Title")]
    items.sort(key=lambda it: (it.a, {"T": 0, "O": 1, "P": 2}[it.kind]))
    return items


class _Reader:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.lx = lexicon()
        self.views = sentence_views(ctx)
        self.posts: list[Relation] = []
        self.first_post: dict[str, Relation] = {}
        self.pending: list[tuple] = []
        self.secondary: set[str] = set()
        self.successions: list[tuple] = []
        self.prev_subject: dict[int, str] = {}  # sentence -> the first body of the sentence before it  # posts read from "who is also ...": not a person's main post
        self.term_re, self.link_words = _term_re_and_links()
        self.doc_date = ctx.published.isoformat() if ctx.published else (ctx.document.published or None)
        self.units = ctx.__dict__.get("_units", set())
        self.role_heads = _role_heads()
        self.dominant = self._dominant()

    def _dominant(self) -> str | None:
        c = Counter(m.entity for m in self.ctx.mentions
                    if m.type == "Organization" and m.entity and m.entity not in self.units)
        if not c:
            return None
        top = max(c.values())
        for m in self.ctx.mentions:  # the first of the most mentioned
            if m.type == "Organization" and c.get(m.entity) == top:
                return m.entity
        return None

    # -------------------------------------------------------------- helpers
    def gap(self, view: View, x: Item | int, y: Item | int) -> list:
        a = x.b if isinstance(x, Item) else x
        b = y.a if isinstance(y, Item) else y
        return [t for t in view.toks[a + 1: b] if t.text != "."]

    def gap_ok(self, toks, allowed: set[str]) -> bool:
        return all((t.key in allowed) or (t.text in allowed) for t in toks)

    def org_chain_after(self, view: View, items: list[Item], i: int) -> tuple[list[Item], int]:
        """Organisations right after item i ("Title Org", "Title of the Org", "Director of NTUC's Dept")."""
        chain: list[Item] = []
        j = i + 1
        last = items[i]
        while j < len(items) and items[j].kind == "O":
            g = self.gap(view, last, items[j])
            if items[j].a <= last.b or self.gap_ok(g, {"of", "the", "cua", "pada", "di", "untuk", "dari", "ng"} | _POSSESSIVE) \
                    and len(g) <= 2 or not g:
                chain.append(items[j])
                last = items[j]
                j += 1
                continue
            break
        return chain, j

    def post_org(self, chain: list[Item]) -> Item | None:
        for o in chain:
            if not o.m.attrs.get("possessive"):
                return o
        return chain[-1] if chain else None

    def persons_after(self, view: View, items: list[Item], j: int, after: Item, chained: bool) -> list[Item]:
        out: list[Item] = []
        if j < len(items) and items[j].kind == "P":
            g = self.gap(view, after, items[j])
            # "Ketua Departemen ... KSPI, Dr. Nurhayati Lubis": a comma only after an organisation,
            # and not when the name has a title of its own after it ("..., Yusuf Effendi sebagai ...")
            paren = len(g) >= 3 and g[0].text == "(" and g[-1].text == ")" and len(g) <= 6 and not chained
            chained = chained or self.possessive_before(view, after)
            marker = g and len(g) <= 3 and phrase_at(view, "person_markers", g[0].index) is not None \
                and all(t.key in ("na", "si", "ni", "kay", ",") or t.text == "," for t in g)
            if not g or paren or marker or chained and self.gap_ok(g, {",", ":"}) and len(g) <= 1 and not self.own_title_after(view, items, j):
                out.append(items[j])
                k = j + 1
                while k < len(items) and items[k].kind == "P":
                    g = self.gap(view, items[k - 1], items[k])
                    if g and self.gap_ok(g, {","} | self.lx.words("list_connectors")) and len(g) <= 2 \
                            and not self.own_org_after(view, items, k):
                        out.append(items[k])
                        k += 1
                    else:
                        break
        return out

    def linked(self, view: View, g: list) -> bool:
        """Does the gap between a name and a title link them? ", ", "sebagai", ", yang juga
        menjabat sebagai", "who was elected", "as the labor center's new"."""
        toks = [t for t in g if t.text != "."]
        if toks and toks[0].text == ",":
            toks = toks[1:]
        if not toks:
            return True
        idx = {t.index for t in toks}
        p = 0
        phrases = 0
        loose = 0
        while p < len(toks):
            t = toks[p]
            hit = None
            for group in ("title_links", "election_verbs"):
                h = longest(self.lx.cue(group), view.ws, t.index)
                if h and h[0] in idx and (hit is None or h[0] > hit):
                    hit = h[0]
            if hit is not None:
                phrases += 1
                while p < len(toks) and toks[p].index <= hit:
                    p += 1
                continue
            if phrases and not t.cap and (not t.punct or t.text in ("'s", "’s")) and loose < 4:
                loose += 1
                p += 1
                continue
            return False
        return phrases > 0

    def kind_of(self, eid: str | None) -> str | None:
        e = self.ctx.entities.get(eid or "")
        return e.attrs.get("kind") if e is not None else None

    def possessive_before(self, view: View, t: Item) -> bool:
        """"its general secretary", "Presidennya": a title after a possessive pronoun."""
        return t.kind == "T" and bool(t.m.attrs.get("possessive") or possessive_pronoun_before(view, t.a) is not None)

    def own_title_after(self, view: View, items: list[Item], k: int) -> bool:
        if k + 1 < len(items) and items[k + 1].kind == "T":
            g = self.gap(view, items[k], items[k + 1])
            return bool(g) and self.linked(view, g) and not all(t.text == "," for t in g)
        return False

    def own_org_after(self, view: View, items: list[Item], k: int) -> bool:
        """Is person k followed by "dari/from <org>" (a statement of its own)?"""
        if k + 1 < len(items) and items[k + 1].kind == "O":
            g = self.gap(view, items[k], items[k + 1])
            return bool(g) and longest(self.lx.cue("member_of"), view.ws, g[0].index) is not None
        return False

    def persons_before(self, view: View, items: list[Item], i: int) -> list[Item]:
        """Persons before item i linked by ", " or a title link ("sebagai", "who is also"),
        also across other posts of the same person listed before it ("ông X - Ủy viên
        Trung ương Đảng, Chủ tịch Tổng LĐLĐ Việt Nam")."""
        def joins(x: Item, y: Item) -> bool:
            gg = self.gap(view, x, y) if x.b < y.a else []
            return len(gg) <= 2 and all(t.text in (",", "-", "–", ";") or t.key in ("of", "the", "cua")
                                        or t.key in self.lx.words("title_joiners") for t in gg)

        j = i - 1
        if j >= 0 and items[j].kind in ("T", "O") and joins(items[j], items[i]):
            while j > 0 and items[j].kind in ("T", "O") and joins(items[j - 1], items[j]):
                j -= 1
        else:
            j = i - 1
        if j != i - 1 and items[j].kind == "P" and any(items[q].kind == "T" for q in range(j + 1, i)):
            return self.persons_before(view, items, j + 1) if items[j + 1].kind == "T" else []
        if i <= 0 or items[i - 1].kind != "P":
            return []
        p = items[i - 1]
        g = self.gap(view, p, items[i])
        if not g:
            return []
        if len(g) == 1 and g[0].text in ("-", "–", ":"):
            return [p]  # "ông Nguyễn Đình Khang - Chủ tịch ..."
        if any(t.punct and t.text != "," for t in g) or len(g) > 8:
            return []
        if any(not t.punct and t.cap for t in g):
            return []
        if not self.linked(view, g):
            return []
        out = [p]
        k = i - 2
        while k >= 0 and items[k].kind == "P":
            gg = self.gap(view, items[k], items[k + 1])
            if gg and self.gap_ok(gg, {","} | self.lx.words("list_connectors") | {"cac"}) and len(gg) <= 3:
                out.insert(0, items[k])
                k -= 1
            else:
                break
        return out

    # -------------------------------------------------------------- posts
    def add_post(self, view: View, person: Item, org_id: str, title: Item | None, role: str,
                 former: bool = False, acting: str | None = None, term: tuple[str, str] | None = None,
                 title_text: str | None = None) -> Relation | None:
        pid = person.m.entity
        if not pid or not org_id:
            return None
        org = self.ctx.entities.get(org_id)
        if org is None:
            return None
        # "DOLE Secretary X": a plain "Secretary" heading a government department is its minister
        if role == "secretary_general" and org.attrs.get("kind") == "government" and title_text \
                and len(fold(title_text).split()) == 1 and fold(title_text) in self.lx.words("department_secretaries"):
            role = "minister"
        ev = self.ctx.evidence_for(person.m.start, person.m.end)
        attrs = {}
        end = None
        start = None
        if term:
            start, end = term
        if former:
            attrs["former"] = True
            if end is None and self.doc_date:
                end = self.doc_date
                attrs["end_bound"] = "on_or_before"
        if acting:
            attrs["acting"] = True
        rid = relation_id("HOLDS_POSITION", pid, org_id, role)
        rel = Relation(rid, "HOLDS_POSITION", pid, org_id, role=role, title=title_text, start=start, end=end,
                       attrs=attrs, evidence=[ev])
        rel = self.ctx.add_relation(rel)
        if rel not in self.posts:
            self.posts.append(rel)
        return rel

    def markers(self, view: View, t: Item, org_before: Item | None) -> tuple[bool, str | None, bool, int]:
        """former?, acting marker text, future?, first token of the printed title."""
        start = t.a
        for anchor in [t.a] + ([org_before.a] if org_before else []):
            s = ends_before(view, "former_markers", anchor, 3)
            if s is not None:
                return True, None, False, start
        acting = None
        s = ends_before(view, "acting_markers", t.a, 3)
        if s is not None:
            acting = self.ctx.text[view.toks[s].start: view.toks[t.a - 1].end]
            start = s
        future = False
        for k in range(max(0, t.a - 4), t.a):
            hit = phrase_at(view, "future_markers", k)
            if hit is not None and hit < t.a:
                future = True
        return False, acting, future, start

    def term_after(self, view: View, t: Item, items: list[Item], i: int) -> tuple[str, str] | None:
        # the printed text after the title up to the next title
        nxt = next((it for it in items[i + 1:] if it.kind == "T"), None)
        s = view.toks[t.b].end
        e = view.toks[nxt.a].start if nxt else view.toks[-1].end
        if not _YEAR_RANGE.search(self.ctx.text, s, e):
            return None  # no "2026-2031" at all: the term pattern (slow to scan) cannot match
        m = self.term_re.search(self.ctx.text, s, e)
        if m and int(m.group(1)) <= int(m.group(2)) <= int(m.group(1)) + 10:
            return m.group(1), m.group(2)
        return None

    def read_sentence(self, view: View, items: list[Item]) -> None:
        ctx, lx = self.ctx, self.lx
        has_title: set[int] = set()
        title_persons: dict[int, list[Item]] = {}
        orphans: list[tuple] = []
        for i, t in enumerate(items):
            if t.kind != "T":
                continue
            chain, j = self.org_chain_after(view, items, i)
            org = self.post_org(chain)
            persons = self.persons_after(view, items, j, chain[-1] if chain else t, bool(chain))
            org_before = None
            if i > 0 and items[i - 1].kind == "O":
                g = self.gap(view, items[i - 1], t)
                if not g or self.gap_ok(g, _POSSESSIVE) or items[i - 1].m.attrs.get("possessive"):
                    org_before = items[i - 1]
            secondary = False
            if not persons:
                persons = self.persons_before(view, items, i if org_before is None else i - 1)
                if persons:
                    p_end = persons[-1].b
                    secondary = any(p_end < k < t.a for k in cue_starts(view, "also_markers"))
            if not persons and i > 0 and items[i - 1].kind == "T" and (i - 1) in title_persons:
                g = self.gap(view, items[i - 1], t)
                if g and longest(lx.cue("title_joiners"), view.ws, g[0].index):
                    persons = title_persons[i - 1]  # "Phó Chủ tịch kiêm Trưởng Ban ..."
            if not persons:
                orphans.append((i, t, chain, org_before))
                continue
            title_persons[i] = persons
            if org is None and org_before is not None:
                org = org_before
            # "Title Person of the Org"
            if org is None:
                last = persons[-1]
                k = items.index(last) + 1
                if k < len(items) and items[k].kind == "O":
                    g = self.gap(view, last, items[k])
                    if g and self.gap_ok(g, {"of", "the", "dari", "from", "cua", "at"}) and len(g) <= 2:
                        org = items[k]
            # "Phó Chủ tịch kiêm Trưởng Ban ... LFTU": the top body of the next title's chain
            joined = None
            if org is None and i + 1 < len(items) and items[i + 1].kind == "T":
                g = self.gap(view, t, items[i + 1])
                # "ông X, Ủy viên Ban Chấp hành, Trưởng Ban Tổ chức LFTU": titles in a row after the name
                listed = [x.text for x in g] == [","] and all(p.b < t.a for p in persons) \
                    and fold(t.m.attrs.get("board") or "") not in _outside_boards()
                if g and (listed or longest(lx.cue("title_joiners"), view.ws, g[0].index)):
                    chain2, _ = self.org_chain_after(view, items, i + 1)
                    if chain2:
                        top = chain2[-1]
                        joined = top
                        # a unit's body: its parent printed in the name
                        org = top
            former, acting, future, tstart = self.markers(view, t, org_before)
            if future:
                continue
            role = t.m.attrs["role"]
            pron = possessive_pronoun_before(view, tstart) if tstart == t.a else None
            if pron is not None and pron + 1 < tstart:
                # "its regional secretary": the words between are part of the title ("its new president": not)
                q = tstart - 1
                while q > pron and phrase_at(view, "holder_adjectives", q) is None:
                    q -= 1
                tstart = q + 1
            title_text = ctx.text[view.toks[tstart].start: view.toks[t.b].end]
            term = self.term_after(view, t, items, i)
            for p in persons:
                has_title.add(id(p))
                if org is not None:
                    target = org.entity
                    if joined is not None and org.m.attrs.get("parents"):
                        target = self._parent_entity(org) or target
                    rel = self.add_post(view, p, target, t, role, former, acting, term, title_text)
                    if rel is not None and secondary:
                        self.secondary.add(rel.id)
                else:
                    self.pending.append((view, p, t, role, former, acting, term, title_text, items))
        # a title joined to the next one ("Presiden Partai Buruh sekaligus Presiden KSPI Said Iqbal")
        for i, t, chain, org_before in orphans:
            last = chain[-1] if chain else t
            k = items.index(last) + 1
            if k < len(items) and items[k].kind == "T" and k in title_persons:
                g = self.gap(view, last, items[k])
                also = len(g) <= 4 and all(not x.cap for x in g) and any(
                    g[0].index <= q <= g[-1].index for q in cue_starts(view, "also_markers"))
                if g and all(not x.punct for x in g) and (also or
                        longest(lx.cue("title_joiners"), view.ws, g[0].index) or all(x.key in lx.words("list_connectors") for x in g)):
                    org = self.post_org(chain) or org_before
                    if org is not None:
                        former, acting, future, tstart = self.markers(view, t, org_before)
                        if not future:
                            title_text = ctx.text[view.toks[tstart].start: view.toks[t.b].end]
                            for p in title_persons[k]:
                                self.add_post(view, p, org.entity, t, t.m.attrs["role"], former, acting, None, title_text)
        # "Person dari Org" with no title: a member
        for i, p in enumerate(items):
            if p.kind != "P" or id(p) in has_title:
                continue
            if i + 1 < len(items) and items[i + 1].kind == "O":
                g = self.gap(view, p, items[i + 1])
                if g and longest(lx.cue("member_of"), view.ws, g[0].index) and len(g) <= 2 \
                        and not (i > 0 and items[i - 1].kind == "T" and not self.gap(view, items[i - 1], p)):
                    chain, _ = self.org_chain_after(view, items, i)
                    org = self.post_org(chain) or items[i + 1]
                    self.add_post(view, p, org.entity, None, "member")
        # "who also chairs the MTUC Women's Committee"
        for k, end in sorted(cue_starts(view, "role_verbs").items()):
            role = longest(lx.role_verbs, view.ws, k)[1]
            org = next((it for it in items if it.kind == "O" and it.a > end and len(self.gap(view, end, it)) <= 1), None)
            per = None
            for it in items:
                if it.kind == "P" and it.b < k and len(self.gap(view, it, k)) <= 4:
                    per = it
            if org and per:
                self.add_post(view, per, org.entity, None, role)

    def _parent_entity(self, org: Item) -> str | None:
        # resolved later by affiliations; here: the body printed inside the unit's name
        from unionkg.graph.ids import fold as _f

        for pname in org.m.attrs.get("parents", []):
            for m in self.ctx.mentions:
                if m.type == "Organization" and m.entity and (_f(m.attrs.get("name", "")) == _f(pname)
                                                              or _f(pname) in [_f(a) for a in m.attrs.get("aliases", [])]):
                    return m.entity
        return None

    def main_post(self, pid: str) -> Relation | None:
        """A person's first post read so far that is neither former nor a second post."""
        for r in self.posts:
            if r.source == pid and not r.attrs.get("former") and r.id not in self.secondary:
                return r
        return None

    def succession(self, view: View, items: list[Item], prev_person: Item | None) -> None:
        lx = self.lx
        for k, end in sorted(cue_starts(view, "succession").items()):
            pred = next((it for it in items if it.kind == "P" and it.a > end and len(self.gap(view, end, it)) <= 1), None)
            if pred is None:
                continue
            subj = None
            for it in items:
                if it.kind == "P" and it.b < k:
                    subj = it
            sid = subj.m.entity if subj else (prev_person.m.entity if prev_person else None)
            if not sid or sid == pred.m.entity:
                continue
            self.successions.append((view, pred, sid))

    def resolve_successions(self) -> None:
        for view, pred, sid in self.successions:
            post = self.main_post(sid)
            if post is not None:
                self.add_post(view, pred, post.target, None, post.role, former=True)

    def resolve_pending(self) -> None:
        held: dict[tuple[str, str], str] = {}
        for r in self.posts:
            if not r.attrs.get("former") and r.id not in self.secondary:
                held.setdefault((r.source, r.role or ""), r.target)
        for view, p, t, role, former, acting, term, title_text, items in self.pending:
            target = held.get((p.m.entity, role)) or self.portfolio(title_text, t)
            if target is None:
                # the body of the previous post in the same list ("Presiden KSBSI X bersama Sekretaris Jenderal Y")
                persons_here = {it.m.entity for it in items if it.kind == "P" and it.b < t.a}
                prev = [r for r in self.posts if r.source in persons_here and r.source != p.m.entity and r.evidence
                        and r.evidence[0].start == view_start(self.ctx, view)
                        and (role != "minister" or self.kind_of(r.target) == "government")]
                if prev:
                    target = prev[-1].target
            if target is None and self.possessive_before(view, t):
                before = [it for it in items if it.kind == "O" and it.b < t.a]
                if before:
                    target = before[0].entity  # the clause's subject: "SIEU said its general secretary"
                else:
                    target = self.prev_subject.get(view.index)  # "CUEPACS welcomed ... Its president, X"
            if target is None:
                before = [it for it in items if it.kind == "O" and it.b < t.a and t.a - it.b <= 6
                          and (role != "minister" or self.kind_of(it.entity) == "government")]
                if before:
                    target = before[-1].entity
            if target is None and self._election(view, t):
                target = self.dominant
            if target:
                self.add_post(view, p, target, t, role, former, acting, term, title_text)

    def portfolio(self, title_text: str, t: Item) -> str | None:
        """A title naming a body's field ("Human Resources Minister", "Timbalan Menteri Sumber
        Manusia", "Labor and Employment Secretary") belongs to the body whose name has those words."""
        conn = self.lx.words("name_connectors")
        words = {w for w in fold(title_text).split() if w not in conn and w not in self.role_heads}
        label = set(fold(t.m.attrs.get("label") or "").split())
        if words - label and len(fold(title_text).split()) > len(label):
            words -= label  # "Minister of State for Manpower": the portfolio is what the label leaves
        if not words:
            # "Labor Secretary": a label whose first word is the portfolio itself
            words = {w for w in fold(title_text).split() if w not in conn and w not in _role_words()}
        if not words:
            return None
        best = None
        for e in self.ctx.entities.values():
            if e.type != "Organization":
                continue
            for n in [e.name, *e.aliases]:
                nw = set(fold(n).split()) - conn
                if words <= nw and len(nw - words) <= 2:
                    if best is None or len(n) < len(best[1]):
                        best = (e.id, n)
        if best:
            return best[0]
        # a ministry of the reference data the portfolio names, when exactly one fits
        fits = _government_fits(frozenset(words), conn)
        if len(fits) > 1:  # "Manpower": Singapore's ministry or Indonesia's — a place in the
            # sentence decides ("told reporters in Singapore"), else the article's country
            from unionkg.ingest.orgs import document_country
            from unionkg.ingest.places import find_place_names

            s = self.ctx.sentence_at(t.m.start)
            here = {p.country for p in find_place_names(s.text)} if s is not None else set()
            near = [f for f in fits if f.country in here]
            fits = near if len(near) == 1 else [f for f in fits if f.country and f.country == document_country(self.ctx)]
        if len(fits) != 1:
            return None
        ref = fits[0]
        ent = Entity(entity_id("Organization", ref.name), "Organization", ref.name, [],
                     {"kind": ref.kind, "country": ref.country, "reference": ref.entity_id},
                     [self.ctx.evidence_for(t.m.start, t.m.end)])
        return self.ctx.add_entity(ent).id

    def _election(self, view: View, t: Item) -> bool:
        return any(k < t.a for k in cue_starts(view, "election_verbs"))


@lru_cache(maxsize=1)
def _outside_boards() -> frozenset[str]:
    """Folded names of boards of another body (cue data ``outside_boards``)."""
    return frozenset(fold(w) for w in cue_words(_cue_data(), "outside_boards"))


@lru_cache(maxsize=1)
def _term_re_and_links() -> tuple[re.Pattern[str], frozenset[str]]:
    """The pattern of a printed term ("periode 2026–2031") and the words of title links,
    built once per process."""
    data = _cue_data()
    terms = sorted({fold(w) for w in cue_words(data, "term_markers")}, key=len, reverse=True)
    term_re = re.compile(r"(?:%s)\s*:?\s*(\d{4})\s*(?:[-–—/]|s/d|sampai|to|until|đến)\s*(\d{4})" % "|".join(
        re.escape(t).replace(r"\ ", r"\s+") for t in terms), re.IGNORECASE)
    links = frozenset(w for p in cue_words(data, "title_links") for w in fold(p).split())
    return term_re, links


@lru_cache(maxsize=4096)
def _government_fits(words: frozenset[str], conn: frozenset[str]) -> list:
    """Government bodies of the reference data whose name has the portfolio ``words``
    (a pure function of the words: remembered)."""
    return [ref for ref, name_sets in _government_refs(conn)
            if any(words <= nw and len(nw - words) <= 2 for nw in name_sets)]


@lru_cache(maxsize=4)
def _government_refs(conn: frozenset[str]) -> tuple:
    """Government bodies of the reference data with the word sets of their names."""
    from unionkg.ingest.lexicon import _reference

    return tuple((ref, [set(fold(n).split()) - conn for n in ref.names()])
                 for ref in _reference() if ref.kind == "government")


_ROLE_HEADS: frozenset[str] | None = None


def _role_heads() -> frozenset[str]:
    """Words that are a role label on their own ("secretary", "minister", "menteri", "timbalan"...)."""
    global _ROLE_HEADS
    if _ROLE_HEADS is None:
        from unionkg.ontology import vocab

        heads = set()
        for label, _cid, _lang in vocab.lexicon("role"):
            words = fold(label).split()
            if len(words) == 1:
                heads.update(words)
            else:
                heads.add(words[0])  # "Timbalan Menteri", "Deputy Minister": the modifier
        _ROLE_HEADS = frozenset(heads)
    return _ROLE_HEADS


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """Role labels of one word ("secretary", "minister", "kalihim")."""
    from unionkg.ontology import vocab

    return frozenset(fold(label) for label, _cid, _lang in vocab.lexicon("role") if len(fold(label).split()) == 1)


def view_start(ctx: DocContext, view: View) -> int:
    return ctx.sentences[view.index].start


def find_positions(ctx: DocContext) -> None:
    """Pipeline component: HOLDS_POSITION relations (see the module docstring)."""
    reader = _Reader(ctx)
    by_sent: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        if m.type in ("Title", "Organization", "Person"):
            by_sent.setdefault(m.sentence, []).append(m)
    prev_person: Item | None = None
    prev_org: str | None = None
    for view in reader.views:
        items = sentence_items(ctx, view, by_sent)
        if prev_org:
            reader.prev_subject[view.index] = prev_org
        orgs_here = [it for it in items if it.kind == "O" and it.entity]
        if orgs_here and not view.headline:
            prev_org = orgs_here[0].entity
        reader.read_sentence(view, items)
        reader.succession(view, items, prev_person)
        persons = [it for it in items if it.kind == "P"]
        if persons:
            prev_person = persons[0]
    reader.resolve_pending()
    reader.resolve_successions()
