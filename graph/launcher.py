"""A real Neo4j without Docker: Neo4j Community 5.26 embedded behind Bolt on 127.0.0.1.

The launcher is a tiny Maven project shipped beside this module
(``neo4j_launcher/``). It is built once into a cache directory
(``~/.cache/unionkg/neo4j/<version>/<hash>/``, or ``$UNIONKG_NEO4J_HOME``),
keyed by a hash of its pom and source so that a change rebuilds it; later
starts skip Maven entirely. Only Java >= 17 and (for that one build) Maven
are needed.

Each data directory holds one server: its database files, ``unionkg-neo4j.pid``
(JSON: pid, port, uri) and ``unionkg-neo4j.log`` (the JVM's output).

>>> uri = start(port=7687, data_dir="/tmp/neo4j-data")   # doctest: +SKIP
>>> status("/tmp/neo4j-data")["running"]                  # doctest: +SKIP
True
>>> stop("/tmp/neo4j-data")                                # doctest: +SKIP
True
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = [
    "LauncherError",
    "NEO4J_VERSION",
    "default_data_dir",
    "launcher_home",
    "find_java",
    "build",
    "needs_build",
    "start",
    "stop",
    "status",
]

_SOURCE = Path(__file__).resolve().parent / "neo4j_launcher"
_POM = _SOURCE / "pom.xml"
_MAIN = _SOURCE / "src" / "main" / "java" / "Main.java"
PID_FILE = "unionkg-neo4j.pid"
LOG_FILE = "unionkg-neo4j.log"
MIN_JAVA = 17
# What the stock Neo4j server passes to its JVM (netty needs these on Java 17+).
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
]


def _pom_version() -> str:
    match = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", _POM.read_text(encoding="utf-8"))
    if not match:  # pragma: no cover - the pom is ours
        raise RuntimeError(f"{_POM}: no <neo4j.version>")
    return match.group(1).strip()


NEO4J_VERSION = _pom_version()

# Servers started by this process, so that stop() can reap them (a dead child
# stays a zombie, and a zombie still answers os.kill(pid, 0)).
_CHILDREN: dict[int, subprocess.Popen] = {}


class LauncherError(RuntimeError):
    """A one-line, user-facing reason why Neo4j could not be built, started or stopped."""


def launcher_home() -> Path:
    """Where built launchers are cached: ``$UNIONKG_NEO4J_HOME`` or ``~/.cache/unionkg/neo4j/<version>``."""
    env = os.environ.get("UNIONKG_NEO4J_HOME")
    if env:
        return Path(env).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "unionkg" / "neo4j" / NEO4J_VERSION


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/unionkg/neo4j`` (by default ``~/.local/share/unionkg/neo4j``)."""
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "unionkg" / "neo4j"


def _source_key() -> str:
    h = hashlib.sha256()
    for path in (_POM, _MAIN):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def _java_major(version_output: str) -> int | None:
    # `openjdk version "17.0.15" 2025-04-15`, `java version "1.8.0_392"`, `openjdk version "25" ...`
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if not match:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2):
        major = int(match.group(2))
    return major


def find_java() -> tuple[str, int]:
    """The ``java`` to run (``$JAVA_HOME/bin/java``, else ``java`` on PATH) and its major version."""
    java_home = os.environ.get("JAVA_HOME")
    java = None
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        java = str(Path(java_home) / "bin" / "java")
    if java is None:
        java = shutil.which("java")
    if java is None:
        raise LauncherError(
            f"Java {MIN_JAVA} or newer is needed to run Neo4j, but no `java` was found "
            "(install e.g. openjdk-17-jre-headless, or set JAVA_HOME)"
        )
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LauncherError(f"cannot run {java} -version: {exc}") from None
    major = _java_major(out.stderr + out.stdout)
    if major is None:
        raise LauncherError(f"cannot tell the version of {java}: {(out.stderr or out.stdout).strip()[:200]!r}")
    if major < MIN_JAVA:
        raise LauncherError(
            f"Java {MIN_JAVA} or newer is needed to run Neo4j {NEO4J_VERSION}, but {java} is Java {major} "
            "(set JAVA_HOME to a newer JDK)"
        )
    return java, major


def _built(directory: Path) -> bool:
    return (directory / ".built").is_file()


def needs_build() -> bool:
    """Whether :func:`build` (and so :func:`start`) will first run Maven (~1 min, downloads ~120 MiB once)."""
    return not _built(launcher_home() / _source_key())


@contextlib.contextmanager
def _lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # concurrent `start`s (CI, tests) build only once
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(quiet: bool = True) -> Path:
    """Build the launcher once (Maven); returns its directory (``target/classes``, ``target/lib``).

    A cached build is reused when the pom and source are unchanged. The build
    happens in a temporary directory renamed into place, so an interrupted
    build never looks finished.
    """
    home = launcher_home()
    target = home / _source_key()
    if _built(target):
        return target
    with _lock(home / ".build.lock"):
        if _built(target):
            return target
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LauncherError(
                "Maven (`mvn`) is needed once to build the Neo4j launcher, but it was not found "
                "(install it, e.g. `apt-get install maven`)"
            )
        java, _ = find_java()
        work = Path(tempfile.mkdtemp(prefix=".build-", dir=home))
        try:
            shutil.copy2(_POM, work / "pom.xml")
            (work / "src" / "main" / "java").mkdir(parents=True)
            shutil.copy2(_MAIN, work / "src" / "main" / "java" / "Main.java")
            env = dict(os.environ)
            env.setdefault("JAVA_HOME", str(Path(java).resolve().parent.parent))
            cmd = [mvn, "-B", "compile"] + (["-q"] if quiet else [])
            proc = subprocess.run(cmd, cwd=work, env=env, capture_output=quiet, text=True)
            if proc.returncode != 0:
                tail = " | ".join(
                    line.strip() for line in ((proc.stdout or "") + (proc.stderr or "")).splitlines()
                    if "ERROR" in line
                )[-600:]
                raise LauncherError(f"building the Neo4j launcher with Maven failed (in {work}): {tail or 'see mvn output'}")
            (work / ".built").write_text(NEO4J_VERSION + "\n")
            if target.exists():
                shutil.rmtree(target)
            work.rename(target)
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
    return target


