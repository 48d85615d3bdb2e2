"""Network analytics on the hand-made graph: projections, centrality, brokers, communities, k-core."""

from __future__ import annotations

import networkx as nx
import pytest

from unionkg.graph.sqlite_store import SQLiteStore
from unionkg.queries import analytics as A
from unionkg.tests.querygraph import build, shown


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    with SQLiteStore(tmp_path_factory.mktemp("an") / "a.db") as s:
        build(s)
        return s.to_networkx()


def _by_name(g, name):
    return next(n for n, d in g.nodes(data=True) if d["name"] == name or name in d["aliases"])


def test_projections_are_undirected_simple_graphs(graph):
    org = A.project(graph, "org")
    assert isinstance(org, nx.Graph) and not org.is_directed() and not org.is_multigraph()
    assert {d["type"] for _, d in org.nodes(data=True)} == {"Organization"}
    kspn, fbl, mwc = (_by_name(graph, n) for n in ("KSPN", "FBL", "MWC"))
    # KSPN–FBL: affiliation and a shared office-holder (Rahmat Hidayat) → weight 2
    assert org[kspn][fbl]["weight"] == 2 and org[kspn][fbl]["via"] == "AFFILIATED_WITH,Person"
    # KSPN–MWC: the MoU and the meeting
    assert org[kspn][mwc]["via"] == "Agreement,Event"
    po = A.project(graph, "person-org")
    assert {d["type"] for _, d in po.nodes(data=True)} == {"Organization", "Person"}
    assert A.project(graph, "all").number_of_nodes() == graph.number_of_nodes()
    with pytest.raises(ValueError, match="unknown projection"):
        A.project(graph, "people")


def test_centrality_ranks_the_hub_first(graph):
    rows = A.centrality(graph, top=3)
    assert rows[0]["id"] == _by_name(graph, "KSPN") and len(rows) == 3
    assert rows[0]["betweenness"] > 0 and 0 < rows[0]["eigenvector"] <= 1


def test_brokers_connect_countries(graph):
    rows = A.brokers(graph)
    assert rows[0]["id"] == _by_name(graph, "MWC") and rows[0]["countries"] == ["ID", "MY", "VN"]
    assert _by_name(graph, "FBL") not in [r["id"] for r in rows]  # all its links are domestic


def test_communities_are_seeded_and_repeatable(graph):
    first = A.communities(graph)
    assert first == A.communities(graph)
    assert sorted(r["size"] for r in first) == [2, 4]
    assert {_by_name(graph, "MWC"), _by_name(graph, "TLD")} in [set(r["member_ids"]) for r in first]


def test_kcore(graph):
    rows = A.kcore(graph, projection="all", k=2)
    ids = {r["id"] for r in rows}
    assert {_by_name(graph, n) for n in ("KSPN", "MWC", "Rahmat Hidayat", "Meeting MWC–KSPN")} <= ids
    assert _by_name(graph, "ARTC") not in ids
    assert all(r["core"] >= 2 for r in rows)
