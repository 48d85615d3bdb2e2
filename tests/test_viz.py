"""Network pages and figures without a browser: self-contained HTML, escaping, selection, CLI.
(The page in a real browser: tests/test_browser_viz.py.)"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from unionkg.cli import main
from unionkg.graph.sqlite_store import SQLiteStore
from unionkg.tests.querygraph import XSS_NAME, build, shown
from unionkg.viz import escape
from unionkg.viz.network import build_page, select


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "v.db"
    with SQLiteStore(path) as s:
        build(s, xss=True)
    return str(path)


def _ids_named(g, *names):
    return {n for n, d in g.nodes(data=True) if d["name"] in names}


def test_page_is_self_contained_and_escapes_document_text(db, tmp_path):
    with SQLiteStore(db) as s:
        g = s.to_networkx()
        html = build_page(s, g, tmp_path / "p.html", title=XSS_NAME).read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link)\b[^>]*(?:src|href)=\"https?://", html)
    assert "vis.Network" in html and "cdn.jsdelivr" not in html
    # the hostile name never appears as markup; the data JSON cannot close its <script>
    assert XSS_NAME not in html
    assert escape.text(XSS_NAME) in html  # legend and <title>
    assert "\\u003cimg src=x onerror" in html
    assert "Departemen Hukum KSPN dipimpin Joko Susilo." in html  # a source sentence in a tooltip


def test_select_by_focus_country_date_and_kind(db):
    with SQLiteStore(db) as s:
        g = s.to_networkx()
    mwc = next(iter(_ids_named(g, shown(g, "MWC"))))
    near = select(g, focus=mwc, depth=1)
    assert {d["name"] for _, d in near.nodes(data=True)} == {shown(g, "MWC"), "Siti Aminah", "MoU MWC–KSPN",
                                                             "Meeting MWC–KSPN", "Meeting TLD–MWC"}
    vn = select(g, country="VN")
    assert {d["name"] for _, d in vn.nodes(data=True)} == {shown(g, "TLD"), "Tran Van Binh", shown(g, "Budi Hartono"),
                                                           "Meeting TLD–MWC"}
    early = select(g, as_of="2023")
    names = {d["name"] for _, d in early.nodes(data=True)}
    assert "Lina Marlina" in names and "Dewi Kartika" not in names and "Meeting TLD–MWC" not in names
    feds = select(g, kinds=["federation"])
    assert {d.get("kind") for _, d in feds.nodes(data=True) if d["type"] == "Organization"} == {"federation"}


def test_figure_files(db, tmp_path):
    from unionkg.viz.static import write_figure

    with SQLiteStore(db) as s:
        g = s.to_networkx()
    png = write_figure(g, tmp_path / "g.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = write_figure(g, tmp_path / "g.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "<img" not in svg
    with pytest.raises(ValueError, match="must end in .png or .svg"):
        write_figure(g, tmp_path / "g.jpg")


def test_viz_cli(db, tmp_path):
    out = tmp_path / "page.html"
    r = CliRunner().invoke(main, ["viz", "--store", db, "--focus", "MWC", "--depth", "1", "--out", str(out),
                                  "--png", str(tmp_path / "f.png")])
    assert r.exit_code == 0, r.output
    assert out.exists() and (tmp_path / "f.png").exists()
    assert "5 nodes" in r.output
    for args, message in ((["--out", str(tmp_path / "x.txt")], "must end in .html"),
                          (["--out", str(out), "--as-of", "2025-99"], "is not a date"),
                          (["--out", str(out), "--kinds", "unions"], "unknown organisation kind"),
                          (["--out", str(out), "--focus", "Budi"], "ambiguous"),
                          ([], "nothing to write")):
        r = CliRunner().invoke(main, ["viz", "--store", db, *args])
        assert r.exit_code == 2 and message in r.output, (args, r.output)
