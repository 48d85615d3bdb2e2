"""Places: ASEAN countries, capitals and labour-news cities from the gazetteer
``ingest/reference/places.csv`` (name, aliases, type, ISO 3166-1 country).

Places give events their location (HELD_IN) and organisations their seat
(BASED_IN). A gazetteer hit inside an organisation's or person's name ("Liên
đoàn Lao động thành phố Hà Nội", "KBRI Vientiane") is part of that name, not a place.

>>> [(p.name, p.country) for p in find_place_names("Rapat digelar di Singapura dan Hà Nội.")]
[('Singapore', 'SG'), ('Hanoi', 'VN')]
"""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate

from unionkg.graph.ids import entity_id, relation_id
from unionkg.graph.model import Entity, Relation
from unionkg.ingest.context import DocContext, Mention
from unionkg.ingest.factcues import cue_pattern, trie_pattern

__all__ = ["PlaceMatch", "find_place_names", "find_places", "find_based_in", "place_entity", "location_value"]

_NO_SPACE_SCRIPTS = re.compile(r"[\u0E00-\u0EFF\u1780-\u17FF\u1000-\u109F]")


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    text: str  # as printed
    name: str  # the gazetteer's name
    type: str  # country | city | region
    country: str  # ISO 3166-1 alpha-2


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[re.Pattern[str], dict[str, tuple[str, str, str]]]:
    text = resources.files("unionkg.ingest").joinpath("reference/places.csv").read_text(encoding="utf-8")
    by_label: dict[str, tuple[str, str, str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        name, kind, country = row["name"].strip(), row["type"].strip(), row["country"].strip().upper()
        if not name or not re.fullmatch(r"[A-Z]{2}", country):
            raise ValueError(f"ingest/reference/places.csv: bad row {row!r} (need a name and an ISO country code)")
        for label in [name, *(a.strip() for a in (row.get("aliases") or "").split("|"))]:
            if label:
                by_label.setdefault(label.casefold(), (name, kind, country))
    return trie_pattern(list(by_label), before=r"(?<![\w-])", after=r"(?![\w-])"), by_label


def find_place_names(text: str) -> list[PlaceMatch]:
    """Gazetteer places printed in a text. Latin-script names must be capitalised as
    names are ("Medan" the city, not "medan" a field)."""
    pattern, by_label = _gazetteer()
    out = []
    for m in pattern.finditer(text):
        printed = m.group(0)
        if printed[0].isalpha() and printed[0].lower() != printed[0].upper() and not printed[0].isupper():
            continue
        entry = by_label.get(re.sub(r"\s+", " ", printed).casefold())
        if entry:
            out.append(PlaceMatch(m.start(), m.end(), printed, *entry))
    return out


def find_places(ctx: DocContext) -> None:
    """Pipeline component: add ``Place`` mentions (attrs name, type, country) for gazetteer
    places outside organisation and person names. Does nothing when an earlier
    component has already marked places."""
    if any(m.type == "Place" for m in ctx.mentions):
        return
    named = sorted((m.start, m.end) for m in ctx.mentions if m.type in ("Organization", "Person"))
    starts = [s for s, _ in named]
    reach = list(accumulate((e for _, e in named), max))  # the furthest end among the first k names
    added = []
    for p in find_place_names(ctx.text):
        # a name overlaps the place when it starts before the place ends and ends after it starts
        k = bisect_left(starts, p.end)
        if k and reach[k - 1] > p.start:
            continue
        s = ctx.sentence_at(p.start)
        added.append(
            Mention(p.start, p.end, p.text, "Place", s.index if s else -1,
                    attrs={"name": p.name, "type": p.type, "country": p.country})
        )
    ctx.mentions.extend(added)
    ctx.mentions.sort(key=lambda m: (m.start, m.end))


def place_entity(ctx: DocContext, mention: Mention) -> Entity:
    """The Place entity a place mention names (added to the context, with evidence)."""
    name = mention.attrs.get("name") or mention.text
    country = mention.attrs.get("country")
    eid = entity_id("Place", name, country)
    aliases = [mention.text] if mention.text != name else []
    entity = Entity(eid, "Place", name, aliases, {"country": country, "place_type": mention.attrs.get("type")},
                    [ctx.evidence_for(mention.start, mention.end)])
    return ctx.add_entity(entity)


def location_value(mention: Mention) -> str:
    """An event's ``location``: the place as printed, or the ISO code when only a country is known."""
    if mention.attrs.get("type") == "country" and mention.attrs.get("country"):
        return mention.attrs["country"]
    return mention.text


def _mentions_by_offset(ctx: DocContext) -> dict[int, list[Mention]]:
    """The mentions starting inside each sentence (by offset, whatever their ``sentence``
    field says), in ``ctx.mentions`` order: one pass with a binary search each, where
    filtering all mentions for every sentence was quadratic."""
    sents = ctx.sentences
    tidy = all(a.end <= b.start for a, b in zip(sents, sents[1:]))
    out: dict[int, list[Mention]] = {}
    if not tidy:  # not the splitter's sentences: the plain way
        for s in sents:
            out[s.index] = [m for m in ctx.mentions if s.start <= m.start < s.end]
        return out
    starts = [s.start for s in sents]
    for m in ctx.mentions:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and m.start < sents[i].end:
            out.setdefault(sents[i].index, []).append(m)
    return out


def find_based_in(ctx: DocContext) -> None:
    """Pipeline component: BASED_IN organisation -> place where the text states a seat:
    "X, yang berkantor pusat di Vientiane", "X, headquartered in Singapore", or a seat noun
    with the organisation and the place ("di kantor pusat LFTU di Vientiane", "trụ sở
    Tổng Liên đoàn tại Hà Nội"). Places come from :func:`find_places`."""
    find_places(ctx)
    at = cue_pattern("place_prepositions", "at").pattern
    by_sentence = _mentions_by_offset(ctx)
    for sentence in ctx.sentences:
        mentions = by_sentence.get(sentence.index, [])
        orgs = [m for m in mentions if m.type == "Organization" and m.entity in ctx.entities]
        places = [m for m in mentions if m.type == "Place"]
        if not orgs or not places:
            continue
        pairs: list[tuple[Mention, Mention]] = []
        for cue in cue_pattern("based_in_cues").finditer(sentence.text):
            c0, c1 = sentence.start + cue.start(), sentence.start + cue.end()
            place = next((p for p in places if 0 <= p.start - c1 <= 2), None)
            before = [o for o in orgs if o.end <= c0]
            if place is not None and before:
                pairs.append((before[-1], place))
        for noun in cue_pattern("hq_nouns").finditer(sentence.text):
            n1 = sentence.start + noun.end()
            org = next((o for o in orgs if 0 <= o.start - n1 <= 2), None)
            if org is None:
                continue
            for p in places:
                gap = ctx.text[org.end : p.start]
                if p.start >= org.end and re.fullmatch(rf"\s*(?:{at})\s*", gap, re.IGNORECASE):
                    pairs.append((org, p))
                    break
        for org, p in pairs:
            place = place_entity(ctx, p)
            ev = ctx.evidence_for(p.start, p.end)
            ctx.add_relation(Relation(relation_id("BASED_IN", org.entity, place.id), "BASED_IN", org.entity, place.id,
                                      evidence=[ev]))
