"""The network page in a real browser (Debian's headless Chromium driven by selenium), offline.

Checks that the page renders every node of the graph and that markup in the
data stays text: an organisation named ``<img src=x onerror=window.__xss=1>``
is shown in its tooltip and legend-free label as text, and the global the
payload would set stays undefined — also after the tooltip is opened.

Under ``CI=true`` a missing browser is a failure, elsewhere a skip.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import unionkg
from unionkg.tests.querygraph import XSS_NAME, build
from unionkg.viz.network import build_page, select

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def _require_browser() -> None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip)")
    if missing:
        message = f"browser test needs {', '.join(missing)} (apt-get install chromium chromium-driver)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _wait(driver, script: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


def _open(driver, page: Path) -> None:
    driver.get(page.resolve().as_uri())
    _wait(driver, "return window.unionkgReady === true && typeof network !== 'undefined'")


def test_page_renders_every_node_and_data_markup_stays_text(browser, tmp_path):
    with unionkg.open(str(tmp_path / "g.db")) as store:
        build(store, xss=True)
        g = select(store.to_networkx())
        page = build_page(store, g, tmp_path / "page.html", title=XSS_NAME)
        xss_id = next(n for n, d in g.nodes(data=True) if d["name"] == XSS_NAME)
    _open(browser, page)
    assert browser.execute_script("return network.body.data.nodes.length") == g.number_of_nodes()
    assert browser.execute_script("return network.body.data.edges.length") == g.number_of_edges()
    # the legend title (HTML we write) shows the name as text, and no <img> element came from the data
    legend = browser.find_element("id", "unionkg-legend").text
    assert XSS_NAME in legend
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0

    # open the hostile node's tooltip by hovering it
    from selenium.webdriver.common.action_chains import ActionChains

    browser.execute_script("network.setOptions({physics: {enabled: false}}); network.fit();")
    x, y = browser.execute_script(
        "var p = network.getPositions([arguments[0]])[arguments[0]]; var d = network.canvasToDOM(p);"
        "var r = document.getElementById('mynetwork').getBoundingClientRect();"
        "return [d.x + r.left, d.y + r.top];", xss_id)
    canvas = browser.find_element("css selector", "#mynetwork canvas")
    rect = browser.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height];",
                                  canvas)
    ActionChains(browser).move_to_element_with_offset(canvas, int(x - rect[0] - rect[2] / 2),
                                                      int(y - rect[1] - rect[3] / 2)).perform()
    tip = _wait(browser, "var t = document.querySelector('.vis-tooltip');"
                         "return t && t.style.visibility !== 'hidden' && t.innerText ? t.innerText : null;", 15)
    assert XSS_NAME in tip
    assert "Departemen Hukum KSPN dipimpin Joko Susilo." in tip  # the source sentence
    time.sleep(0.5)  # an <img onerror> would fire asynchronously
    assert browser.execute_script("return typeof window.__xss") == "undefined"
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0


def test_page_loads_nothing_from_the_network(browser, tmp_path):
    with unionkg.open(str(tmp_path / "g.db")) as store:
        build(store)
        page = build_page(store, store.to_networkx(), tmp_path / "page.html")
    _open(browser, page)
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in urls if u.startswith(("http:", "https:"))] == []
    assert browser.execute_script("return network.body.data.nodes.length") == 18


SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.skipif(not (SHARED / "devset").is_dir(), reason="the shared seed and devset are not here")
def test_seed_and_devset_page_renders_offline(browser, tmp_path):
    """Acceptance: ingest the seed article and the devset texts with the real extractor, draw
    everything with `unionkg viz`, and the page shows every node without touching the network."""
    from click.testing import CliRunner

    from unionkg.cli import main

    texts = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "devset").glob("*.txt"))
    db, page = tmp_path / "seed.db", tmp_path / "seed.html"
    r = CliRunner().invoke(main, ["ingest", *map(str, texts), "--store", str(db), "--quiet"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["viz", "--store", str(db), "--out", str(page), "--quiet", "--with-reference"])
    assert r.exit_code == 0, r.output
    with unionkg.open(str(db)) as store:
        expected = store.to_networkx().number_of_nodes()
    assert expected > 100
    _open(browser, page)
    assert browser.execute_script("return network.body.data.nodes.length") == expected
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in urls if u.startswith(("http:", "https:"))] == []
    assert browser.execute_script("return typeof window.__xss") == "undefined"
