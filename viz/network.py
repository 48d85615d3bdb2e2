"""Interactive network pages with pyvis: one self-contained HTML file that works offline.

:func:`select` cuts the part of the graph to draw (focus and depth, country,
date, organisation kinds); :func:`build_page` styles it — fill colour by
organisation kind, border colour by country, shape by entity type, size by
degree centrality, edge labels by role — adds tooltips with the source
sentences and dates, a legend, and precomputed positions (:mod:`.layout`), then
writes the page. vis-network is inlined (``cdn_resources="in_line"``) and the
template's bootstrap CDN links are removed, so the page loads nothing.

Tooltips are HTML built only by :mod:`unionkg.viz.escape` and handed to
vis-network as DOM elements (strings would be shown as plain text); node and
edge data sit in the page as JSON with ``<``/``>``/``&`` escaped.

>>> import unionkg, tempfile, os
>>> with unionkg.open(":memory:") as store, tempfile.TemporaryDirectory() as d:
...     page = build_page(store, store.to_networkx(), os.path.join(d, "g.html"))
...     re.search(r'(?:src|href)="https?://', open(page, encoding="utf-8").read())

"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import networkx as nx

from unionkg.queries.fast import evidence_many
from unionkg.queries.params import date_in_range
from unionkg.viz import escape
from unionkg.viz.layout import layout

__all__ = ["select", "build_page", "style", "TYPE_SHAPES"]

TYPE_SHAPES = {"Organization": "dot", "Person": "triangle", "Agreement": "square", "Event": "diamond",
               "Place": "triangleDown"}
TYPE_COLOURS = {"Person": "#b0bec5", "Agreement": "#ffe082", "Event": "#f48fb1", "Place": "#a5d6a7"}
# Colour-blind-friendly-ish qualitative palettes (Tableau 20 and a darker set for borders).
KIND_PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                "#9c755f", "#bab0ac", "#86bcb6", "#d37295", "#fabfd2", "#8cd17d"]
COUNTRY_PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
                   "#1f78b4", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#6a3d9a", "#b15928", "#000000"]
NO_COUNTRY = "#cfcfcf"
MAX_SENTENCES = 3
# Above this many nodes the browser keeps the precomputed positions (physics off);
# below it a short, bounded stabilisation tidies them.
PHYSICS_LIMIT = 800


def _kinds_order() -> list[str]:
    from unionkg.ontology.vocab import scheme_ids

    return scheme_ids("org_kind")


def _kind_label(kind: str) -> str:
    try:
        from unionkg.ontology.vocab import labels

        en = labels("org_kind", kind).get("en") or []
        return en[0] if en else kind
    except (KeyError, ValueError):
        return kind


# -- selection ---------------------------------------------------------------

def _dated_ok(d: dict[str, Any], as_of: str) -> bool:
    date = d.get("date")
    return not date or str(date)[: len(as_of)] <= as_of[: len(str(date))]


def select(graph: nx.MultiDiGraph, focus: str | None = None, depth: int = 2, country: str | None = None,
           as_of: str | None = None, kinds: list[str] | None = None,
           with_reference: bool = False) -> nx.MultiDiGraph:
    """The part of ``graph`` to draw. ``focus`` is an entity id (resolve names first).

    Reference bodies that no document connects (every relation they have is
    reference data, or none) are left out unless ``with_reference``: the page
    shows what the articles say, not the whole reference list."""
    g = graph.copy()
    if not with_reference:
        g.remove_edges_from([(a, b, k) for a, b, k, d in g.edges(keys=True, data=True) if d.get("reference")])
        g.remove_nodes_from([n for n, d in g.nodes(data=True)
                             if d.get("reference") and g.degree(n) == 0 and n != focus])
        # reference affiliations between bodies the documents do connect stay drawn
        g.add_edges_from((a, b, k, d) for a, b, k, d in graph.edges(keys=True, data=True)
                         if d.get("reference") and a in g and b in g)
    had_edges = {n for n in g if g.degree(n) > 0}
    if as_of:
        g.remove_edges_from([(a, b, k) for a, b, k, d in g.edges(keys=True, data=True)
                             if not date_in_range(d.get("start"), d.get("end"), as_of)])
        g.remove_nodes_from([n for n, d in g.nodes(data=True) if not _dated_ok(d, as_of)])
    if kinds:
        g.remove_nodes_from([n for n, d in g.nodes(data=True)
                             if d.get("type") == "Organization" and d.get("kind") not in kinds])
    if country:
        anchors = {n for n, d in g.nodes(data=True) if d.get("country") == country}
        keep = set(anchors)
        for n in anchors:
            keep.update(m for m in nx.all_neighbors(g, n) if g.nodes[m].get("type") != "Organization")
        g = g.subgraph(keep).copy()
    if focus is not None:
        if focus not in g:
            return nx.MultiDiGraph()
        ego = nx.ego_graph(g.to_undirected(as_view=True), focus, radius=depth)
        g = g.subgraph(ego.nodes).copy()
    # filters can strand nodes that were connected: drop those, keep ones never connected
    g.remove_nodes_from([n for n in list(g) if n in had_edges and g.degree(n) == 0 and n != focus])
    return g


# -- styling -------------------------------------------------------------------

def style(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Colours per organisation kind and country, present in ``g`` (for nodes, legend and figures)."""
    order = _kinds_order()
    present_kinds = sorted({d.get("kind") for _, d in g.nodes(data=True) if d.get("type") == "Organization"},
                           key=lambda k: (k not in order, order.index(k) if k in order else 0, str(k)))
    kinds = {k: KIND_PALETTE[(order.index(k) if k in order else len(order) + i) % len(KIND_PALETTE)]
             for i, k in enumerate(present_kinds)}
    countries = sorted({str(d["country"]) for _, d in g.nodes(data=True) if d.get("country")})
    return {"kinds": kinds, "countries": {c: COUNTRY_PALETTE[i % len(COUNTRY_PALETTE)] for i, c in enumerate(countries)}}


