"""Network analytics with networkx on a projection of either store.

Projections (undirected simple graphs, edge ``weight`` = number of relations
or shared facts behind the link):

- ``all``: every entity, every relation;
- ``org``: organisations only, linked when affiliated, party to the same
  agreement, in the same event, or sharing an office-holder;
- ``person-org``: persons and organisations, linked by posts.

Measures: degree, betweenness (sampled with a fixed seed above
``EXACT_BETWEENNESS`` nodes), eigenvector centrality; brokers between
countries; Louvain communities (fixed seed); k-core. Functions take a store
or an already loaded ``networkx.MultiDiGraph`` and return graphs or rows.

>>> import unionkg
>>> with unionkg.open(":memory:") as store:
...     project(store, "org").number_of_nodes()
0
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import networkx as nx

__all__ = ["PROJECTIONS", "project", "centrality", "brokers", "communities", "kcore"]

PROJECTIONS = ("all", "org", "person-org")
SEED = 42
# Exact betweenness is O(n·m); above this many nodes it is estimated from this
# many sampled sources (seeded, so the figures repeat).
EXACT_BETWEENNESS = 2000
BETWEENNESS_SAMPLES = 500


def _full(source: Any) -> nx.MultiDiGraph:
    return source if isinstance(source, nx.Graph) else source.to_networkx()


def _add(g: nx.Graph, a: str, b: str, why: str) -> None:
    if a == b:
        return
    if g.has_edge(a, b):
        g[a][b]["weight"] += 1
        g[a][b]["via"].add(why)
    else:
        g.add_edge(a, b, weight=1, via={why})


def project(source: Any, kind: str = "all") -> nx.Graph:
    """An undirected simple graph of the store (or MultiDiGraph) ``source``; see the module doc."""
    if kind not in PROJECTIONS:
        raise ValueError(f"unknown projection {kind!r} (known: {', '.join(PROJECTIONS)})")
    full = _full(source)
    g = nx.Graph()
    if kind == "all":
        g.add_nodes_from(full.nodes(data=True))
        for a, b, d in full.edges(data=True):
            _add(g, a, b, d.get("type", ""))
    else:
        keep = {"Organization"} if kind == "org" else {"Organization", "Person"}
        g.add_nodes_from((n, d) for n, d in full.nodes(data=True) if d.get("type") in keep)
        members: dict[str, set[str]] = {}  # agreement/event/person -> organisations
        for a, b, d in full.edges(data=True):
            t = d.get("type")
            if t == "AFFILIATED_WITH" and a in g and b in g:
                _add(g, a, b, t)
            elif t == "HOLDS_POSITION" and b in g:
                if kind == "person-org" and a in g:
                    _add(g, a, b, t)
                members.setdefault(a, set()).add(b)
            elif t in ("PARTY_TO", "PARTICIPATED_IN") and a in g and full.nodes[a].get("type") == "Organization":
                members.setdefault(b, set()).add(a)
        if kind == "org":
            for fact, orgs in members.items():
                why = full.nodes[fact].get("type", "") if fact in full else ""
                for x, y in combinations(sorted(orgs), 2):
                    _add(g, x, y, why)
    for _, _, d in g.edges(data=True):
        d["via"] = ",".join(sorted(d["via"]))
    return g


def _graph(source: Any, projection: str) -> nx.Graph:
    if isinstance(source, nx.Graph) and not source.is_directed() and not source.is_multigraph():
        return source
    return project(source, projection)


def _betweenness(g: nx.Graph) -> dict[str, float]:
    if g.number_of_nodes() > EXACT_BETWEENNESS:
        return nx.betweenness_centrality(g, k=BETWEENNESS_SAMPLES, seed=SEED)
    return nx.betweenness_centrality(g)


def _eigenvector(g: nx.Graph) -> dict[str, float]:
    out: dict[str, float] = {}
    # eigenvector centrality is defined per connected component; tiny components score 0
    for comp in nx.connected_components(g):
        if len(comp) < 3:
            out.update({n: 0.0 for n in comp})
            continue
        sub = g.subgraph(comp)
        try:
            vals = nx.eigenvector_centrality(sub, max_iter=500, tol=1e-6)
        except nx.PowerIterationFailedConvergence:
            vals = {n: 0.0 for n in comp}
        share = len(comp) / g.number_of_nodes()
        out.update({n: v * share for n, v in vals.items()})
    return out


def _row(g: nx.Graph, n: str) -> dict[str, Any]:
    d = g.nodes[n]
    return {"id": n, "name": d.get("name", n), "type": d.get("type"), "kind": d.get("kind"),
            "country": d.get("country")}


def centrality(source: Any, projection: str = "all", top: int | None = 20) -> list[dict[str, Any]]:
    """Degree, betweenness and eigenvector centrality per node, highest degree first."""
    g = _graph(source, projection)
    if g.number_of_nodes() == 0:
        return []
    deg = nx.degree_centrality(g)
    btw = _betweenness(g)
    eig = _eigenvector(g)
    rows = [{**_row(g, n), "degree": g.degree(n), "degree_centrality": round(deg[n], 6),
             "betweenness": round(btw[n], 6), "eigenvector": round(eig[n], 6)} for n in g]
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["name"], r["id"]))
    return rows[:top] if top else rows


def brokers(source: Any, projection: str = "org", top: int | None = 20) -> list[dict[str, Any]]:
    """Nodes whose neighbours lie in several countries, ranked by how many countries they
    connect, then by betweenness: the go-betweens of cross-border cooperation."""
    g = _graph(source, projection)
    if g.number_of_nodes() == 0:
        return []
    btw = _betweenness(g)
    rows = []
    for n in g:
        own = g.nodes[n].get("country")
        countries = Counter(g.nodes[m].get("country") for m in g[n] if g.nodes[m].get("country"))
        foreign = sorted(c for c in countries if c != own)
        reach = sorted(set(countries) | ({own} if own else set()))
        if len(reach) < 2:
            continue
        rows.append({**_row(g, n), "countries": reach, "n_countries": len(reach),
                     "cross_border_links": sum(countries[c] for c in foreign), "betweenness": round(btw[n], 6)})
    rows.sort(key=lambda r: (-r["n_countries"], -r["betweenness"], -r["cross_border_links"], r["name"], r["id"]))
    return rows[:top] if top else rows


def communities(source: Any, projection: str = "org", resolution: float = 1.0,
                min_size: int = 2) -> list[dict[str, Any]]:
    """Louvain communities (seeded), largest first; members listed by degree."""
    g = _graph(source, projection)
    if g.number_of_edges() == 0:
        return []
    parts = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=SEED)
    parts = [sorted(p, key=lambda n: (-g.degree(n), g.nodes[n].get("name", n), n)) for p in parts if len(p) >= min_size]
    parts.sort(key=lambda p: (-len(p), g.nodes[p[0]].get("name", p[0]), p[0]))
    rows = []
    for i, members in enumerate(parts, 1):
        countries = Counter(g.nodes[n].get("country") for n in members if g.nodes[n].get("country"))
        rows.append({"community": i, "size": len(members),
                     "countries": [c for c, _ in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))],
                     "members": [g.nodes[n].get("name", n) for n in members], "member_ids": members})
    return rows


def kcore(source: Any, projection: str = "org", k: int | None = None) -> list[dict[str, Any]]:
    """Members of the k-core (the main core when ``k`` is None) with their core numbers."""
    g = _graph(source, projection).copy()
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    if g.number_of_nodes() == 0:
        return []
    core = nx.core_number(g)
    k = max(core.values()) if k is None else k
    rows = [{**_row(g, n), "core": core[n], "degree": g.degree(n)} for n in g if core[n] >= k]
    rows.sort(key=lambda r: (-r["core"], -r["degree"], r["name"], r["id"]))
    return rows
