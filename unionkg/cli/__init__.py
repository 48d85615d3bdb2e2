"""The ``unionkg`` command line: a thin click layer over the Python API.

Each command group lives in its own module beside this one and registers
itself on :data:`main`; shared options (store selection, output format) are
in :mod:`unionkg.cli.options`.

Exit codes: 0 ok, 1 some inputs failed (the others were stored), 2 usage or
connection error.
"""

from __future__ import annotations

import importlib

import click

from unionkg import __version__

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unionkg")
def main() -> None:
    """unionkg: a knowledge graph of trade-union relationships in Southeast Asia.

    Read articles (ingest), ask the graph (query, cypher, analyze), draw it
    (viz) and hand it on (export). The embedded store ./unionkg.db is the
    default; --neo4j URI (or NEO4J_URI) selects a Neo4j database.
    """


# Command modules, each registering its commands on `main`. Listed here so
# that `unionkg --help` shows every command; a module that fails to import is a bug.
COMMAND_MODULES = [
    "ingest",
    "stats",
    "neo4j",
    "ontology",
    "query",
    "viz",
    "entities",
]

for _name in COMMAND_MODULES:
    importlib.import_module(f"unionkg.cli.{_name}")
