"""Agreements, events and member counts (ingest/agreements.py, events.py, counts.py, places.py)
on a hand-filled DocContext: sentences and organisation/person mentions given by the test
articles' annotations, so these tests pin the fact components whatever the core recognisers do."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionkg.graph.ids import document_id
from unionkg.graph.model import Document
from unionkg.ingest.agreements import find_agreements
from unionkg.ingest.context import DocContext, Sentence
from unionkg.ingest.counts import find_counts, find_member_counts
from unionkg.ingest.events import find_events
from unionkg.ingest.factcues import number_value
from unionkg.ingest.places import find_place_names
from unionkg.tests.facts_articles import article_names, check, hand_context, load


def run_facts(ctx: DocContext):
    for component in (find_agreements, find_events, find_member_counts):
        component(ctx)
    return ctx.to_extraction()


@pytest.mark.parametrize("name", article_names())
def test_article_facts_on_hand_filled_context(name):
    text, ann = load(name)
    ex = run_facts(hand_context(text, ann))
    assert check(ex, ann["expect"]) == []


def test_articles_cover_four_languages():
    langs = {load(n)[1]["language"] for n in article_names()}
    assert {"id", "ms", "en", "vi"} <= langs


# -- member counts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("VGCL saat ini menaungi sekitar 10 juta anggota.", 10_000_000),
        ("KSPI memiliki sekitar 2,2 juta anggota di 30 provinsi.", 2_200_000),
        ("Federasi itu beranggotakan 19,8 juta pekerja.", 19_800_000),
        ("Hiện Tổng Liên đoàn có 11.072.214 đoàn viên.", 11_072_214),
        ("Công đoàn ngành có hơn 10 triệu đoàn viên.", 10_000_000),
        ("TUCP represents some 1.2 million workers.", 1_200_000),
        ("NTUC has more than 1.3 million members.", 1_300_000),
        ("NTUC, yang mempunyai lebih 1.3 juta ahli, hadir.", 1_300_000),
        ("MTUC mewakili kira-kira 800,000 pekerja.", 800_000),
        ("The union has a membership of 45,000.", 45_000),
        ("Ang pederasyon ay may 1.2 milyong miyembro.", 1_200_000),
        ("สหภาพมีสมาชิก 1.2 ล้านคน", 1_200_000),
        ("The federation, with 1.2m members, backed the call.", 1_200_000),
    ],
)
def test_counts_read_numbers_in_each_language(sentence, value):
    assert [c.value for c in find_counts(sentence)] == [value]


@pytest.mark.parametrize(
    "sentence",
    [
        "Dedi meraih 214 suara dari 356 peserta kongres yang memiliki hak suara.",
        "Kongres dihadiri sekitar 500 delegasi dari 22 provinsi.",
        "Mereka menolak PHK terhadap 1.850 pekerja pabrik tersebut.",
        "Bautista won 412 of the 530 votes cast, and more than 600 delegates attended.",
        "About 2,400 rank-and-file employees will receive a 5.5 per cent wage increase.",
        "There are about 200,000 Filipinos working in Singapore.",
        "Công đoàn đặt mục tiêu phát triển thêm 20.000 đoàn viên mới.",
        "Đại hội có 300 đại biểu và bầu 35 ủy viên.",
        "MTUC mahu gaji minimum RM2,000 sebulan.",
        "ASEAN TUC menaungi 21 organisasi anggota dari sepuluh negara.",
        "The union plans to recruit 5,000 members next year.",
    ],
)
def test_counts_ignore_votes_delegates_layoffs_targets_money(sentence):
    assert find_counts(sentence) == []


@pytest.mark.parametrize(
    "printed, scale, value",
    [("95.000", 1, 95_000), ("800,000", 1, 800_000), ("11.072.214", 1, 11_072_214), ("2,2", 1_000_000, 2_200_000),
     ("1.3", 1_000_000, 1_300_000), ("1,234.5", 1000, 1_234_500), ("2.5", 1, None)],
)
def test_number_value_separators(printed, scale, value):
    assert number_value(printed, scale) == value


def test_count_goes_to_the_clause_subject_not_the_nearest_name():
    text, ann = load("03-ms-signed-mou")
    ctx = hand_context(text, ann)
    find_member_counts(ctx)
    members = {e.name: e.attrs.get("members") for e in ctx.entities.values() if e.type == "Organization"}
    assert members["Kongres Kesatuan Sekerja Malaysia"] == 500_000
    # the evidence of the count is on the organisation, and lies in the text
    mtuc = next(e for e in ctx.entities.values() if e.name == "Kongres Kesatuan Sekerja Malaysia")
    assert any("500,000" in ev.text and text[ev.start : ev.end] == ev.text for ev in mtuc.evidence)


# -- places ----------------------------------------------------------------------------------


def test_places_from_the_gazetteer_with_country_codes():
    found = [(p.name, p.type, p.country) for p in find_place_names("Rapat di Singapura, lalu ke Hà Nội dan Vientiane.")]
    assert found == [("Singapore", "country", "SG"), ("Hanoi", "city", "VN"), ("Vientiane", "city", "LA")]
    assert find_place_names("medan perjuangan buruh") == []  # lower case: a common noun, not the city


def test_place_inside_an_organisation_name_is_no_event_location():
    text, ann = load("05-vi-signed-target")
    ctx = hand_context(text, ann)
    ex = run_facts(ctx)
    places = [e for e in ex.entities if e.type == "Place"]
    assert [p.name for p in places] == ["Hanoi"]
    assert all(r.evidence for r in ex.relations if r.type == "HELD_IN")


# -- robustness ------------------------------------------------------------------------------


def _plain_context(text: str) -> DocContext:
    ctx = DocContext(document=Document(id=document_id(text or "x"), source="t", text=text), language="id")
    if text:
        ctx.sentences = [Sentence(0, 0, len(text), text)]
    return ctx


def test_components_on_an_empty_document():
    ex = run_facts(_plain_context(""))
    assert ex.entities == [] and ex.relations == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc KSPI MoU 10.000 juta anggota, (15/12) di Jakarta.đ\n")), max_size=300))
def test_fact_components_never_raise_and_spans_lie_inside(text):
    ex = run_facts(_plain_context(text))
    for r in ex.relations:
        for ev in r.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
    for c in find_counts(text):
        assert 0 <= c.start < c.end <= len(text)


def test_based_in_from_a_seat_phrase():
    from unionkg.ingest.places import find_based_in

    text = ("Delegasi diterima di kantor pusat KSBSI di Jakarta.\n"
            "The Lao Federation of Trade Unions, headquartered in Vientiane, hosted the talks.\n"
            "Hội nghị diễn ra tại Hà Nội.")
    ann = {"language": "id", "published": "2025-11-01",
           "organizations": [{"name": "Konfederasi Serikat Buruh Sejahtera Indonesia", "aliases": ["KSBSI"]},
                             {"name": "Lao Federation of Trade Unions", "aliases": []}]}
    ctx = hand_context(text, ann)
    find_based_in(ctx)
    based = sorted((ctx.entities[r.source].name, ctx.entities[r.target].name, ctx.entities[r.target].get("country"))
                   for r in ctx.relations.values() if r.type == "BASED_IN")
    assert based == [("Konfederasi Serikat Buruh Sejahtera Indonesia", "Jakarta", "ID"),
                     ("Lao Federation of Trade Unions", "Vientiane", "LA")]
    assert all(r.evidence for r in ctx.relations.values())


def test_one_event_per_place_when_several_are_listed():
    text = "Pelatihan\n\nKSPI dan ILO akan menggelar pelatihan di Batam dan Surabaya pada Maret 2026."
    ann = {"language": "id", "published": "2025-11-28",
           "organizations": [{"name": "Konfederasi Serikat Pekerja Indonesia", "aliases": ["KSPI"]},
                             {"name": "ILO", "aliases": []}]}
    ex = run_facts(hand_context(text, ann))
    trainings = sorted((e.get("location"), e.get("date"), e.get("date_precision"))
                       for e in ex.entities if e.type == "Event")
    assert trainings == [("Batam", "2026-03", "month"), ("Surabaya", "2026-03", "month")]


def test_verb_first_signing_and_dateline_is_not_the_signing_date():
    """Tagalog puts the verb first; the dateline's date is the report's, not the signing's."""
    text = ("Kasunduan\n\nMANILA, 3 Disyembre 2025 — Lumagda ng memorandum of understanding ang "
            "Federation of Free Workers (FFW) at ang Japanese Trade Union Confederation (RENGO) sa Maynila.")
    ann = {"language": "tl", "published": "2025-12-03",
           "organizations": [{"name": "Federation of Free Workers", "aliases": ["FFW"]},
                             {"name": "Japanese Trade Union Confederation", "aliases": ["RENGO"]}]}
    ex = run_facts(hand_context(text, ann))
    agreements = [e for e in ex.entities if e.type == "Agreement"]
    assert [(a.get("kind"), a.get("status"), a.get("date")) for a in agreements] == [("mou", "signed", None)]
    assert sum(1 for r in ex.relations if r.type == "PARTY_TO") == 2


def test_workplace_staff_are_not_the_union_members():
    text = ("Mogok\n\nSerikat Pekerja Nasional (SPN) mengatakan pabrik itu, yang memiliki 3.000 pekerja, "
            "akan ditutup. SPN sendiri beranggotakan 450.000 pekerja.")
    ann = {"language": "id", "published": "2025-11-01",
           "organizations": [{"name": "Serikat Pekerja Nasional", "aliases": ["SPN"], "kind": "union"}]}
    ctx = hand_context(text, ann)
    find_member_counts(ctx)
    spn = next(e for e in ctx.entities.values() if e.name == "Serikat Pekerja Nasional")
    assert spn.get("members") == 450_000
