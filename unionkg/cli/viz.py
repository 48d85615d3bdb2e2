"""``unionkg viz``: draw the graph as one offline HTML page (pyvis) and/or a PNG/SVG figure."""

from __future__ import annotations

import click

from unionkg.cli import main
from unionkg.cli.options import fail, quiet_option, store_options

__all__ = ["viz"]


@main.command()
@click.option("--focus", metavar="NAME", help="Draw only the neighbourhood of this entity (name, alias or id).")
@click.option("--depth", type=click.IntRange(min=1), default=2, show_default=True, help="Relations around --focus.")
@click.option("--country", metavar="CC", help="Organisations (and places) of this country and what is attached to them.")
@click.option("--as-of", "as_of", metavar="DATE", help="Posts held and events/agreements dated on or before DATE.")
@click.option("--kinds", metavar="KIND,...", help="Organisation kinds to keep (ontology IDs, comma-separated).")
@click.option("--out", type=click.Path(dir_okay=False), help="HTML page to write.")
@click.option("--png", type=click.Path(dir_okay=False), help="Also write a static PNG figure.")
@click.option("--svg", type=click.Path(dir_okay=False), help="Also write a static SVG figure.")
@click.option("--title", default=None, help="Title shown in the legend.")
@click.option("--with-reference", is_flag=True,
              help="Also draw reference bodies that no document connects (hidden by default).")
@store_options
@quiet_option
def viz(focus: str | None, depth: int, country: str | None, as_of: str | None, kinds: str | None, out: str | None,
        with_reference: bool,
        png: str | None, svg: str | None, title: str | None, store_spec: dict, quiet: bool) -> None:
    """Draw the network: one self-contained HTML page (works offline), colour by organisation kind and
    country, shape by type, size by centrality, tooltips with the source sentences."""
    import os

    from unionkg.queries.params import QueryError, parse_date
    from unionkg.queries.resolve import resolve

    if not (out or png or svg):
        fail("viz: nothing to write; give --out FILE.html, --png FILE or --svg FILE")
    if out and not out.lower().endswith((".html", ".htm")):
        fail(f"viz: --out {out}: the page must end in .html")
    for path in (out, png, svg):
        if path and not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            fail(f"viz: {path}: folder {os.path.dirname(os.path.abspath(path))} does not exist")
    if as_of:
        try:
            as_of = parse_date(as_of)
        except ValueError as exc:
            fail(f"viz: --as-of: {exc}")
    if country:
        country = country.strip().upper()
        if len(country) != 2 or not country.isalpha():
            fail(f"viz: --country {country!r}: expected a two-letter country code")
    kind_list = None
    if kinds:
        from unionkg.ontology.vocab import scheme_ids

        kind_list = [k.strip() for k in kinds.split(",") if k.strip()]
        unknown = [k for k in kind_list if k not in scheme_ids("org_kind")]
        if unknown:
            fail(f"viz: --kinds: unknown organisation kind {unknown[0]!r} (known: {', '.join(scheme_ids('org_kind'))})")

    from unionkg.viz.network import build_page, select

    with open_store(store_spec) as store:
        focus_id = None
        if focus:
            try:
                focus_id = resolve(store, focus)["id"]
            except QueryError as exc:
                fail(f"viz: --focus: {exc}")
        g = select(store.to_networkx(), focus=focus_id, depth=depth, country=country, as_of=as_of, kinds=kind_list,
                   with_reference=with_reference)
        heading = title or ("unionkg network" + (f" around {focus}" if focus else "") + (f", {country}" if country else "")
                            + (f", as of {as_of}" if as_of else ""))
        if out:
            build_page(store, g, out, heading)
            if not quiet:
                click.echo(f"wrote {out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} relations", err=True)
    for path in (png, svg):
        if path:
            from unionkg.viz.static import write_figure

            try:
                write_figure(g, path, heading)
            except ValueError as exc:
                fail(f"viz: {exc}")
            if not quiet:
                click.echo(f"wrote {path}", err=True)


def open_store(spec: dict):
    from unionkg.cli.options import open_store_from

    return open_store_from(spec)
