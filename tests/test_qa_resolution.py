"""QA finding: two persons whose full names differ must not merge across documents
just because a short form ("Bambang") and a post in the same body match.

Two articles (our own writing) name two different presidents of one confederation;
the sources disagree, and both claims must stay (each its own node), as issue 5 asks.
A short form and a partial name of one man still join him.
"""

from __future__ import annotations

from click.testing import CliRunner

import unionkg
from unionkg.cli import main

ID_TEXT = (
    "Serikat buruh membahas pekerja migran\n\n"
    "Jakarta, Selasa (16/12/2025) - Presiden Konfederasi Serikat Pekerja Seluruh Indonesia (KSPSI) "
    "Bambang Sutrisno menerima delegasi serikat pekerja dari Malaysia di kantor pusat KSPSI.\n"
    "\"Pekerja migran membutuhkan pendampingan serikat di kedua negara,\" kata Bambang.\n"
)
EN_TEXT = (
    "Unions discuss migrant workers\n\n"
    "Kuala Lumpur, 18 December 2025 - KSPSI President Bambang Suryadi met Malaysian union leaders "
    "on Thursday to discuss the protection of migrant workers.\n"
)
EN_SAME = (
    "Unions plan training\n\n"
    "Jakarta, 20 December 2025 - KSPSI President Bambang Sutrisno said the confederation will train "
    "migrant workers next year. Sutrisno spoke at a press conference in Jakarta.\n"
)


def _persons(db):
    with unionkg.open(str(db)) as store:
        return sorted(e["name"] for e in store.entities("Person") if "Bambang" in e["name"] or "Sutrisno" in e["name"])


def _ingest(tmp_path, texts):
    paths = []
    for i, text in enumerate(texts):
        p = tmp_path / f"{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    db = tmp_path / "r.db"
    result = CliRunner().invoke(main, ["ingest", *paths, "--store", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def test_different_full_names_stay_apart_across_documents(tmp_path):
    db = _ingest(tmp_path, [ID_TEXT, EN_TEXT])
    assert _persons(db) == ["Bambang Suryadi", "Bambang Sutrisno"]


def test_different_full_names_stay_apart_in_either_order(tmp_path):
    db = _ingest(tmp_path, [EN_TEXT, ID_TEXT])
    assert _persons(db) == ["Bambang Suryadi", "Bambang Sutrisno"]


def test_same_full_name_still_merges_across_documents(tmp_path):
    db = _ingest(tmp_path, [ID_TEXT, EN_SAME])
    assert _persons(db) == ["Bambang Sutrisno"]


def test_analyst_merge_of_two_full_names_holds_after_rebuild_and_reingest(tmp_path):
    """The analyst says the two are one man: the target keeps its own mentions too."""
    db = _ingest(tmp_path, [ID_TEXT, EN_TEXT])
    with unionkg.open(str(db)) as store:
        ids = {e["name"]: e["id"] for e in store.entities("Person") if e["name"].startswith("Bambang")}
    runner = CliRunner()
    r = runner.invoke(main, ["entities", "merge", ids["Bambang Suryadi"], ids["Bambang Sutrisno"],
                             "--store", str(db), "--author", "qa"])
    assert r.exit_code == 0, r.output
    assert len(_persons(db)) == 1
    assert runner.invoke(main, ["entities", "rebuild", "--store", str(db)]).exit_code == 0
    assert len(_persons(db)) == 1
    paths = [str(tmp_path / "0.txt"), str(tmp_path / "1.txt")]
    assert runner.invoke(main, ["ingest", *paths, "--store", str(db), "--quiet"]).exit_code == 0
    with unionkg.open(str(db)) as store:
        people = [e for e in store.entities("Person") if e["name"].startswith("Bambang")]
    assert [p["id"] for p in people] == [ids["Bambang Suryadi"]]
