"""``unionkg neo4j start|stop|status``: a local Neo4j Community server without Docker.

Builds (once, with Maven) a tiny launcher around Neo4j 5.26 embedded and runs
it in the background with Bolt on 127.0.0.1; see :mod:`unionkg.graph.launcher`
and ``docs/neo4j.md``.
"""

from __future__ import annotations

import click

from unionkg.cli import main
from unionkg.cli.options import EXIT_USAGE, fail

__all__ = ["neo4j"]

_data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False), default=None, envvar="UNIONKG_NEO4J_DATA",
    help="Data directory of the server (default ~/.local/share/unionkg/neo4j, or $UNIONKG_NEO4J_DATA).",
)


@main.group()
def neo4j() -> None:
    """Run a local Neo4j (Community 5.26, embedded) without Docker.

    Needs Java 17+ and, for a one-time build of the launcher, Maven. Then
    use it with e.g. `unionkg stats --neo4j bolt://127.0.0.1:7687`.
    """


@neo4j.command()
@click.option("--port", type=click.IntRange(1, 65535), default=7687, show_default=True,
              help="Bolt port on 127.0.0.1.")
@_data_option
@click.option("--password", envvar="NEO4J_PASSWORD", default=None,
              help="Require this password for user neo4j (at least 8 characters; $NEO4J_PASSWORD). "
                   "Without it the server accepts any credentials.")
@click.option("--timeout", type=float, default=180.0, show_default=True, help="Seconds to wait for Bolt.")
def start(port: int, data_dir: str | None, password: str | None, timeout: float) -> None:
    """Start Neo4j in the background and print its bolt:// URI once it answers."""
    from unionkg.graph import launcher

    try:
        if launcher.needs_build():
            click.echo("unionkg: building the Neo4j launcher with Maven (once; about a minute)…", err=True)
        uri = launcher.start(port=port, data_dir=data_dir, password=password or None, timeout=timeout)
    except launcher.LauncherError as exc:
        fail(str(exc), EXIT_USAGE)
    click.echo(uri)


@neo4j.command()
@_data_option
@click.option("--timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for a clean shutdown before killing it.")
def stop(data_dir: str | None, timeout: float) -> None:
    """Stop the server of the data directory (a clean shutdown)."""
    from unionkg.graph import launcher

    info = launcher.status(data_dir)
    if launcher.stop(data_dir, timeout=timeout):
        click.echo(f"stopped Neo4j at {info['uri']}")
    else:
        click.echo(f"Neo4j is not running for {info['data_dir']}")


@neo4j.command()
@_data_option
def status(data_dir: str | None) -> None:
    """Say whether Neo4j runs for the data directory (exit 0 running, 1 not running)."""
    from unionkg.graph import launcher

    info = launcher.status(data_dir)
    if info["running"]:
        click.echo(f"running {info['uri']} (pid {info['pid']}, data {info['data_dir']})")
    else:
        click.echo(f"not running (data {info['data_dir']})")
        raise SystemExit(1)
