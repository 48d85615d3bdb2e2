"""``unionkg export``, ``unionkg validate``, ``unionkg import-rdf``: the graph as RDF and other formats."""

from __future__ import annotations

from pathlib import Path

import click

from unionkg.cli import main
from unionkg.cli.options import EXIT_INPUT, EXIT_USAGE, fail, open_store_from, quiet_option, store_options

__all__ = ["export", "validate", "import_rdf"]


def _read_rdf(path: str):
    """Parse an RDF file (format from the suffix; Turtle when unknown); one-line error otherwise."""
    import rdflib
    from rdflib.util import guess_format

    fmt = guess_format(path) or "turtle"
    g = rdflib.Graph()
    try:
        g.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        fail(f"{path}: not readable as {fmt} RDF ({reason})", EXIT_USAGE)
    return g


@main.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "jsonld", "graphml", "gexf", "csv"]),
              default="turtle", show_default=True,
              help="turtle/jsonld: RDF with provenance; graphml/gexf: for Gephi, yEd, Cytoscape; "
                   "csv: entities.csv, relations.csv, evidence.csv in a folder (or a zip when --out ends in .zip).")
@click.option("--out", "out", required=True, type=click.Path(), metavar="FILE",
              help="Output file (a folder or .zip for csv).")
@click.option("--with-text", is_flag=True, help="RDF only: include each document's full text (ukg:text).")
@store_options
@quiet_option
def export(fmt: str, out: str, with_text: bool, store_spec: dict, quiet: bool) -> None:
    """Write the whole graph to FILE as RDF, GraphML, GEXF or CSV.

    RDF uses the ontology in ontology/unionkg.ttl: every statement keeps the
    document and sentence it was read from, and entities with a Wikidata ID get
    owl:sameAs and skos:exactMatch links.

    Example: unionkg export --format turtle --out graph.ttl
    """
    from unionkg.graph.export import export as do_export

    parent = Path(out).resolve().parent
    if not parent.is_dir():
        fail(f"{out}: folder {parent} does not exist")
    with open_store_from(store_spec) as store:
        try:
            summary = do_export(store, fmt, out, with_text=with_text)
        except OSError as exc:
            fail(f"{out}: cannot write ({exc.strerror or exc})")
    if not quiet:
        sizes = ", ".join(f"{summary[k]} {k}" for k in ("triples", "nodes", "edges") if k in summary)
        click.echo(f"wrote {summary['out']} ({fmt}{': ' + sizes if sizes else ''})", err=True)


@main.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@store_options
@quiet_option
def validate(file: str | None, store_spec: dict, quiet: bool) -> None:
    """Check RDF against the SHACL shapes (ontology/shapes.ttl).

    Validates FILE (Turtle, JSON-LD, N-Triples, RDF/XML by suffix) or, without
    FILE, the store's export. Prints one line per violation and exits 1 when
    there is any: e.g. a tenure without a person, an end date before the start,
    a fact without a source document.

    Example: unionkg validate graph.ttl
    """
    from unionkg.ontology.rdf import store_to_rdf, validate as run_shapes

    if file:
        graph = _read_rdf(file)
        what = file
    else:
        with open_store_from(store_spec) as store:
            graph = store_to_rdf(store)
        what = "the store"
    lines = run_shapes(graph)
    for line in lines:
        click.echo(line)
    if not quiet:
        click.echo(f"{what}: {len(lines)} violation(s) in {len(graph)} triples" if lines
                   else f"{what}: conforms ({len(graph)} triples)", err=True)
    if lines:
        raise SystemExit(EXIT_INPUT)


@main.command("import-rdf")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@store_options
@quiet_option
def import_rdf(file: str, store_spec: dict, quiet: bool) -> None:
    """Load an RDF export (from `unionkg export --format turtle|jsonld`) into the store.

    Documents, entities, relations, evidence, member counts, reference data and
    Wikidata links come back; an export of the result is isomorphic to FILE
    (without --with-text, documents come back without their text).

    Example: unionkg import-rdf graph.ttl --store copy.db
    """
    from unionkg.ontology.rdf import import_rdf as do_import

    graph = _read_rdf(file)
    with open_store_from(store_spec, create=True) as store:
        try:
            counts = do_import(graph, store)
        except ValueError as exc:
            fail(f"{file}: {exc}", EXIT_INPUT)
    if not quiet:
        click.echo(", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()), err=True)
