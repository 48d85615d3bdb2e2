"""Parameter specs for the named queries, shared by the CLI and the Python API.

A query declares its parameters once (:class:`Param`); :func:`validate` turns
the strings of ``--param k=v`` (or Python keyword arguments) into typed values
and rejects unknown names, missing required ones and malformed dates with a
one-line :class:`QueryError`.

>>> spec = (Param("org", "name", required=True), Param("as_of", "date"))
>>> validate("officials", spec, {"org": "KSPSI", "as_of": "2025-12"})
{'org': 'KSPSI', 'as_of': '2025-12'}
>>> validate("officials", spec, {"org": "KSPSI", "asof": "x"})  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
...
QueryError: officials: unknown parameter 'asof' (known: org, as_of)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["Param", "QueryError", "validate", "parse_date", "date_in_range"]


class QueryError(Exception):
    """A query cannot run as asked (bad parameter, unknown or ambiguous name); one line for the user."""


@dataclass(frozen=True)
class Param:
    """One parameter: ``kind`` is ``name`` (an entity name, alias or id), ``str``, ``date``
    (ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), ``int``, ``country`` (ISO 3166 alpha-2) or ``bool``."""

    name: str
    kind: str = "str"
    required: bool = False
    default: Any = None
    help: str = ""
    minimum: int | None = None
    scheme: str | None = None  # a vocabulary of unionkg.ontology.vocab the value must be an ID of


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(value: str) -> str:
    """Check an ISO date (day, month or year precision) and return it unchanged.

    >>> parse_date("2025-02")
    '2025-02'
    >>> parse_date("2025-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2025-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)
    """
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = m.groups()
    try:
        date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return value.strip()


def date_in_range(start: str | None, end: str | None, as_of: str) -> bool:
    """Whether a span [start, end] (either open, any ISO precision) covers ``as_of``.
    Dates compare on their common prefix, so a post starting "2025" counts as
    held on "2025-06-01" and "2025-06" alike.

    >>> date_in_range("2020", None, "2025-06-01"), date_in_range("2026-01", None, "2025-12")
    (True, False)
    >>> date_in_range(None, "2024-12-31", "2025")
    False
    """
    def cut(a: str, b: str) -> tuple[str, str]:
        n = min(len(a), len(b))
        return a[:n], b[:n]

    if start:
        s, a = cut(str(start), as_of)
        if s > a:
            return False
    if end:
        e, a = cut(str(end), as_of)
        if e < a:
            return False
    return True


def _convert(query: str, p: Param, raw: Any) -> Any:
    if raw is None:
        return None
    if p.kind == "date":
        try:
            return parse_date(str(raw))
        except ValueError as exc:
            raise QueryError(f"{query}: parameter {p.name}: {exc}") from None
    if p.kind == "int":
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise QueryError(f"{query}: parameter {p.name}: {raw!r} is not a whole number") from None
        if p.minimum is not None and value < p.minimum:
            raise QueryError(f"{query}: parameter {p.name}: must be at least {p.minimum}, not {value}")
        return value
    if p.kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "yes", "y"}:
            return True
        if text in {"0", "false", "no", "n"}:
            return False
        raise QueryError(f"{query}: parameter {p.name}: {raw!r} is not true/false")
    if p.kind == "country":
        text = str(raw).strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", text):
            raise QueryError(f"{query}: parameter {p.name}: {raw!r} is not a two-letter country code")
        return text
    text = str(raw).strip()
    if not text:
        raise QueryError(f"{query}: parameter {p.name} is empty")
    if p.scheme:
        from unionkg.ontology.vocab import scheme_ids

        known = scheme_ids(p.scheme)
        if text not in known:
            raise QueryError(f"{query}: parameter {p.name}: {text!r} is not one of {', '.join(known)}")
    return text


def validate(query: str, spec: tuple[Param, ...], given: dict[str, Any]) -> dict[str, Any]:
    """Typed keyword arguments for ``query`` from ``given`` (strings or Python values).
    Omitted parameters take their default; ``None`` counts as omitted."""
    known = {p.name: p for p in spec}
    for key in given:
        if key not in known:
            names = ", ".join(known) or "none"
            raise QueryError(f"{query}: unknown parameter {key!r} (known: {names})")
    out: dict[str, Any] = {}
    for p in spec:
        value = _convert(query, p, given.get(p.name))
        if value is None:
            if p.required:
                raise QueryError(f"{query}: parameter {p.name} is required ({p.help or p.kind})")
            value = p.default
        out[p.name] = value
    return out
