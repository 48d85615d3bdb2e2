"""Options shared by many commands: which store, which output format, quiet."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click

__all__ = ["store_options", "format_option", "quiet_option", "open_store_from", "emit_rows", "fail", "EXIT_INPUT", "EXIT_USAGE", "NEO4J_SCHEMES"]

EXIT_INPUT = 1  # some inputs failed, the others were stored
EXIT_USAGE = 2  # usage or connection error


def store_options(func: Callable) -> Callable:
    """--store PATH | --neo4j URI with credentials; passes ``store_spec`` (a dict) to the command."""

    @click.option("--store", "store_path", type=click.Path(dir_okay=False), envvar="UNIONKG_STORE",
                  help="Embedded store file (default ./unionkg.db, or $UNIONKG_STORE).")
    @click.option("--neo4j", "neo4j_uri", envvar="NEO4J_URI", metavar="URI",
                  help="Use Neo4j at URI (bolt:// or neo4j://) instead of the embedded store; or $NEO4J_URI.")
    @click.option("--neo4j-user", envvar="NEO4J_USERNAME", default="neo4j", show_default=True, help="Neo4j user ($NEO4J_USERNAME).")
    @click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default=None, help="Neo4j password ($NEO4J_PASSWORD).")
    @click.option("--neo4j-database", envvar="NEO4J_DATABASE", default=None, help="Neo4j database ($NEO4J_DATABASE).")
    @functools.wraps(func)
    def wrapper(*args: Any, store_path: str | None, neo4j_uri: str | None, neo4j_user: str,
                neo4j_password: str | None, neo4j_database: str | None, **kwargs: Any) -> Any:
        # An explicit --store beats a NEO4J_URI that only comes from the environment;
        # naming both on the command line is a usage error.
        ctx = click.get_current_context()
        src_store = ctx.get_parameter_source("store_path")
        src_neo4j = ctx.get_parameter_source("neo4j_uri")
        if store_path and neo4j_uri:
            if src_store == click.core.ParameterSource.COMMANDLINE and src_neo4j == click.core.ParameterSource.COMMANDLINE:
                fail("give either --store or --neo4j, not both")
            if src_store == click.core.ParameterSource.COMMANDLINE:
                neo4j_uri = None
        kwargs["store_spec"] = {
            "path": store_path,
            "neo4j_uri": neo4j_uri,
            "user": neo4j_user,
            "password": neo4j_password,
            "database": neo4j_database,
        }
        return func(*args, **kwargs)

    return wrapper


format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
    help="Output format for rows.",
)

quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr.")


def fail(message: str, code: int = EXIT_USAGE) -> None:
    """Print one line to stderr and exit with ``code``."""
    click.echo(f"unionkg: error: {message}", err=True)
    sys.exit(code)


# The schemes the official driver speaks over Bolt; its preview HTTP mode needs an
# extra package and is no store backend here.
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def open_store_from(spec: dict[str, Any], *, create: bool = False):
    """Open the store a command's options name; a connection problem is one line and exit 2.

    Only commands that write the graph pass ``create=True``: a read command on an
    embedded store file that does not exist says so instead of creating an empty
    database at a mistyped path."""
    from unionkg.graph.store import DEFAULT_STORE, StoreError, open_store

    uri = spec.get("neo4j_uri")
    if uri:
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in NEO4J_SCHEMES:
            fail(f"{uri}: not a Neo4j Bolt URI (expected bolt://HOST:PORT or neo4j://HOST:PORT, "
                 f"also +s/+ssc for TLS)")
    else:
        path = spec.get("path") or os.environ.get("UNIONKG_STORE") or DEFAULT_STORE
        if not create and path != ":memory:" and not os.path.exists(path):
            fail(f"{path}: no store here (run `unionkg ingest` first, or name the file with --store / UNIONKG_STORE)")
    try:
        return open_store(path=spec.get("path"), neo4j_uri=spec.get("neo4j_uri"), user=spec.get("user"),
                          password=spec.get("password"), database=spec.get("database"))
    except StoreError as exc:
        fail(str(exc))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def emit_rows(rows: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None,
              out: Any = None) -> None:
    """Print rows as an aligned table, a JSON array or CSV. Table and CSV cells
    flatten lists with '; ' and nested objects as JSON."""
    rows = list(rows)
    out = out or click.get_text_stream("stdout")
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if columns is None:
        columns = []
        for row in rows:
            for key in row:
                if key not in columns:
                    columns.append(key)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        out.write(buf.getvalue())
        return
    if not rows:
        out.write("(no rows)\n")
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    limit = 60
    cells = [[c if len(c) <= limit else c[: limit - 1] + "…" for c in r] for r in cells]
    widths = [max(len(str(col)), *(len(r[i]) for r in cells)) for i, col in enumerate(columns)]
    out.write("  ".join(str(c).ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in {"1", "true", "yes"}
