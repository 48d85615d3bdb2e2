"""Persons: capitalised names in a person's place, without honorifics and degrees.

No list of names is used. A run of capitalised words (with name particles such
as "bin", "a/l", "dela" and initials such as "S.") outside titles and
organisation names is a person's name when something says so:

- an honorific before it ("Dr.", "Dato' Sri", "bà", "Mr") — kept as ``honorific``;
- a title before it, possibly with its organisation ("Wakil Presiden KSPSI Idris Palar",
  "NTUC Deputy Secretary-General Ms Jasmine Koh Li Ying");
- a title after it ("Rina Marlina sebagai Sekretaris Umum", "Đỗ Minh Quân, Phó Chủ tịch");
- a relative pronoun, a speech verb, "succeeds", "elected" or "dari <organisation>" beside it;
- the name's own shape (an initial, a particle, a nickname in quotes);
- a place in a list with another person's name.

Single words are names only after an honorific or a title ("Presiden Jokowi");
other short forms are resolved by :mod:`unionkg.ingest.coref`.
"""

from __future__ import annotations

import re

from unionkg.ingest.lexicon import ffold as fold
from unionkg.ingest.context import DocContext, Mention
from unionkg.ingest.lexicon import lexicon, longest
from unionkg.ingest.spans import View, cue_starts, mentions_by_sentence, phrase_at, possessive_pronoun_before, sentence_views, tok_range

__all__ = ["find_persons", "name_runs"]

_INITIAL = re.compile(r"^[A-Z]$")
_MAX_TOKENS = 6


def _lowercase_words(ctx: DocContext) -> set[str]:
    cached = ctx.__dict__.get("_lower_words")
    if cached is None:
        cached = {w for w in re.findall(r"\b[^\W\d_A-Z][\w'-]*", ctx.text) if w[:1].islower()}
        cached = {fold(w) for w in cached}
        ctx.__dict__["_lower_words"] = cached
    return cached


def name_runs(view: View, occupied: set[int], lx) -> list[tuple[int, int, list[int], str | None]]:
    """Runs of name tokens: (first token, last token, token indices of the name, nickname)."""
    toks = view.toks
    n = len(toks)
    particles = lx.words("name_particles")
    runs = []
    i = 0
    while i < n:
        t = toks[i]
        if i in occupied or t.punct or not t.cap or (t.upper and len(t.text) > 1 and not _INITIAL.match(t.text)):
            i += 1
            continue
        a = i
        names = [i]
        nick = None
        j = i + 1
        while j < n:
            u = toks[j]
            if j in occupied:
                break
            if u.text == "." and _INITIAL.match(toks[j - 1].text):
                j += 1
                continue
            if u.text in ('"', "“", "”", "'") and j + 2 < n and toks[j + 2].text in ('"', "“", "”", "'") and toks[j + 1].cap:
                nick = toks[j + 1].text
                j += 3
                continue
            if lx.is_particle(u.text) and not u.cap:
                # one or two particles then a capitalised word ("da Costa", "de la Cruz")
                q = j + 1 if not (j + 1 < n and lx.is_particle(toks[j + 1].text) and not toks[j + 1].cap) else j + 2
                if q < n and toks[q].cap and not toks[q].punct and q not in occupied and (q - 1) not in occupied:
                    names.extend(range(j, q))
                    j = q
                    continue
            if not u.punct and u.cap and not (u.upper and len(u.text) > 1):
                names.append(j)
                j += 1
                continue
            break
        b = names[-1]
        runs.append((a, b, names, nick))
        i = j if j > i else i + 1
    return runs


