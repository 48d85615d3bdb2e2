"""``unionkg query``, ``unionkg cypher`` and ``unionkg analyze``: ask the graph.

``query NAME --param k=v`` runs a named query (:mod:`unionkg.queries.named`);
``cypher`` runs Cypher on Neo4j, read-only unless ``--write``; ``analyze``
prints network measures (:mod:`unionkg.queries.analytics`).
"""

from __future__ import annotations

from typing import Any

import click

from unionkg.cli import main
from unionkg.cli.options import emit_rows, fail, format_option, open_store_from, store_options
from unionkg.queries.named import QUERIES

__all__ = ["query", "cypher", "analyze", "parse_params", "flatten_sources"]


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """``("org=KSPSI", "as-of=2025")`` → ``{"org": "KSPSI", "as_of": "2025"}``; a pair without '=' exits 2."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--param {pair!r}: expected KEY=VALUE")
        out[key.strip().replace("-", "_")] = value
    return out


def flatten_sources(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For table and CSV output: each row's sources as ``sentence [source, published]`` joined by ' | '."""
    out = []
    for row in rows:
        if "sources" in row and isinstance(row["sources"], list):
            row = dict(row)
            row["sources"] = " | ".join(
                f"{s.get('sentence', '')} [{', '.join(str(x) for x in (s.get('source'), s.get('published')) if x)}]"
                for s in row["sources"])
        out.append(row)
    return out


def _emit(rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...] | None) -> None:
    if fmt == "json":
        emit_rows(rows, fmt)
    elif fmt == "csv":
        emit_rows(flatten_sources(rows), fmt)  # every column, for spreadsheets
    else:
        emit_rows(flatten_sources(rows), fmt, columns=list(columns) if columns else None)


def _query_help() -> str:
    lines = ["Run a named query. NAME is one of:\n\n\b"]
    for name, q in QUERIES.items():
        params = " ".join(f"{p.name}=…" if p.required else f"[{p.name}]" for p in q.params)
        lines.append(f"  {name:<13}{q.help}; {params}".rstrip("; "))
    lines.append("\nNames resolve through aliases and acronyms; an ambiguous name lists its candidates.")
    return "\n".join(lines)


@main.command(help=_query_help())
@click.argument("name", type=click.Choice(list(QUERIES)), metavar="NAME")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--as-of", "as_of", metavar="DATE", help="Shorthand for --param as_of=DATE.")
@store_options
@format_option
def query(name: str, params: tuple[str, ...], as_of: str | None, store_spec: dict, fmt: str) -> None:
    from unionkg.queries.named import run
    from unionkg.queries.params import QueryError

    given = parse_params(params)
    if as_of is not None:
        given["as_of"] = as_of
    with open_store_from(store_spec) as store:
        try:
            rows = run(store, name, **given)
        except QueryError as exc:
            fail(str(exc))
    _emit(rows, fmt, QUERIES[name].columns or None)


@main.command()
@click.argument("cypher_query", metavar="QUERY")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (repeatable); the value is JSON when it parses, else a string.")
@click.option("--write", is_flag=True, help="Allow the query to write (default: a READ transaction).")
@store_options
@format_option
def cypher(cypher_query: str, params: tuple[str, ...], write: bool, store_spec: dict, fmt: str) -> None:
    """Run Cypher on Neo4j (--neo4j URI), read-only unless --write; values go in as $parameters."""
    from unionkg.queries.cypher import CypherError, parse_value, run_cypher

    if not store_spec.get("neo4j_uri"):
        fail("cypher needs --neo4j URI (or $NEO4J_URI): the embedded store has no Cypher; use `unionkg query`")
    values = {k: parse_value(v) for k, v in parse_params(params).items()}
    try:
        columns, rows = run_cypher(store_spec["neo4j_uri"], cypher_query, values, write=write,
                                   user=store_spec.get("user"), password=store_spec.get("password"),
                                   database=store_spec.get("database"))
    except CypherError as exc:
        fail(f"cypher: {exc}")
    emit_rows(rows, fmt, columns=columns)


@main.group()
def analyze() -> None:
    """Network measures on a projection of the graph (networkx): centrality, brokers, communities, kcore."""


_projection = click.option("--projection", type=click.Choice(["all", "org", "person-org"]), default=None,
                           help="Which graph: every entity, organisations only, or persons and organisations.")
_top = click.option("--top", type=click.IntRange(min=0), default=20, show_default=True, help="Rows to print (0: all).")


def _analysis(func_name: str, store_spec: dict, fmt: str, projection: str | None, default: str, **kw: Any) -> None:
    from unionkg.queries import analytics

    with open_store_from(store_spec) as store:
        graph = store.to_networkx()
    rows = getattr(analytics, func_name)(graph, projection=projection or default, **kw)
    if fmt != "json":
        rows = [{k: v for k, v in r.items() if k != "member_ids"} for r in rows]
    emit_rows(rows, fmt)


@analyze.command()
@_projection
@_top
@store_options
@format_option
def centrality(projection: str | None, top: int, store_spec: dict, fmt: str) -> None:
    """Degree, betweenness and eigenvector centrality, highest degree first (default projection: all)."""
    _analysis("centrality", store_spec, fmt, projection, "all", top=top or None)


@analyze.command()
@_projection
@_top
@store_options
@format_option
def brokers(projection: str | None, top: int, store_spec: dict, fmt: str) -> None:
    """Nodes linking organisations of several countries (default projection: org)."""
    _analysis("brokers", store_spec, fmt, projection, "org", top=top or None)


@analyze.command()
@_projection
@click.option("--resolution", type=float, default=1.0, show_default=True, help="Louvain resolution.")
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True, help="Smallest community shown.")
@store_options
@format_option
def communities(projection: str | None, resolution: float, min_size: int, store_spec: dict, fmt: str) -> None:
    """Louvain communities with a fixed seed, largest first (default projection: org)."""
    _analysis("communities", store_spec, fmt, projection, "org", resolution=resolution, min_size=min_size)


@analyze.command()
@_projection
@click.option("--k", "k", type=click.IntRange(min=1), default=None, help="Core order (default: the main core).")
@store_options
@format_option
def kcore(projection: str | None, k: int | None, store_spec: dict, fmt: str) -> None:
    """Members of the k-core with their core numbers (default projection: org)."""
    _analysis("kcore", store_spec, fmt, projection, "org", k=k)
