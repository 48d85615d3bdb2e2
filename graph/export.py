"""Hand the graph on: RDF (Turtle, JSON-LD), GraphML, GEXF and CSV.

- ``turtle``/``jsonld``: the RDF instance data of :func:`unionkg.ontology.rdf.store_to_rdf`
  (classes and concepts from ``ontology/unionkg.ttl``, provenance per sentence).
- ``graphml``/``gexf``: the networkx projection (``store.to_networkx()``) for
  Gephi, yEd, Cytoscape; list attributes are joined with ``"; "``, objects as
  JSON, missing values left out; each node and edge carries ``documents``, the
  IDs of the documents it was read from.
- ``csv``: ``entities.csv``, ``relations.csv`` and ``evidence.csv`` (one row per
  sentence a fact was read from) in a folder, or in a zip when ``out`` ends
  with ``.zip``.

>>> import tempfile, os
>>> from unionkg.graph.store import open_store
>>> with open_store(":memory:") as s, tempfile.TemporaryDirectory() as d:
...     export(s, "csv", os.path.join(d, "g.zip"))["files"]
['entities.csv', 'relations.csv', 'evidence.csv']
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["FORMATS", "export", "flat_networkx"]

FORMATS = ("turtle", "jsonld", "graphml", "gexf", "csv")

_ENTITY_COLUMNS = ["id", "type", "name", "aliases"]
_RELATION_COLUMNS = ["id", "type", "source", "target", "role", "title", "start", "end"]
_EVIDENCE_COLUMNS = ["fact", "fact_type", "document", "source", "title", "published", "start", "end", "text"]


def _flat(value: Any) -> Any:
    """A value GraphML/GEXF/CSV can hold: lists joined with '; ', objects as JSON."""
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _documents(store: Any, fact_id: str) -> str:
    return "; ".join(dict.fromkeys(ev["document"] for ev in store.evidence(fact_id)))


def flat_networkx(store: Any) -> nx.MultiDiGraph:
    """``store.to_networkx()`` with every attribute a scalar, a ``label`` and ``documents``."""
    g = store.to_networkx()
    flat = nx.MultiDiGraph()
    for node, attrs in g.nodes(data=True):
        data = {k: _flat(v) for k, v in attrs.items() if v is not None and k != "id"}
        data["label"] = attrs.get("name", node)
        data["documents"] = _documents(store, node)
        flat.add_node(node, **data)
    for u, v, key, attrs in g.edges(keys=True, data=True):
        data = {k: _flat(val) for k, val in attrs.items() if val is not None and k != "id"}
        data["label"] = attrs.get("type", "")
        data["documents"] = _documents(store, key)
        flat.add_edge(u, v, key=key, **data)
    return flat


def _csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else _flat(row.get(c)) for c in columns])
    return buf.getvalue()


def _csv_files(store: Any) -> dict[str, str]:
    entities = store.entities()
    relations = store.relations()
    e_extra = sorted({k for e in entities for k in e} - set(_ENTITY_COLUMNS))
    r_extra = sorted({k for r in relations for k in r} - set(_RELATION_COLUMNS))
    evidence = []
    for fact_type, facts in (("entity", entities), ("relation", relations)):
        for f in facts:
            for ev in store.evidence(f["id"]):
                evidence.append({"fact": f["id"], "fact_type": fact_type, **ev})
    return {
        "entities.csv": _csv_text(entities, _ENTITY_COLUMNS + e_extra),
        "relations.csv": _csv_text(relations, _RELATION_COLUMNS + r_extra),
        "evidence.csv": _csv_text(evidence, _EVIDENCE_COLUMNS),
    }


def export(store: Any, fmt: str, out: str | os.PathLike[str], with_text: bool = False) -> dict[str, Any]:
    """Write the store's graph to ``out`` in ``fmt`` (one of :data:`FORMATS`).

    ``with_text`` (RDF only) includes each document's full text. Returns a
    summary: ``{"format", "out", "files"}`` plus ``triples`` for RDF or
    ``nodes``/``edges`` for the network formats. Raises ValueError for an
    unknown format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    path = Path(out)
    summary: dict[str, Any] = {"format": fmt, "out": str(path), "files": [path.name]}
    if fmt in ("turtle", "jsonld"):
        from unionkg.ontology.rdf import store_to_rdf

        g = store_to_rdf(store, with_text=with_text)
        if fmt == "turtle":
            g.serialize(destination=str(path), format="turtle", encoding="utf-8")
        else:
            context = {prefix: str(ns) for prefix, ns in g.namespaces() if prefix}
            g.serialize(destination=str(path), format="json-ld", context=context, auto_compact=True,
                        encoding="utf-8")
        summary["triples"] = len(g)
    elif fmt in ("graphml", "gexf"):
        g = flat_networkx(store)
        if fmt == "graphml":
            nx.write_graphml(g, str(path), encoding="utf-8")
        else:
            nx.write_gexf(g, str(path), encoding="utf-8")
        summary["nodes"], summary["edges"] = g.number_of_nodes(), g.number_of_edges()
    else:
        files = _csv_files(store)
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for name, text in files.items():
                    zf.writestr(name, text)
        else:
            path.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                (path / name).write_text(text, encoding="utf-8")
        summary["files"] = list(files)
    return summary
