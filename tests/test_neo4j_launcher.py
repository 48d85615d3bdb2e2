"""``unionkg neo4j start|stop|status`` and :mod:`unionkg.graph.launcher`: clear
errors without Java or Maven, and a real start/stop/restart cycle."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from unionkg.cli import main
from unionkg.graph import launcher


@pytest.mark.parametrize("output, major", [
    ('openjdk version "17.0.15" 2025-04-15', 17),
    ('openjdk version "25" 2025-09-16', 25),
    ('java version "1.8.0_392"', 8),
    ("no version here", None),
])
def test_java_major_version(output, major):
    assert launcher._java_major(output) == major


def _path_with(tmp_path: Path, *tools: str) -> str:
    """A PATH holding only links to the given real tools."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in tools:
        real = shutil.which(tool)
        if real is None:
            pytest.skip(f"{tool} is not installed here")
        os.symlink(real, bin_dir / tool)
    return str(bin_dir)


def test_start_without_java_says_so_in_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", _path_with(tmp_path))
    result = CliRunner().invoke(main, ["neo4j", "start", "--data", str(tmp_path / "data"), "--port", "7999"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert "Java 17 or newer" in lines[-1] and "JAVA_HOME" in lines[-1]
    assert "Traceback" not in result.output


def test_a_build_without_maven_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", _path_with(tmp_path, "java"))
    monkeypatch.setenv("UNIONKG_NEO4J_HOME", str(tmp_path / "empty-cache"))
    assert launcher.needs_build()
    with pytest.raises(launcher.LauncherError, match=r"Maven \(`mvn`\) is needed once"):
        launcher.build()


def test_a_too_old_java_is_named(tmp_path, monkeypatch):
    fake = tmp_path / "jdk" / "bin"
    fake.mkdir(parents=True)
    (fake / "java").write_text('#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n')
    (fake / "java").chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    with pytest.raises(launcher.LauncherError, match="is Java 11"):
        launcher.find_java()


def test_status_of_a_data_dir_without_server(tmp_path):
    result = CliRunner().invoke(main, ["neo4j", "status", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("not running")
    stop = CliRunner().invoke(main, ["neo4j", "stop", "--data", str(tmp_path)])
    assert stop.exit_code == 0 and "not running" in stop.output


def test_a_short_password_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["neo4j", "start", "--data", str(tmp_path), "--password", "short"])
    assert result.exit_code == 2 and "at least 8 characters" in result.output


def _java_and_launcher() -> None:
    try:
        launcher.find_java()
    except launcher.LauncherError as exc:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(str(exc), pytrace=False)
        pytest.skip(str(exc))
    if launcher.needs_build() and shutil.which("mvn") is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("Maven is needed to build the Neo4j launcher", pytrace=False)
        pytest.skip("Maven is needed to build the Neo4j launcher")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_busy_port_is_named(tmp_path):
    _java_and_launcher()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(launcher.LauncherError, match=f"port {port} on 127.0.0.1 is already in use"):
            launcher.start(port=port, data_dir=tmp_path)


@pytest.mark.slow
@pytest.mark.neo4j
def test_start_status_stop_and_restart_with_a_password(tmp_path):
    _java_and_launcher()
    import neo4j

    data = tmp_path / "neo4j"
    port = _free_port()
    runner = CliRunner()
    env = {"NEO4J_PASSWORD": "restart-pw-1"}
    try:
        started = runner.invoke(main, ["neo4j", "start", "--port", str(port), "--data", str(data)], env=env)
        assert started.exit_code == 0, started.output
        uri = started.stdout.strip().splitlines()[-1]
        assert uri == f"bolt://127.0.0.1:{port}"
        status = runner.invoke(main, ["neo4j", "status", "--data", str(data)])
        assert status.exit_code == 0 and uri in status.output
        # starting again for the same data directory hands back the running server
        again = runner.invoke(main, ["neo4j", "start", "--port", str(port), "--data", str(data)], env=env)
        assert again.exit_code == 0 and again.stdout.strip().splitlines()[-1] == uri
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", "restart-pw-1")) as driver:
            driver.execute_query("CREATE (:Probe {n: $n})", n=1)
        stopped = runner.invoke(main, ["neo4j", "stop", "--data", str(data)])
        assert stopped.exit_code == 0 and "stopped" in stopped.output
        assert "unionkg-neo4j stopped" in (data / launcher.LOG_FILE).read_text()  # a clean shutdown
        assert runner.invoke(main, ["neo4j", "status", "--data", str(data)]).exit_code == 1
        # a restart keeps the data and the (unchanged) password
        restarted = runner.invoke(main, ["neo4j", "start", "--port", str(port), "--data", str(data)], env=env)
        assert restarted.exit_code == 0, restarted.output
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", "restart-pw-1")) as driver:
            records, _, _ = driver.execute_query("MATCH (p:Probe) RETURN p.n AS n")
        assert [r["n"] for r in records] == [1]
    finally:
        launcher.stop(data)
    assert not launcher.status(data)["running"]
