"""Acceptance findings on the CLI's shared options and the docs (QA pass).

- A read command on a store file that does not exist says so (exit 2) instead of
  silently creating an empty database at a mistyped path.
- A --neo4j URI with a scheme other than bolt/neo4j is a one-line usage error,
  never a traceback (the driver's preview HTTP mode needs an extra package).
- Every `unionkg CMD` the docs name is a real command.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from unionkg.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs"
README = Path(__file__).resolve().parent.parent / "README.md"

ARTICLE = (
    "Serikat buruh bertemu di Jakarta\n\n"
    "Jakarta, Selasa (16/12/2025) - Presiden Konfederasi Serikat Pekerja Seluruh Indonesia (KSPSI) "
    "Budi Hartono menerima delegasi serikat pekerja dari Malaysia.\n"
)


@pytest.mark.parametrize("args", [
    ["stats"],
    ["query", "officials", "--param", "org=KSPSI"],
    ["entities", "list"],
    ["export", "--format", "turtle", "--out", "OUT"],
    ["viz", "--out", "OUT.html"],
])
def test_read_command_on_a_missing_store_fails_and_creates_nothing(tmp_path, args):
    store = tmp_path / "typo.db"
    args = [str(tmp_path / ("out" + a[3:])) if a.startswith("OUT") else a for a in args]
    result = CliRunner().invoke(main, [*args, "--store", str(store)])
    assert result.exit_code == 2, result.output
    assert not store.exists(), "a read command created an empty store"
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and str(store) in lines[0] and "Traceback" not in result.output


def test_ingest_still_creates_the_store_and_reads_then_work(tmp_path):
    store = tmp_path / "new.db"
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(art), "--store", str(store), "--quiet"]).exit_code == 0
    assert store.exists()
    result = runner.invoke(main, ["stats", "--store", str(store)])
    assert result.exit_code == 0 and "Document" in result.output


def test_import_reference_creates_a_store(tmp_path):
    store = tmp_path / "ref.db"
    csv = tmp_path / "ref.csv"
    csv.write_text("name,aliases,country,kind,parent,wikidata\nSerikat Contoh Nelayan,SCN,ID,union,,\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["import-reference", str(csv), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert store.exists()


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "ftp://x", "localhost:7687"])
def test_unsupported_neo4j_uri_is_one_line_exit_2(uri):
    result = CliRunner().invoke(main, ["stats", "--neo4j", uri, "--neo4j-password", "s3cret-QA"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and uri in lines[0] and "bolt://" in lines[0]
    assert "s3cret-QA" not in result.output


def test_every_command_the_docs_name_exists():
    import click

    def names(group: click.Group, prefix: str = ""):
        for name, cmd in group.commands.items():
            yield prefix + name
            if isinstance(cmd, click.Group):
                yield from names(cmd, prefix + name + " ")

    known = set(names(main))
    texts = [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))] + [README.read_text(encoding="utf-8")]
    missing = set()
    for text in texts:
        # `unionkg CMD …` in backticks, and command lines in code blocks
        for m in re.finditer(r"(?:`|^\s*)unionkg ([a-z][a-z0-9-]*)", text, flags=re.M):
            word = m.group(1)
            if word not in known and word not in {"works"}:
                missing.add(word)
    assert not missing, f"docs name commands that do not exist: {sorted(missing)}"