def find_persons(ctx: DocContext) -> None:
    """Pipeline component: add ``Person`` mentions (attrs name, honorific, nickname, signal)."""
    lx = lexicon()
    views = sentence_views(ctx)
    orgs = mentions_by_sentence(ctx, ("Organization",))
    lower = _lowercase_words(ctx)
    func = lx.words("function_words")
    out: list[Mention] = []
    extra_orgs: list[Mention] = []
    for view in views:
        if view.headline:
            continue  # headlines capitalise every word: their names are found by resolution
        toks = view.toks
        n = len(toks)
        occupied: set[int] = {i for i, k in view.claimed.items() if k in ("Title", "Board", "Honorific")}
        org_end: dict[int, int] = {}  # last token of an org extent -> its first token
        org_tok: set[int] = set()
        for m in orgs.get(view.index, []):
            a, _b = tok_range(view, m)
            ext_b = view.tok_at(max(m.start, m.attrs.get("extent", m.end) - 1))
            b = ext_b if ext_b is not None else _b
            org_tok.update(range(a, b + 1))
            org_end[b] = a
            # "Women's" is part of a name; "NTUC's" makes NTUC a possessor
        occupied |= org_tok
        accepted: list[tuple[int, int, list[int], str | None, str | None, str]] = []
        pending = []
        for a, b, names, nick in name_runs(view, occupied, lx):
            # drop a sentence-initial function word ("Menurut Martha", "Usai ...")
            while names and (names[0] == 0 or toks[names[0] - 1].text in ('"', "“", "-", "–", "—", ":", "(")) \
                    and (lx.is_function_word(toks[names[0]].text) or toks[names[0]].key in lower) and names[0] not in _honorific_before(view, names[0]):
                names = names[1:]
            while names and lx.is_function_word(toks[names[0]].text) and not _has_hon(view, names[0]):
                names = names[1:]
            # "Setiausaha Agungnya, Kamarul ...": a title word with the enclitic -nya is not a name
            while names and toks[names[0]].text.endswith("nya") and names[0] > 0 and view.claimed.get(names[0] - 1) == "Title":
                names = names[1:]
            if not names:
                continue
            # "Ketua Apindo Jawa Tengah Hartono Wijaya": a place inside the run closes the name of the
            # body before it (its region); the person's name starts after the place
            cut = _place_end(ctx.text, view, names, lx)
            if cut is not None:
                body, names = names[:cut + 1], names[cut + 1:]
                if names and _title_just_before(view, body[0]):
                    extra_orgs.append(_region_org(ctx, view, body))
                    occupied.update(body)
                    org_end[body[-1]] = body[0]  # the title reaches the person through it
                if not names:
                    continue
            a, b = names[0], names[-1]
            if fold(ctx.text[toks[a].start: toks[b].end]) in lx.places or any(toks[k].key in lx.places for k in names):
                continue
            if toks[names[-1]].key in lx.words("direction_words"):
                continue  # "Sumatera Utara", "Jawa Barat": a region
            if not _has_hon(view, names[0]) and (toks[names[0]].key in lx.words("non_person_words")
                                                 or toks[names[-1]].key in lx.words("non_person_words")):
                continue  # "Jalan Sudirman", "Bank Negara", "Gig Workers Act"
            hon = _honorific_text(ctx, view, a)
            signal = _signal(ctx, view, a, b, names, nick, hon, org_end, lx)
            if len(names) > _MAX_TOKENS:
                continue
            if signal in ("relative", "speech", "member") and any(toks[k].key in lx.name_words for k in names):
                signal = None  # "Konferensi Perburuhan Internasional yang ...", "anggota Dewan Pengupahan Nasional"
            if signal == "title_before" and len(names) == 1 and b + 1 < n and (
                    (b + 1) in org_tok or ctx.language == "vi" and toks[b + 1].text[:1].islower()):
                signal = None  # "Ketua Pemuda MTUC Hafiz Rahman", "Ủy viên Trung ương": words of a longer name
            if signal and (len(names) >= 2 or signal in ("honorific", "title_before")):
                accepted.append((a, b, names, nick, hon, signal))
            elif len(names) >= 2:
                pending.append((a, b, names, nick, hon, None))
        # names listed beside an accepted name ("Hoàng Văn Long, Phan Đức Thịnh và bà ...")
        changed = True
        while changed and pending:
            changed = False
            for item in list(pending):
                a, b = item[0], item[1]
                for acc in accepted:
                    if _listed(view, acc, (a, b), lx):
                        accepted.append((*item[:5], "list"))
                        pending.remove(item)
                        changed = True
                        break
        for a, b, names, nick, hon, signal in sorted(accepted):
            start, end = toks[a].start, toks[b].end
            name = _printed_name(ctx.text, toks, names)
            hstart = toks[a].start
            k = a - 1
            while k >= 0 and view.claimed.get(k) == "Honorific" or (k >= 0 and toks[k].text == "." and view.claimed.get(k - 1) == "Honorific"):
                hstart = toks[k].start
                k -= 1
            out.append(Mention(start, end, ctx.text[start:end], "Person", view.index, attrs={
                "name": name, "honorific": hon, "nickname": nick, "signal": signal, "extent_start": hstart,
                "headline": view.headline,
            }))
    ctx.mentions.extend(out)
    ctx.mentions.extend(extra_orgs)
    ctx.mentions.sort(key=lambda m: (m.start, m.end))


def _place_end(text: str, view: View, names: list[int], lx) -> int | None:
    """Index in ``names`` of the last word of a gazetteer place (of two words or more, or
    after another word and a title) that has name words after it, else None."""
    toks = view.toks
    best = None
    titled = _title_just_before(view, names[0])
    for i in range(len(names) - 1):
        # one-word places ("Selangor") only after a title and another word: "Ketua Apindo Selangor X"
        for j in range(i if i and titled else i + 1, min(len(names) - 1, i + 4)):
            if fold(text[toks[names[i]].start: toks[names[j]].end]) in lx.places:
                best = j if best is None else max(best, j)
    return best


def _title_just_before(view: View, k: int) -> bool:
    return k > 0 and view.claimed.get(k - 1) in ("Title", "Board")


def _region_org(ctx: DocContext, view: View, body: list[int]) -> Mention:
    """An organisation mention for a body named with its region after a title."""
    toks = view.toks
    start, end = toks[body[0]].start, toks[body[-1]].end
    name = re.sub(r"\s+", " ", ctx.text[start:end])
    return Mention(start, end, ctx.text[start:end], "Organization", view.index, attrs={
        "name": name, "aliases": [], "kind": None, "unit": False, "parents": [], "ref": None,
        "extent": end, "possessive": False, "headline": view.headline, "signal": "title_region"})


