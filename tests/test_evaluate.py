"""The scorer on a tiny gold/prediction pair whose precision and recall are known by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unionkg.graph.model import Document, Entity, Extraction, Relation
from unionkg.ingest.evaluate import (EvaluationError, evaluate, gold_as_extraction, load_gold, read_predictions,
                                     score_document)

TEXT = """Serikat pelaut bertemu mitra Kamboja

Jumat, 5 Desember 2025

Jakarta - Konfederasi Serikat Buruh Bahari (KSBB) dan Cambodian Seafarers Union menandatangani MoU, Kamis (4/12).
Presiden KSBB Dato' Sri Ahmad Bakri hadir bersama Sekjen Rina Wulandari.
"""

GOLD = {
    "url": None, "text_file": "001-pelaut.txt", "title": "Serikat pelaut bertemu mitra Kamboja",
    "published": "2025-12-05", "language": "id",
    "organizations": [
        {"name": "Konfederasi Serikat Buruh Bahari", "aliases": ["KSBB"], "country": "ID", "kind": "confederation"},
        {"name": "Cambodian Seafarers Union", "aliases": [], "country": "KH", "kind": "union"},
        {"name": "Federasi Pelaut Muda", "aliases": ["FPM"], "country": "ID", "kind": "federation"},
    ],
    "persons": [{"name": "Ahmad Bakri", "aliases": []}, {"name": "Rina Wulandari", "aliases": ["Rina"]}],
    "positions": [
        {"person": "Ahmad Bakri", "role": "president", "organization": "Konfederasi Serikat Buruh Bahari", "title": "Presiden"},
        {"person": "Rina Wulandari", "role": "secretary_general", "organization": "KSBB", "title": "Sekjen"},
    ],
    "affiliations": [{"member": "Federasi Pelaut Muda", "parent": "Konfederasi Serikat Buruh Bahari"}],
    "agreements": [{"parties": ["Konfederasi Serikat Buruh Bahari", "Cambodian Seafarers Union"], "kind": "mou",
                    "status": "signed", "topics": [], "date": "2025-12-04"}],
    "events": [{"kind": "meeting", "date": "2025-12-04", "location": "Jakarta",
                "participants": ["Konfederasi Serikat Buruh Bahari", "Cambodian Seafarers Union"]}],
    "membership_counts": [{"organization": "KSBB", "members": 10000000},
                          {"organization": "Cambodian Seafarers Union", "members": 95000}],
    "notes": "written for the scorer tests",
}


def predicted() -> Extraction:
    doc = Document(id="doc-x", source="somewhere/001-pelaut.txt", title=None, published="2025-12-05", language="id")
    e = [
        Entity("o1", "Organization", "KSBB", [], {"members": "10,000,000"}),        # gold org 1 via its alias
        Entity("o2", "Organization", "CAMBODIAN SEAFARERS' UNION", [], {"members": 90000}),  # folded match, wrong count
        Entity("o3", "Organization", "Kamboja"),                                    # spurious
        Entity("o4", "Organization", "Konfederasi Serikat Buruh Bahari"),           # duplicate of gold org 1
        Entity("p1", "Person", "Dato' Sri Ahmad Bakri"),                            # honorific dropped for matching
        Entity("a1", "Agreement", "MoU", [], {"kind": "mou", "date": "2025-12-04"}),
        Entity("v1", "Event", "meeting", [], {"kind": "meeting", "date": "2025-12-04"}),
        Entity("v2", "Event", "meeting", [], {"kind": "meeting", "date": "2025-12-05"}),  # wrong date
    ]
    r = [
        Relation("r1", "HOLDS_POSITION", "p1", "o1", role="president"),             # right
        Relation("r2", "HOLDS_POSITION", "p1", "o2", role="president"),             # wrong organisation
        Relation("r3", "AFFILIATED_WITH", "o4", "o3"),                              # wrong
        Relation("r4", "PARTY_TO", "o1", "a1"), Relation("r5", "PARTY_TO", "o2", "a1"),
        Relation("r6", "PARTICIPATED_IN", "o1", "v1"), Relation("r7", "PARTICIPATED_IN", "o2", "v1"),
        Relation("r8", "PARTICIPATED_IN", "o1", "v2"), Relation("r9", "PARTICIPATED_IN", "o2", "v2"),
    ]
    return Extraction(doc, e, r)


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "001-pelaut.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "001-pelaut.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return tmp_path


def figures(c):
    return (c.tp, c.pred, c.gold)


def test_counts_per_category_are_the_hand_computed_ones(gold_dir):
    report = evaluate(gold_dir, [predicted()])
    assert figures(report.total("organizations")) == (2, 4, 3)
    assert figures(report.total("persons")) == (1, 1, 2)
    assert figures(report.total("positions")) == (1, 2, 2)
    assert figures(report.total("affiliations")) == (0, 1, 1)
    assert figures(report.total("agreements")) == (1, 1, 1)
    assert figures(report.total("events")) == (1, 2, 1)
    assert figures(report.total("membership_counts")) == (1, 2, 2)
    org = report.total("organizations")
    assert org.precision == pytest.approx(0.5) and org.recall == pytest.approx(2 / 3)
    assert org.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    micro = report.micro()
    assert figures(micro) == (4, 8, 8)
    assert micro.f1 == pytest.approx(0.5)
    assert report.micro("id").f1 == pytest.approx(0.5)
    assert report.languages() == ["id"]


def test_missed_and_spurious_items_are_listed(gold_dir):
    report = evaluate(gold_dir, [predicted()])
    doc = report.documents[0]
    assert doc["organizations"]["missed"] == ["Federasi Pelaut Muda"]
    assert set(doc["organizations"]["spurious"]) == {"Kamboja", "Konfederasi Serikat Buruh Bahari"} or \
        set(doc["organizations"]["spurious"]) == {"Kamboja", "KSBB"}
    assert doc["persons"]["missed"] == ["Rina Wulandari"]


def test_the_gold_itself_scores_one_everywhere(gold_dir):
    gold = load_gold(gold_dir)[0]
    report = evaluate(gold_dir, [gold_as_extraction(gold.data, source="x/001-copy.txt")])
    d = report.to_dict()
    assert d["micro_f1"] == 1.0
    assert all(c["f1"] == 1.0 for c in d["categories"].values())


def test_nothing_predicted_scores_zero_and_is_reported(gold_dir):
    report = evaluate(gold_dir, [])
    assert report.micro().f1 == 0.0 and report.micro().gold == 8
    assert report.unmatched_gold == [str(gold_dir / "001-pelaut.json")]


def test_predictions_pair_by_text_hash_even_without_a_number_in_the_source(gold_dir):
    from unionkg.ingest.loaders import load_text

    pred = predicted()
    pred.document = load_text(TEXT, "stdin")
    report = evaluate(gold_dir, [pred])
    assert not report.unmatched_gold and report.total("organizations").tp == 2


def test_role_must_agree_for_a_position():
    pred = predicted()
    pred.relations[0].role = "vice_president"
    counts = score_document(GOLD, pred)
    assert counts["positions"].tp == 0


def test_event_without_a_day_matches_only_an_event_without_a_full_day():
    gold = dict(GOLD, events=[dict(GOLD["events"][0], date=None)])
    pred = predicted()
    assert score_document(gold, pred)["events"].tp == 0
    pred.entity("v2").attrs["date"] = "2026"  # only a year: no full day
    assert score_document(gold, pred)["events"].tp == 1


def test_read_predictions_errors_name_the_file_and_line(tmp_path):
    p = tmp_path / "pred.jsonl"
    p.write_text(json.dumps(predicted().to_dict()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=rf"{p}:2: not an extraction"):
        read_predictions(str(p))
    with pytest.raises(EvaluationError, match="no such file"):
        read_predictions(str(tmp_path / "missing.jsonl"))


def test_bad_gold_dirs(tmp_path):
    with pytest.raises(EvaluationError, match="not a directory"):
        evaluate(tmp_path / "nope", [])
    with pytest.raises(EvaluationError, match="no gold .json files"):
        evaluate(tmp_path, [])
    (tmp_path / "001.json").write_text("{", encoding="utf-8")
    with pytest.raises(EvaluationError, match="001.json: not a readable gold file"):
        evaluate(tmp_path, [])


DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


@pytest.mark.slow
@pytest.mark.skipif(not DEVSET.is_dir(), reason=f"no development set at {DEVSET}")
def test_devset_micro_f1_reaches_the_issue_target():
    """Issue 4's bar: micro-F1 >= 0.85 over organisations, persons, posts and affiliations."""
    report = evaluate(DEVSET)
    assert not report.unmatched_gold
    assert report.micro().f1 >= 0.85, report.rows()
