"""`unionkg extract`, `ingest` and `evaluate` through the CLI (click's CliRunner)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from unionkg.cli import main
from unionkg.graph.store import open_store

FIX = Path(__file__).parent / "fixtures" / "ingest"
GOOD = FIX / "good"
BAD = FIX / "bad"
N_GOOD = 5  # documents under fixtures/ingest/good (two of them in batch.jsonl)


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("unionkg: error:")]


# --------------------------------------------------------------------------- extract


def test_extract_prints_one_json_object_per_document():
    result = run("extract", GOOD)
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == N_GOOD
    for line in lines:
        obj = json.loads(line)
        assert set(obj) >= {"document", "entities", "relations"}
        assert set(obj["document"]) >= {"id", "source", "title", "published", "language"}
        assert obj["document"]["id"].startswith("doc-")
    langs = {json.loads(line)["document"]["source"].rsplit("/", 1)[-1]: json.loads(line)["document"]["language"]
             for line in lines}
    assert langs["serikat_id.txt"] == "id" and langs["kesatuan_ms.md"] == "ms" and langs["congdoan_vi.html"] == "vi"


def test_extract_json_format_is_one_array():
    result = run("extract", GOOD / "serikat_id.txt", GOOD / "kesatuan_ms.md", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["document"]["title"] for d in data] == ["Serikat Pekerja Pelabuhan Gelar Rapat Kerja Nasional",
                                                      "Kesatuan pekerja kilang adakan mesyuarat agung"]


def test_extract_evidence_lies_inside_the_text():
    result = run("extract", GOOD, "--with-text")
    assert result.exit_code == 0
    for line in result.stdout.splitlines():
        obj = json.loads(line)
        text = obj["document"]["text"]
        for item in obj["entities"] + obj["relations"]:
            for ev in item.get("evidence") or []:
                assert 0 <= ev["start"] < ev["end"] <= len(text)
                assert text[ev["start"]:ev["end"]] == ev["text"]


def test_extract_bad_inputs_one_line_each_good_ones_still_printed():
    result = run("extract", BAD, BAD / "notes.docx", "/no/such/file.txt", GOOD / "serikat_id.txt")
    assert result.exit_code == 1
    errors = error_lines(result)
    expected = {
        f"{BAD / 'binary.txt'}: binary file (NUL byte at offset 4)",
        f"{BAD / 'empty.txt'}: empty file",
        f"{BAD / 'latin1.txt'}: invalid UTF-8 at byte offset 3",
        f"{BAD / 'mixed.jsonl'}:2: invalid JSON",
        f"{BAD / 'mixed.jsonl'}:3: missing or empty 'text'",
        f"{BAD / 'mixed.jsonl'}:4: 'published'",
        f"{BAD / 'notes.docx'}: unsupported file type (.docx)",
        "/no/such/file.txt: no such file or directory",
    }
    assert len(errors) == len(expected), errors
    for want in expected:
        assert any(e.startswith(f"unionkg: error: {want}") for e in errors), (want, errors)
    assert "Traceback" not in result.output
    sources = [json.loads(line)["document"]["source"] for line in result.stdout.splitlines()]
    assert sources == [f"{BAD / 'mixed.jsonl'}:1", f"{BAD / 'mixed.jsonl'}:5", str(GOOD / "serikat_id.txt")]


def test_extract_overrides(tmp_path):
    result = run("extract", GOOD / "serikat_id.txt", "--language", "MS", "--published", "2024-02-29")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)["document"]
    assert (doc["language"], doc["published"]) == ("ms", "2024-02-29")


@pytest.mark.parametrize("args, words", [
    (["--published", "2025-02-30"], "day out of range"),
    (["--published", "16/12/2025"], "YYYY-MM-DD"),
    (["--language", "indonesian"], "ISO 639-1"),
])
def test_extract_bad_options_are_usage_errors(args, words):
    result = run("extract", GOOD / "serikat_id.txt", *args)
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output


def test_extract_without_paths_is_a_usage_error():
    assert run("extract").exit_code == 2


def test_extract_from_stdin():
    text = "Buruh tekstil mogok\n\nBandung - Ribuan buruh tekstil mogok kerja, Senin (15/12), menuntut upah layak.\n"
    result = run("extract", "-", "--published", "2025-12-16", input=text)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["document"]
    assert doc["source"] == "stdin" and doc["title"] == "Buruh tekstil mogok" and doc["language"] == "id"


def test_an_extractor_failure_is_one_line_and_the_others_go_on(monkeypatch, tmp_path):
    import unionkg.ingest.pipeline as pipeline

    real = pipeline.default_extractor

    class Exploding:
        def __init__(self):
            self.inner = real()

        def extract(self, document):
            if "EXPLODE" in document.text:
                raise RuntimeError("boom\nwith a second line")
            return self.inner.extract(document)

    monkeypatch.setattr(pipeline, "default_extractor", Exploding)
    bomb = tmp_path / "bomb.txt"
    bomb.write_text("EXPLODE\n\nThis text makes the extractor fail.\n", encoding="utf-8")
    result = run("extract", bomb, GOOD / "serikat_id.txt")
    assert result.exit_code == 1
    assert error_lines(result) == [f"unionkg: error: {bomb}: extraction failed (RuntimeError: boom with a second line)"]
    assert len(result.stdout.splitlines()) == 1


# --------------------------------------------------------------------------- ingest


def test_ingest_stores_good_files_reports_bad_ones_and_is_idempotent(tmp_path):
    db = tmp_path / "g.db"
    result = run("ingest", GOOD, BAD / "empty.txt", "/no/such.txt", "--store", db)
    assert result.exit_code == 1
    assert error_lines(result) == [f"unionkg: error: {BAD / 'empty.txt'}: empty file",
                                   "unionkg: error: /no/such.txt: no such file or directory"]
    assert f"{N_GOOD} document(s): {N_GOOD} added, 0 unchanged, 0 replaced; 2 failed" in result.stderr
    with open_store(str(db)) as store:
        assert store.stats()["documents"] == N_GOOD
        first = store.stats()
    again = run("ingest", GOOD, "--store", db)
    assert again.exit_code == 0, again.output
    assert f"0 added, {N_GOOD} unchanged, 0 replaced; 0 failed" in again.stderr
    with open_store(str(db)) as store:
        assert store.stats() == first


def test_ingest_a_changed_file_replaces_it(tmp_path):
    db = tmp_path / "g.db"
    art = tmp_path / "art.txt"
    shutil.copy(GOOD / "serikat_id.txt", art)
    assert run("ingest", art, "--store", db).exit_code == 0
    art.write_text(art.read_text("utf-8") + "\nTambahan paragraf tentang rapat lanjutan.\n", encoding="utf-8")
    result = run("ingest", art, "--store", db)
    assert result.exit_code == 0
    assert "0 added, 0 unchanged, 1 replaced" in result.stderr
    with open_store(str(db)) as store:
        assert store.stats()["documents"] == 1


def test_ingest_quiet_prints_no_summary_but_still_errors(tmp_path):
    result = run("ingest", GOOD / "serikat_id.txt", BAD / "binary.txt", "--store", tmp_path / "g.db", "--quiet")
    assert result.exit_code == 1
    assert "document(s)" not in result.stderr
    assert len(error_lines(result)) == 1


def test_ingest_overrides_reach_the_store(tmp_path):
    db = tmp_path / "g.db"
    assert run("ingest", GOOD / "serikat_id.txt", "--store", db, "--language", "ms",
               "--published", "2020-01-01").exit_code == 0
    with open_store(str(db)) as store:
        (doc,) = store.documents()
    assert (doc["language"], doc["published"]) == ("ms", "2020-01-01")


def test_ingest_store_that_cannot_be_opened_exits_2(tmp_path):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("Meeting notes, not a database.\n" * 200, encoding="utf-8")
    result = run("ingest", GOOD / "serikat_id.txt", "--store", not_a_db)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert str(not_a_db) in result.stderr and "Traceback" not in result.output


def test_ingest_unreachable_neo4j_exits_2_naming_the_uri_not_the_password():
    result = run("ingest", GOOD / "serikat_id.txt", "--neo4j", "bolt://127.0.0.1:1",
                 "--neo4j-password", "not-the-real-secret")
    assert result.exit_code == 2
    assert "bolt://127.0.0.1:1" in result.stderr
    assert "not-the-real-secret" not in result.output
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- evaluate


def _gold_dir(tmp_path: Path):
    from unionkg.tests.test_evaluate import GOLD, TEXT, predicted

    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "001-pelaut.txt").write_text(TEXT, encoding="utf-8")
    (gold / "001-pelaut.json").write_text(json.dumps(GOLD), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(predicted().to_dict()) + "\n", encoding="utf-8")
    return gold, pred


def test_evaluate_table(tmp_path):
    gold, pred = _gold_dir(tmp_path)
    result = run("evaluate", gold, pred)
    assert result.exit_code == 0, result.output
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in result.stdout.splitlines()[2:]}
    assert rows[("all", "organizations")] == ["0.500", "0.667", "0.571", "2", "4", "3"]
    assert rows[("all", "micro(org+per+pos+aff)")][:3] == ["0.500", "0.500", "0.500"]
    assert ("id", "micro(org+per+pos+aff)") in rows


def test_evaluate_json_csv_and_details(tmp_path):
    gold, pred = _gold_dir(tmp_path)
    data = json.loads(run("evaluate", gold, pred, "--format", "json", "--details").stdout)
    assert data["micro_f1"] == 0.5 and data["languages"]["id"]["documents"] == 1
    assert data["details"][0]["persons"]["missed"] == ["Rina Wulandari"]
    csv_out = run("evaluate", gold, pred, "--format", "csv", "--by-language").stdout.splitlines()
    assert csv_out[0] == "language,category,precision,recall,f1,tp,predicted,gold"
    assert "id,persons,1.000,0.500,0.667,1,1,2" in csv_out
    details = run("evaluate", gold, pred, "--details").stdout
    assert "- missed persons: Rina Wulandari" in details


def test_evaluate_runs_the_extractor_without_pred(tmp_path):
    gold, _ = _gold_dir(tmp_path)
    result = run("evaluate", gold, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 1 and "unmatched_gold" not in data


def test_evaluate_bad_inputs(tmp_path):
    gold, _ = _gold_dir(tmp_path)
    missing = run("evaluate", tmp_path / "nope")
    assert missing.exit_code == 1 and "nope: not a directory" in missing.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = run("evaluate", gold, bad)
    assert result.exit_code == 1 and f"{bad}:1: not an extraction" in result.stderr
    assert "Traceback" not in result.output


def test_ingest_every_bad_input_one_line_each_and_the_good_ones_stored(tmp_path, monkeypatch):
    db = tmp_path / "g.db"
    locked = tmp_path / "locked.txt"
    locked.write_text("Minutes of the union meeting.\n", encoding="utf-8")
    real_open = open

    def deny(file, mode="r", *a, **kw):  # an unreadable file, even for root
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *a, **kw)

    monkeypatch.setattr("builtins.open", deny)
    result = run("ingest", BAD, BAD / "notes.docx", "/no/such/file.txt", locked, GOOD / "serikat_id.txt",
                 "--store", db)
    assert result.exit_code == 1
    reasons = {
        BAD / "binary.txt": "binary file",
        BAD / "empty.txt": "empty file",
        BAD / "latin1.txt": "invalid UTF-8 at byte offset 3",
        BAD / "notes.docx": "unsupported file type",
        "/no/such/file.txt": "no such file or directory",
        locked: "permission denied",
    }
    errors = error_lines(result)
    for path, reason in reasons.items():
        assert sum(e.startswith(f"unionkg: error: {path}: {reason}") for e in errors) == 1, (path, errors)
    assert len(errors) == len(reasons) + 3  # and three bad lines of mixed.jsonl
    with open_store(str(db)) as store:
        sources = sorted(d["source"] for d in store.documents())
    assert sources == sorted([f"{BAD / 'mixed.jsonl'}:1", f"{BAD / 'mixed.jsonl'}:5", str(GOOD / "serikat_id.txt")])
