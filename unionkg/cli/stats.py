"""``unionkg stats``: counts per entity type and relation type."""

from __future__ import annotations

import click

from unionkg.cli import main
from unionkg.cli.options import emit_rows, format_option, open_store_from, store_options


@main.command()
@store_options
@format_option
def stats(store_spec: dict, fmt: str) -> None:
    """Count documents, entities per type and relations per type."""
    with open_store_from(store_spec) as store:
        s = store.stats()
    rows = [{"what": "documents", "type": "Document", "count": s["documents"]}]
    rows += [{"what": "entities", "type": t, "count": n} for t, n in s["entities"].items()]
    rows += [{"what": "relations", "type": t, "count": n} for t, n in s["relations"].items()]
    emit_rows(rows, fmt, columns=["what", "type", "count"])
