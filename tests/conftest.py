"""Shared fixtures.

Neo4j: a real server over Bolt, never a mock.

- ``NEO4J_URI`` set (``.ci/run`` starts one with ``unionkg neo4j start``):
  use it, with ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``.
- else, with Java >= 17 and Maven (or an already built launcher): start one
  for the session with :mod:`unionkg.graph.launcher` on a free port and a
  temporary data directory, with a password; stop it at the end.
- else skip the Neo4j tests with the reason — except under ``CI=true``,
  where they fail: CI must never pass by skipping them.

Each test that takes ``neo4j_store`` gets an empty database (Community has
one user database, so tests share it and are isolated by wiping it). A
database that holds data and was not marked by an earlier test run is
refused (the run stops): ``NEO4J_URI`` might point at a real graph. Set
``UNIONKG_TEST_NEO4J_WIPE=1`` to allow it.
Tests that use these fixtures are marked ``neo4j`` automatically.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

NEO4J_FIXTURES = {"neo4j_server", "neo4j_store", "neo4j_store_factory"}
_TEST_PASSWORD = "unionkg-test-pw"  # a throwaway server's password, not a secret


@dataclass(frozen=True)
class Neo4jServer:
    """How to reach the test server."""

    uri: str
    user: str
    password: str | None
    database: str | None
    started_here: bool


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if NEO4J_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _unavailable(reason: str) -> None:
    if _ci():
        pytest.fail(f"Neo4j is required under CI=true but is not available: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j: {reason} (set NEO4J_URI, or install Java 17+ and Maven)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wipe(server: Neo4jServer) -> None:
    import neo4j

    from unionkg.graph import cypher

    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password or "")) as driver:
        with driver.session(database=server.database) as session:
            session.run(cypher.TEST_WIPE).consume()


def _claim_database(server: Neo4jServer) -> None:
    """Check that the server answers, and that its database is empty or already
    ours: the tests empty it, and NEO4J_URI might point at someone's real graph."""
    import neo4j
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    from unionkg.graph import cypher

    try:
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password or "")) as driver:
            with driver.session(database=server.database) as session:
                state = session.run(cypher.TEST_DATABASE_STATE).single()
                if state["nodes"] and not state["marked"] and not os.environ.get("UNIONKG_TEST_NEO4J_WIPE"):
                    pytest.exit(f"NEO4J_URI={server.uri} holds {state['nodes']} nodes and is not a unionkg test "
                                "database; the tests would empty it. Point NEO4J_URI at a scratch database, or "
                                "set UNIONKG_TEST_NEO4J_WIPE=1 to allow it.", returncode=2)
                session.run(cypher.TEST_MARK).consume()
    except (ServiceUnavailable, Neo4jError, OSError) as exc:
        _unavailable(f"NEO4J_URI={server.uri} does not answer: {str(exc).splitlines()[0] if str(exc) else exc!r}")


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    """A running Neo4j for the whole session (see the module docstring)."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        server = Neo4jServer(uri, os.environ.get("NEO4J_USERNAME") or "neo4j", os.environ.get("NEO4J_PASSWORD"),
                             os.environ.get("NEO4J_DATABASE") or None, started_here=False)
        _claim_database(server)
        yield server
        return
    from unionkg.graph import launcher

    try:
        launcher.find_java()
    except launcher.LauncherError as exc:
        _unavailable(str(exc))
    if launcher.needs_build() and shutil.which("mvn") is None:
        _unavailable("Maven (`mvn`) is needed once to build the Neo4j launcher and was not found")
    data_dir = tempfile.mkdtemp(prefix="unionkg-neo4j-test-")
    try:
        uri = launcher.start(port=_free_port(), data_dir=data_dir, password=_TEST_PASSWORD)
    except launcher.LauncherError as exc:
        shutil.rmtree(data_dir, ignore_errors=True)
        _unavailable(str(exc))
    try:
        server = Neo4jServer(uri, "neo4j", _TEST_PASSWORD, None, started_here=True)
        _claim_database(server)
        yield server
    finally:
        launcher.stop(data_dir)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def neo4j_store_factory(neo4j_server: Neo4jServer) -> Iterator[Callable[..., object]]:
    """Empties the database, then returns ``make(**overrides)`` opening a
    :class:`~unionkg.graph.neo4j_store.Neo4jStore` on it (closed at teardown)."""
    from unionkg.graph.neo4j_store import Neo4jStore

    _wipe(neo4j_server)
    opened: list[Neo4jStore] = []

    def make(**overrides: object) -> Neo4jStore:
        kwargs = {"uri": neo4j_server.uri, "user": neo4j_server.user, "password": neo4j_server.password,
                  "database": neo4j_server.database, **overrides}
        store = Neo4jStore(**kwargs)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def neo4j_store(neo4j_store_factory: Callable[..., object]) -> object:
    """A Neo4j store on an empty database."""
    return neo4j_store_factory()
