"""Node positions computed before the page opens, so the browser need not simulate.

vis-network's physics does not settle on thousands of nodes (FINDINGS: 5k
nodes, 120 s, still moving); here each connected component is laid out with
networkx (Fruchterman–Reingold for components up to ``SPRING_LIMIT`` nodes, a
degree-ordered shell layout above that, since the sparse spring layout needs
scipy) and the components are packed on a grid, largest first. Seeded, so the
same graph draws the same way.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["layout"]

SPRING_LIMIT = 600
SEED = 7


def _component_layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    n = g.number_of_nodes()
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    if n <= SPRING_LIMIT:
        pos = nx.spring_layout(g, seed=SEED, iterations=60 if n > 200 else 100)
    else:
        # hubs in the middle, the rest on rings by decreasing degree
        order = sorted(g, key=lambda v: (-g.degree(v), str(v)))
        shells, size, i = [], 1, 0
        while i < len(order):
            shells.append(order[i:i + size])
            i += size
            size = max(8, int(size * 2.2))
        pos = nx.shell_layout(g, nlist=shells)
    return {v: (float(x), float(y)) for v, (x, y) in pos.items()}


def layout(graph: nx.Graph, scale: float = 60.0) -> dict[str, tuple[float, float]]:
    """Positions (x, y) in screen-like units for every node of ``graph`` (directed or not)."""
    g = nx.Graph(graph.to_undirected(as_view=True)) if graph.is_directed() else nx.Graph(graph)
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(g)), key=lambda c: (-len(c), str(c[0])))
    out: dict[str, tuple[float, float]] = {}
    if not comps:
        return out
    # grid cells sized by each component's radius: sqrt(n) keeps density similar
    cols = max(1, math.ceil(math.sqrt(len(comps))))
    x = y = 0.0
    row_h = 0.0
    for i, comp in enumerate(comps):
        radius = scale * max(1.0, math.sqrt(len(comp)))
        pos = _component_layout(g.subgraph(comp))
        for v, (px, py) in pos.items():
            out[v] = (x + radius + px * radius, y + radius + py * radius)
        x += 2.4 * radius
        row_h = max(row_h, 2.4 * radius)
        if (i + 1) % cols == 0:
            x, y, row_h = 0.0, y + row_h, 0.0
    return out
