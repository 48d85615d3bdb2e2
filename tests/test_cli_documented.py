"""Every CLI command has --help text and is documented in docs/ (as sqlite-utils does)."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from unionkg.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _commands(group: click.Group, prefix: str = ""):
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        yield full, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, full + " ")


def test_every_command_has_help_and_a_line_in_the_docs():
    docs = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))
    runner = CliRunner()
    names = []
    for full, cmd in _commands(main):
        names.append(full)
        assert (cmd.help or "").strip(), f"`unionkg {full}` has no help text"
        result = runner.invoke(main, [*full.split(), "--help"])
        assert result.exit_code == 0, (full, result.output)
        assert f"unionkg {full}" in docs, f"`unionkg {full}` is not documented in docs/*.md"
    assert {"ingest", "extract", "stats", "query", "viz", "export", "neo4j", "cypher"} <= set(names)
