"""unionkg — a knowledge graph of trade-union relationships in Southeast Asia.

The Python API mirrors the CLI::

    import unionkg
    store = unionkg.open("unionkg.db")            # embedded default
    store = unionkg.open(neo4j="bolt://127.0.0.1:7687")

Subpackages: ``ontology`` (vocabularies, shapes, RDF), ``ingest`` (loaders,
extraction, resolution), ``graph`` (model, stores, exports), ``queries``
(named queries, analytics), ``viz`` (network pages, figures).
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["open", "__version__"]


def open(path: str | None = None, *, neo4j: str | None = None, **kwargs):  # noqa: A001 - mirrors sqlite3.connect
    """Open a store: the embedded SQLite file at ``path`` (default ``./unionkg.db``
    or ``$UNIONKG_STORE``), or Neo4j at the ``neo4j`` URI (credentials from
    keyword arguments or ``NEO4J_USERNAME``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``)."""
    from unionkg.graph.store import open_store

    return open_store(path=path, neo4j_uri=neo4j, **kwargs)
