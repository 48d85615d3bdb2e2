"""Shared CLI options: store selection precedence and output formats."""

from __future__ import annotations

import json

from click.testing import CliRunner

import unionkg
from unionkg.cli import main


def _empty_store(path):
    """An existing, empty store: read commands refuse a store file that does not exist."""
    unionkg.open(str(path)).close()
    return str(path)


def test_explicit_store_beats_neo4j_uri_from_the_environment(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["stats", "--store", _empty_store(tmp_path / "s.db"), "--format", "json"],
                           env={"NEO4J_URI": "bolt://127.0.0.1:1"})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0] == {"what": "documents", "type": "Document", "count": 0}


def test_both_stores_on_the_command_line_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["stats", "--store", str(tmp_path / "s.db"), "--neo4j", "bolt://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "either --store or --neo4j" in result.output


def test_unreachable_neo4j_is_one_line_naming_the_uri_without_the_password():
    result = CliRunner().invoke(main, ["stats", "--neo4j", "bolt://127.0.0.1:1", "--neo4j-password", "s3cret-pw"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "bolt://127.0.0.1:1" in lines[0]
    assert "s3cret-pw" not in result.output
    assert "Traceback" not in result.output


def test_csv_and_table_formats(tmp_path):
    runner = CliRunner()
    csv_out = runner.invoke(main, ["stats", "--store", _empty_store(tmp_path / "s.db"), "--format", "csv"]).output
    assert csv_out.splitlines()[0] == "what,type,count"
    table = runner.invoke(main, ["stats", "--store", str(tmp_path / "s.db")]).output
    assert table.splitlines()[0].split() == ["what", "type", "count"]
