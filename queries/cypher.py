"""Run an analyst's Cypher on Neo4j: read-only unless writes are asked for.

Reads run in a READ transaction (``session.execute_read`` on a session whose
default access mode is READ), so the server itself refuses a write — no
parsing of the query text. Values are passed as parameters, never pasted
into the query.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["CypherError", "run_cypher", "parse_value", "to_plain"]


class CypherError(Exception):
    """The query failed or was refused; one line for the user."""


def parse_value(text: str) -> Any:
    """A ``--param`` value: JSON when it parses (numbers, lists, true/false/null), else the string.

    >>> parse_value("3"), parse_value('["ID","MY"]'), parse_value("KSPSI")
    (3, ['ID', 'MY'], 'KSPSI')
    """
    try:
        return json.loads(text)
    except ValueError:
        return text


def to_plain(value: Any) -> Any:
    """Nodes, relationships and paths as JSON-friendly dicts (labels/type + properties)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value.items())}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value.items())}
    if isinstance(value, Path):
        return {"nodes": [to_plain(n) for n in value.nodes], "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    return value


def run_cypher(uri: str, query: str, params: dict[str, Any] | None = None, *, write: bool = False,
               user: str | None = None, password: str | None = None,
               database: str | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """Run ``query`` and return (columns, rows). Without ``write`` a query that writes is refused."""
    import neo4j
    from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

    auth = (user or "neo4j", password) if password else None
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth)
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        raise CypherError(f"{uri}: {exc}") from None
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS

    def work(tx: Any) -> tuple[list[str], list[dict[str, Any]]]:
        result = tx.run(query, params or {})
        keys = list(result.keys())
        return keys, [{k: to_plain(rec[k]) for k in keys} for rec in result]

    try:
        with driver, driver.session(database=database, default_access_mode=mode) as session:
            return session.execute_write(work) if write else session.execute_read(work)
    except ServiceUnavailable as exc:
        raise CypherError(f"cannot reach Neo4j at {uri}: {str(exc).splitlines()[0]}") from None
    except ClientError as exc:
        code = exc.code or ""
        if not write and ("AccessMode" in code or "ForbiddenDueToTransactionType" in code
                          or "write" in (exc.message or "").lower() and "read" in (exc.message or "").lower()):
            raise CypherError("the query writes to the database; this is refused in read mode (pass --write)") from None
        raise CypherError(f"{code}: {(exc.message or str(exc)).splitlines()[0]}") from None
    except Neo4jError as exc:
        raise CypherError(f"{exc.code}: {(exc.message or str(exc)).splitlines()[0]}") from None