def _node_fill(d: dict[str, Any], st: dict[str, Any]) -> str:
    if d.get("type") == "Organization":
        return st["kinds"].get(d.get("kind"), "#dddddd")
    return TYPE_COLOURS.get(d.get("type"), "#dddddd")


def _sentences(evidence: dict[str, list[dict[str, Any]]], fact_id: str) -> tuple[list[str], int]:
    ev = evidence.get(fact_id, [])
    lines = [f"{e['text']} — {e.get('source') or e['document']}" + (f", {e['published']}" if e.get("published") else "")
             for e in ev[:MAX_SENTENCES]]
    return lines, max(0, len(ev) - MAX_SENTENCES)


def _node_tip(evidence: dict[str, list[dict[str, Any]]], n: str, d: dict[str, Any]) -> str:
    aliases = [a for a in d.get("aliases") or [] if a != d.get("name")]
    fields = [("type", d.get("type")), ("kind", d.get("kind")), ("country", d.get("country")),
              ("also", ", ".join(aliases[:5])), ("date", d.get("date")), ("status", d.get("status")),
              ("location", d.get("location")), ("members", d.get("members")), ("id", n)]
    lines, more = _sentences(evidence, n)
    return escape.tooltip(d.get("name", n), fields, lines, more)


def _edge_tip(evidence: dict[str, list[dict[str, Any]]], g: nx.MultiDiGraph, a: str, b: str, d: dict[str, Any]) -> str:
    heading = f"{g.nodes[a].get('name', a)} → {d.get('type')} → {g.nodes[b].get('name', b)}"
    span = " – ".join(x for x in (d.get("start"), d.get("end")) if x) or None
    fields = [("role", d.get("role")), ("title", d.get("title")), ("dates", span)]
    lines, more = _sentences(evidence, d.get("id", ""))
    return escape.tooltip(heading, fields, lines, more)


def _legend(g: nx.MultiDiGraph, st: dict[str, Any], title: str) -> str:
    types = sorted({d.get("type") for _, d in g.nodes(data=True) if d.get("type")})
    glyph = {"dot": "●", "triangle": "▲", "square": "■", "diamond": "◆", "triangleDown": "▼"}
    parts = [f"<div style='font-weight:bold;margin-bottom:4px'>{escape.text(title)}</div>",
             f"<div>{g.number_of_nodes()} nodes, {g.number_of_edges()} relations</div>",
             "<div style='margin-top:6px;font-weight:bold'>Shape: entity type</div>"]
    parts += [f"<div><span style='color:{TYPE_COLOURS.get(t, '#4e79a7')}'>{glyph[TYPE_SHAPES.get(t, 'dot')]}</span> "
              f"{escape.text(t)}</div>" for t in types]
    if st["kinds"]:
        parts.append("<div style='margin-top:6px;font-weight:bold'>Fill: organisation kind</div>")
        parts += [f"<div><span style='display:inline-block;width:10px;height:10px;border-radius:5px;"
                  f"background:{c}'></span> {escape.text(_kind_label(k) if k else 'unknown')}</div>"
                  for k, c in st["kinds"].items()]
    if st["countries"]:
        parts.append("<div style='margin-top:6px;font-weight:bold'>Border: country</div>")
        parts += [f"<div><span style='display:inline-block;width:8px;height:8px;border:3px solid {c}'></span> "
                  f"{escape.text(k)}</div>" for k, c in st["countries"].items()]
    parts.append("<div style='margin-top:6px;color:#666'>Size: degree centrality. Hover for sources.</div>")
    return ("<div id='unionkg-legend' style='position:absolute;top:8px;left:8px;z-index:10;background:#fffffff0;"
            "border:1px solid #ccc;padding:6px 8px;font:12px sans-serif;max-height:80vh;overflow:auto'>"
            + "".join(parts) + "</div>")


