"""The default page leaves out reference bodies that no document connects."""

import networkx as nx

from unionkg.viz.network import select


def _graph():
    g = nx.MultiDiGraph()
    g.add_node("org-doc", type="Organization", name="Doc Union")
    g.add_node("ref-a", type="Organization", name="Ref A", reference=True)
    g.add_node("ref-b", type="Organization", name="Ref B", reference=True)
    g.add_node("ref-c", type="Organization", name="Ref C", reference=True)
    g.add_edge("org-doc", "ref-a", key="r1", type="AFFILIATED_WITH")
    g.add_edge("ref-a", "ref-b", key="r2", type="AFFILIATED_WITH", reference=True)
    g.add_edge("org-doc", "ref-b", key="r3", type="AFFILIATED_WITH")
    g.add_edge("ref-c", "ref-a", key="r4", type="AFFILIATED_WITH", reference=True)
    return g


def test_reference_only_bodies_are_hidden_by_default_and_kept_on_request():
    g = select(_graph())
    assert set(g) == {"org-doc", "ref-a", "ref-b"}
    assert {k for _, _, k in g.edges(keys=True)} == {"r1", "r2", "r3"}  # reference edge between drawn bodies stays
    assert set(select(_graph(), with_reference=True)) == {"org-doc", "ref-a", "ref-b", "ref-c"}