def _read_pid_file(data_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((data_dir / PID_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # Guard against a recycled pid: it must still be our launcher (Linux /proc; elsewhere trust it).
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ")
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        if stat.rsplit(")", 1)[-1].split()[0] == "Z":
            return False
        return b" Main " in text + b" "
    return True


def _log_tail(data_dir: Path, lines: int = 8) -> str:
    try:
        text = (data_dir / LOG_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    kept = [line.strip() for line in text.splitlines() if line.strip()][-lines:]
    return " | ".join(kept)[-800:] or "(empty log)"


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _bolt_answers(uri: str, password: str | None) -> bool:
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

    try:
        with GraphDatabase.driver(uri, auth=("neo4j", password or ""), connection_timeout=2.0) as driver:
            driver.execute_query("RETURN 1")
        return True
    except AuthError:
        return True  # it answers; the password is the caller's business
    except (ServiceUnavailable, SessionExpired, Neo4jError, OSError):
        return False


def status(data_dir: str | os.PathLike | None = None) -> dict[str, Any]:
    """``{"running": bool, "pid", "port", "uri", "data_dir", "log"}`` for the server of ``data_dir``."""
    data = Path(data_dir) if data_dir else default_data_dir()
    info = _read_pid_file(data) or {}
    pid = info.get("pid")
    running = bool(pid) and _alive(int(pid))
    return {
        "running": running,
        "pid": pid if running else None,
        "port": info.get("port") if running else None,
        "uri": info.get("uri") if running else None,
        "data_dir": str(data),
        "log": str(data / LOG_FILE),
    }


def start(
    port: int = 7687,
    data_dir: str | os.PathLike | None = None,
    password: str | None = None,
    timeout: float = 180.0,
    heap: str = "1g",
    pagecache_mb: int = 512,
) -> str:
    """Start Neo4j for ``data_dir`` on 127.0.0.1:``port`` and return its ``bolt://`` URI once Bolt answers.

    With ``password`` auth is enabled (user ``neo4j``, at least 8 characters);
    without it the server accepts any credentials. Already running for this
    data directory: returns its URI.
    """
    data = Path(data_dir) if data_dir else default_data_dir()
    if password is not None and password != "" and len(password) < 8:
        raise LauncherError("the Neo4j password must have at least 8 characters")
    current = status(data)
    if current["running"]:
        return current["uri"]
    java, _ = find_java()
    built = build()
    if not _port_free(port):
        raise LauncherError(f"port {port} on 127.0.0.1 is already in use (choose another with --port)")
    data.mkdir(parents=True, exist_ok=True)
    uri = f"bolt://127.0.0.1:{port}"
    env = dict(os.environ)
    env.pop("UNIONKG_NEO4J_PASSWORD", None)
    if password:
        env["UNIONKG_NEO4J_PASSWORD"] = password  # not on the command line: `ps` would show it
    classpath = os.pathsep.join([str(built / "target" / "classes"), str(built / "target" / "lib" / "*")])
    extra = shlex.split(os.environ.get("UNIONKG_NEO4J_JAVA_OPTS", ""))  # e.g. "-Xmx2g" on a bigger machine
    cmd = [java, *JVM_FLAGS, "-Xms512m", f"-Xmx{heap}", *extra, "-cp", classpath, "Main",
           "--data", str(data.resolve()), "--port", str(port), "--pagecache-mb", str(pagecache_mb)]
    with open(data / LOG_FILE, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=data, env=env, start_new_session=True)
    _CHILDREN[proc.pid] = proc
    (data / PID_FILE).write_text(json.dumps({"pid": proc.pid, "port": port, "uri": uri}) + "\n")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            (data / PID_FILE).unlink(missing_ok=True)
            raise LauncherError(f"Neo4j exited with code {proc.returncode} while starting: {_log_tail(data)}")
        if "unionkg-neo4j ready" in (data / LOG_FILE).read_text(errors="replace") and _bolt_answers(uri, password):
            return uri
        time.sleep(0.5)
    stop(data)
    raise LauncherError(f"Neo4j did not answer on {uri} within {timeout:.0f} s: {_log_tail(data)}")


def stop(data_dir: str | os.PathLike | None = None, timeout: float = 60.0) -> bool:
    """Stop the server of ``data_dir``: SIGTERM (a clean shutdown), then SIGKILL after ``timeout``.
    Returns whether one was running."""
    data = Path(data_dir) if data_dir else default_data_dir()
    info = _read_pid_file(data)
    if not info or not info.get("pid"):
        return False
    pid = int(info["pid"])
    was_running = _alive(pid)
    if was_running:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)
    child = _CHILDREN.pop(pid, None)
    if child is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=5)
    (data / PID_FILE).unlink(missing_ok=True)
    return was_running