# Injected before the network is created: tooltip HTML → DOM elements (vis-network
# shows string titles as text), and physics switched off once the bounded stabilisation ends.
_TIPS_JS = """
                  [nodes, edges].forEach(function (set) {
                      set.forEach(function (item) {
                          if (item.tip) {
                              var div = document.createElement("div");
                              div.innerHTML = item.tip;
                              set.update({id: item.id, title: div});
                          }
                      });
                  });
                  network = new vis.Network(container, data, options);
                  network.once("stabilizationIterationsDone", function () {
                      network.setOptions({physics: {enabled: false}});
                  });
                  window.unionkgReady = true;"""


def _options(n_nodes: int) -> dict[str, Any]:
    physics = n_nodes <= PHYSICS_LIMIT
    return {
        "nodes": {"font": {"size": 12}, "borderWidth": 3},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 9, "align": "middle"},
                  "color": {"color": "#9e9e9e", "highlight": "#333333"}, "smooth": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n_nodes > 500},
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -3000, "springLength": 120, "avoidOverlap": 0.2},
                    "stabilization": {"enabled": True, "iterations": 150, "fit": True}},
        "layout": {"improvedLayout": False},
    }


def build_page(store: Any, g: nx.MultiDiGraph, out: str | Path, title: str = "unionkg network") -> Path:
    """Write the page for ``g`` (node/edge attributes as from ``store.to_networkx()``) to ``out``.

    ``store`` supplies the evidence sentences for tooltips (None: no sentences)."""
    from pyvis.network import Network

    st = style(g)
    und = nx.Graph(g.to_undirected(as_view=True)) if g.number_of_nodes() else nx.Graph()
    dc = nx.degree_centrality(und) if und.number_of_nodes() > 1 else {n: 0.0 for n in g}
    top = max(dc.values(), default=0.0) or 1.0
    pos = layout(g)
    # all tooltips' evidence in one bulk read (one round trip on Neo4j)
    evidence = {} if store is None else evidence_many(
        store, [*map(str, g.nodes), *(str(d.get("id")) for _, _, d in g.edges(data=True) if d.get("id"))])
    net = Network(height="92vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    for n, d in sorted(g.nodes(data=True), key=lambda x: str(x[0])):
        country = d.get("country")
        net.nodes.append({
            "id": n, "label": str(d.get("name", n)), "shape": TYPE_SHAPES.get(d.get("type"), "dot"),
            "size": round(8 + 30 * math.sqrt(dc.get(n, 0.0) / top), 2),
            "color": {"background": _node_fill(d, st), "border": st["countries"].get(str(country), NO_COUNTRY)
                      if country else NO_COUNTRY},
            "x": round(pos.get(n, (0, 0))[0], 1), "y": round(pos.get(n, (0, 0))[1], 1),
            "tip": _node_tip(evidence, n, d), "type": d.get("type"), "kind": d.get("kind"), "country": country,
        })
    for i, (a, b, k, d) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: str(e[2]))):
        net.edges.append({"id": str(k), "from": a, "to": b,
                          "label": str(d.get("role") or d.get("type", "")).lower().replace("_", " "),
                          "tip": _edge_tip(evidence, g, a, b, d)})
    net.options = _options(g.number_of_nodes())
    html = net.generate_html(notebook=False)
    html = _self_contained(html)
    if "network = new vis.Network(container, data, options);" not in html:
        raise RuntimeError("pyvis template changed: cannot install tooltips")
    html = html.replace("network = new vis.Network(container, data, options);", _TIPS_JS, 1)
    html = html.replace("<body>", "<body>\n" + _legend(g, st, title), 1)
    html = html.replace("<head>", "<head>\n<title>" + escape.text(title) + "</title>", 1)
    out = Path(out)
    out.write_text(html, encoding="utf-8")
    return out


def _self_contained(html: str) -> str:
    """Remove the template's CDN links (bootstrap; pyvis links it even in in_line mode)."""
    html = re.sub(r"<!--\s*<link[^>]*node_modules.*?-->", "", html, flags=re.S)  # commented-out dev links
    html = re.sub(r"<link\b[^>]*href=\"https?://[^\"]*\"[^>]*>", "", html)
    html = re.sub(r"<script\b[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", html)
    if re.search(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)=\"https?://", html):
        raise RuntimeError("the page still loads a remote resource")
    return html