def _printed_name(text: str, toks, names: list[int]) -> str:
    """The name as printed, initials with their dots, without a quoted nickname."""
    parts = []
    for k in names:
        w = toks[k].text
        if _INITIAL.match(w) and k + 1 < len(toks) and toks[k + 1].text == "." and toks[k + 1].start == toks[k].end:
            w += "."
        parts.append(w)
    return " ".join(parts)


def _honorific_before(view: View, a: int) -> set[int]:
    return {a} if _has_hon(view, a) else set()


def _has_hon(view: View, a: int) -> bool:
    k = a - 1
    while k >= 0 and view.toks[k].text == ".":
        k -= 1
    return k >= 0 and view.claimed.get(k) == "Honorific"


def _honorific_text(ctx: DocContext, view: View, a: int) -> str | None:
    k = a - 1
    first = None
    while k >= 0 and (view.claimed.get(k) == "Honorific" or view.toks[k].text == "." and view.claimed.get(k - 1) == "Honorific"):
        first = k
        k -= 1
    if first is None:
        return None
    last = a - 1
    while view.toks[last].text == "." and last > first:
        last -= 1
    return re.sub(r"\s+", " ", ctx.text[view.toks[first].start: view.toks[a - 1].end]).strip() or None


def _before_paren(view: View, k: int) -> int:
    """Token before a short parenthesis ending at token k (an abbreviated title), else k."""
    toks = view.toks
    if k >= 2 and toks[k].text == ")":
        q = k - 1
        while q >= 0 and k - q <= 5 and toks[q].text != "(":
            q -= 1
        if q >= 1 and toks[q].text == "(" and view.claimed.get(q - 1) in ("Title", "Board"):
            return q - 1
    return k


def _skip_comma(view: View, k: int) -> int:
    return k + 1 if k < len(view.toks) and view.toks[k].text == "," else k


def _signal(ctx, view: View, a: int, b: int, names, nick, hon, org_end, lx) -> str | None:
    toks = view.toks
    n = len(toks)
    if hon:
        return "honorific"
    # a title before (through its organisation): "Presiden KSBSI Dr. Martha", "TUCP President Mr X"
    k = _before_paren(view, a - 1)  # "Menteri Ketenagakerjaan (Menaker) Yassierli"
    if k >= 0 and toks[k].text == "," and (k - 1) in org_end:
        k -= 1  # "... (PHI dan Jamsos) Kemnaker, Indah Permatasari"
    while k >= 0 and (k in org_end or toks[k].key in ("of", "the") or toks[k].text in ("'s", "’s")):
        k = org_end.get(k, k) - 1 if k in org_end else k - 1
    if k >= 0 and view.claimed.get(k) in ("Title", "Board"):
        return "title_before"
    # "its general secretary, Ko Min Thant": a title after a possessive pronoun, then a comma
    if k >= 1 and toks[k].text == "," and view.claimed.get(k - 1) == "Title":
        q = k - 1
        while q > 0 and view.claimed.get(q - 1) == "Title":
            q -= 1
        if possessive_pronoun_before(view, q) is not None:
            return "title_before"
    # a title after: ", Title", "sebagai Title", "yang juga menjabat sebagai Title"
    k = _skip_comma(view, b + 1)
    link = phrase_at(view, "title_links", k)
    k2 = link + 1 if link is not None else k
    if k2 < n and view.claimed.get(k2) == "Title" or (k < n and view.claimed.get(k) == "Title"):
        return "title_after"
    if k < n and phrase_at(view, "relative_after", k) is not None:
        return "relative"
    if k < n and phrase_at(view, "speech_after", k) is not None:
        return "speech"
    if k < n and phrase_at(view, "member_of", k) is not None:
        m = phrase_at(view, "member_of", k) + 1
        if m < n and toks[m].key == "the":
            m += 1
        if any(s <= m <= e or s == m for e, s in org_end.items()):
            return "member"
    for group in ("speech_before", "succession", "election_verbs", "person_markers"):
        hits = cue_starts(view, group)  # start token -> end token of the group's phrases
        if hits and any(hits.get(start) == a - 1 for start in range(max(0, a - 4), a)):
            return group
    if nick or any(_INITIAL.match(toks[i].text) for i in names[:-1]) or any(lx.is_particle(toks[i].text) for i in names):
        return "shape"
    return None


def _listed(view: View, acc, other: tuple[int, int], lx) -> bool:
    """Are two runs separated only by a list connector ("," "dan" "and" "và")?"""
    toks = view.toks
    a1, b1 = acc[0], acc[1]
    a2, b2 = other
    if a2 > b1:
        left, right = b1, a2
    elif b2 < a1:
        left, right = b2, a1
    else:
        return False
    if right - left > 8:
        return False
    between = [t for t in toks[left + 1: right] if view.claimed.get(t.index) != "Honorific" and t.text != "."]
    if not between or len(between) > 3:
        return False
    words = " ".join(t.key if not t.punct else t.text for t in between)
    conns = lx.words("list_connectors")
    return all(t.text == "," or t.key in conns or t.key == "cac" for t in between)
