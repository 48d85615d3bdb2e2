"""Static figures (PNG/SVG) of a network for reports, drawn with matplotlib's Agg backend.

Same encoding as the pages: fill colour by organisation kind, marker by entity
type, size by degree; the most connected nodes are labelled. Names are drawn
as plain text (``$`` escaped so matplotlib does not read mathtext).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from unionkg.viz.layout import layout
from unionkg.viz.network import NO_COUNTRY, TYPE_COLOURS, style

__all__ = ["write_figure"]

MARKERS = {"Organization": "o", "Person": "^", "Agreement": "s", "Event": "D", "Place": "v"}
LABELLED = 40  # label only the best-connected nodes: a figure is not a search tool


def _plain(text: str) -> str:
    return text.replace("$", r"\$")


def write_figure(g: nx.MultiDiGraph, out: str | Path, title: str = "unionkg network") -> Path:
    """Write ``g`` to ``out``; the format follows the suffix (.png or .svg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    out = Path(out)
    if out.suffix.lower() not in (".png", ".svg"):
        raise ValueError(f"{out}: a figure must end in .png or .svg")
    st = style(g)
    pos = layout(g)
    und = nx.Graph(g.to_undirected(as_view=True))
    n = max(1, g.number_of_nodes())
    size = min(30.0, 6 + n ** 0.5 / 2)
    fig, ax = plt.subplots(figsize=(size, size * 0.75))
    ax.set_axis_off()
    ax.set_title(_plain(title))
    for a, b in und.edges():
        ax.plot([pos[a][0], pos[b][0]], [-pos[a][1], -pos[b][1]], color="#bbbbbb", linewidth=0.5, zorder=1)
    for t, marker in MARKERS.items():
        nodes = [v for v, d in g.nodes(data=True) if d.get("type") == t]
        if not nodes:
            continue
        fill = [st["kinds"].get(g.nodes[v].get("kind"), "#dddddd") if t == "Organization" else TYPE_COLOURS[t]
                for v in nodes]
        edge = [st["countries"].get(str(g.nodes[v].get("country")), NO_COUNTRY) for v in nodes]
        ax.scatter([pos[v][0] for v in nodes], [-pos[v][1] for v in nodes], s=[20 + 12 * und.degree(v) for v in nodes],
                   c=fill, edgecolors=edge, linewidths=1.5, marker=marker, zorder=2)
    for v in sorted(und, key=lambda v: (-und.degree(v), str(v)))[:LABELLED]:
        ax.annotate(_plain(str(g.nodes[v].get("name", v))), (pos[v][0], -pos[v][1]), fontsize=7,
                    xytext=(4, 4), textcoords="offset points", zorder=3)
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=_plain(str(k))) for k, c in st["kinds"].items()]
    handles += [Line2D([], [], marker=MARKERS[t], linestyle="", color="#777777", label=t)
                for t in MARKERS if any(d.get("type") == t for _, d in g.nodes(data=True))]
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=True)
    fig.savefig(out, format=out.suffix[1:].lower(), dpi=150, bbox_inches="tight")
    plt.close(fig)
    return out
