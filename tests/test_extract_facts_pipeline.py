"""Agreements, events and member counts through the public extractor
(``default_extractor().extract(doc)``): the fact components behind the core recognisers,
on the own-written articles in ``tests/articles/facts``, with no hints but the text."""

from __future__ import annotations

import pytest

from unionkg.graph.ids import document_id
from unionkg.graph.model import Document
from unionkg.ingest.pipeline import default_extractor
from unionkg.tests.facts_articles import article_names, check, load


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


@pytest.mark.parametrize("name", article_names())
def test_article_facts_through_the_extractor(extractor, name):
    text, ann = load(name)
    ex = extractor.extract(Document(id=document_id(text), source=f"{name}.txt", text=text))
    # what the recognisers are known to miss in an article is listed beside it, with the reason
    skip = tuple((ann.get("pipeline_known_gaps") or {}).keys())
    assert check(ex, ann["expect"], loose=True, skip=skip) == []
    for e in ex.entities:
        if e.type in ("Agreement", "Event"):
            assert e.evidence and all(text[ev.start : ev.end] == ev.text for ev in e.evidence)


def test_seed_like_planned_mou_and_meeting(extractor):
    """The issue's seed shape: a meeting dated by a weekday and day/month resolved from the
    press date, a person-led planned MoU signing (the party is the visitor's organisation), and
    a member count in 'juta' — the third organisation in the text is no party."""
    text = (
        "Serikat Buruh Dua Negara Sepakat Bekerja Sama\n\n"
        "Jakarta - Presiden Konfederasi Serikat Pekerja Seluruh Indonesia (KSPSI) Budi Hartono bertemu "
        "Presiden Lao Federation of Trade Unions (LFTU) Somsak Phanthavong, Senin (15/12) kemarin.\n\n"
        "Dalam pertemuan tersebut, Budi didampingi pengurus ASEAN Trade Union Council (ASEAN TUC).\n\n"
        "LFTU saat ini menaungi sekitar 2 juta anggota.\n\n"
        "Somsak dijadwalkan kembali ke Jakarta awal tahun depan untuk menandatangani nota kesepahaman "
        "(MoU) dengan KSPSI di bidang pendidikan.\n\n"
        "\"Kerja sama ini penting,\" kata Budi dalam keterangan tertulis, Selasa (16/12/2025).\n"
    )
    ex = extractor.extract(Document(id=document_id(text), source="seed-like.txt", text=text))
    agreements = [e for e in ex.entities if e.type == "Agreement"]
    assert len(agreements) == 1
    agr = agreements[0]
    assert (agr.get("kind"), agr.get("status"), agr.get("date"), agr.get("date_precision")) == \
        ("mou", "planned", "2026", "part_of_year")
    parties = {ex.entity(r.source).name for r in ex.relations if r.type == "PARTY_TO"}
    assert any("KSPSI" in [p, *ex.entity(r.source).aliases] or "Seluruh Indonesia" in p
               for r in ex.relations if r.type == "PARTY_TO" for p in [ex.entity(r.source).name])
    assert not any("ASEAN" in p for p in parties)
    assert len(parties) == 2
    meetings = [e for e in ex.entities if e.type == "Event" and e.get("date") == "2025-12-15"]
    assert len(meetings) == 1
    lftu = [e for e in ex.entities if e.type == "Organization" and "LFTU" in [e.name, *e.aliases]]
    assert lftu and lftu[0].get("members") == 2_000_000
