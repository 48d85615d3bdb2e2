"""Reference data: known union bodies, global unions, the ILO and labour ministries.

The data lives in ``ingest/reference/organizations.csv`` (never in code). Columns:

- ``id`` — a short stable slug (``kspsi``); the graph id is ``org-ref-<slug>``
- ``name`` — the body's own full name (in its own language where it has one)
- ``aliases`` — ``|``-separated: acronyms, names in English and local languages,
  common variants as printed in the region's press
- ``country`` — ISO 3166-1 alpha-2, empty for international bodies
- ``kind`` — an organisation-kind id of the ontology (``confederation``, ``government`` …)
- ``parent`` — ``|``-separated ids of other rows the body is affiliated with
- ``wikidata`` — a QID, left empty unless verified

Analysts add their own list with ``unionkg import-reference FILE.csv`` (same
columns without ``id``; see :func:`parse_reference_csv`).

>>> orgs = load_reference()
>>> kspsi = next(o for o in orgs if o.id == "kspsi")
>>> kspsi.country, "KSPSI" in kspsi.aliases
('ID', True)
>>> ref_entity_id("kspsi")
'org-ref-kspsi'
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from unionkg.graph.ids import fold, relation_id
from unionkg.graph.model import Entity, Relation

__all__ = [
    "RefOrg",
    "ReferenceError",
    "REFERENCE_DIR",
    "load_reference",
    "parse_reference_csv",
    "reference_entities",
    "ref_entity_id",
    "slugify",
]

REFERENCE_DIR = Path(__file__).with_name("reference")
DEFAULT_FILE = REFERENCE_DIR / "organizations.csv"
REF_PREFIX = "org-ref-"

_COLUMNS = ("id", "name", "aliases", "country", "kind", "parent", "wikidata")
_IMPORT_COLUMNS = ("name", "aliases", "country", "kind", "parent", "wikidata")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


class ReferenceError(ValueError):
    """A reference file or row is unusable; the message names file:line and the reason."""


@dataclass(frozen=True)
class RefOrg:
    """One reference organisation (a row of the reference file)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    kind: str | None = None
    parent: tuple[str, ...] = ()
    wikidata: str | None = None
    source: str = field(default="", compare=False)  # file:line, for messages

    @property
    def entity_id(self) -> str:
        return ref_entity_id(self.id)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


def slugify(text: str) -> str:
    """A lowercase ASCII slug of a name (``"Ministry of Labour (TH)"`` -> ``ministry-of-labour-th``)."""
    return "-".join(fold(text).split())[:60] or "org"


def ref_entity_id(slug: str) -> str:
    """Graph id of a reference organisation; readable and stable across runs."""
    return REF_PREFIX + slug


def _is_kind(kind: str) -> bool:
    from unionkg.ontology import vocab

    return bool(vocab.is_id("org_kind", kind))


def _split(cell: str | None) -> tuple[str, ...]:
    out: list[str] = []
    for part in (cell or "").split("|"):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return tuple(out)


def parse_reference_csv(text: str, source: str = "<csv>", *, with_id: bool = True,
                        known_ids: dict[str, str] | None = None) -> tuple[list[RefOrg], list[str]]:
    """Parse reference rows; returns ``(orgs, errors)`` where each error is one
    line ``source:line: reason``. Bad rows are skipped, good rows kept.

    ``with_id=False`` is the analyst import format (no ``id`` column: the id is
    a slug of name and country). ``parent`` may name a row by id, or by a name
    or alias of a row in this file or in ``known_ids`` (folded name -> id).

    >>> orgs, errs = parse_reference_csv("name,kind,country\\nUnion of Testers,union,SG\\n,union,SG\\n", "x.csv", with_id=False)
    >>> [o.id for o in orgs], errs
    (['union-of-testers-sg'], ['x.csv:3: empty name'])
    """
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    required = ("id", "name") if with_id else ("name",)
    allowed = _COLUMNS if with_id else _IMPORT_COLUMNS
    if not header:
        return [], [f"{source}:1: empty file (expected columns {', '.join(allowed)})"]
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in allowed]
    if missing or unknown:
        why = "; ".join(filter(None, [
            f"missing column(s) {', '.join(missing)}" if missing else "",
            f"unknown column(s) {', '.join(unknown)}" if unknown else "",
        ]))
        return [], [f"{source}:1: {why} (expected {', '.join(allowed)})"]
    reader.fieldnames = header

    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[str] = []
    for row in reader:
        line = reader.line_num
        if None in row:
            errors.append(f"{source}:{line}: more cells than columns (quote cells that contain commas)")
            continue
        rows.append((line, {k: (v or "").strip() for k, v in row.items()}))

    orgs: list[RefOrg] = []
    seen: dict[str, str] = {}
    names_to_id = dict(known_ids or {})
    pending: list[tuple[int, dict[str, str], str]] = []
    for line, row in rows:
        where = f"{source}:{line}"
        name = row.get("name", "")
        if not name:
            errors.append(f"{where}: empty name")
            continue
        country = row.get("country", "").upper() or None
        if country and not _COUNTRY.match(country):
            errors.append(f"{where}: country {row['country']!r} is not an ISO 3166 alpha-2 code")
            continue
        kind = row.get("kind") or None
        if kind and not _is_kind(kind):
            errors.append(f"{where}: kind {kind!r} is not an organisation kind of the ontology")
            continue
        qid = row.get("wikidata") or None
        if qid and not _QID.match(qid):
            errors.append(f"{where}: wikidata {qid!r} is not a QID like Q12345")
            continue
        rid = row.get("id") if with_id else slugify(f"{name} {country or ''}")
        if not rid or not re.match(r"^[a-z0-9][a-z0-9-]*$", rid):
            errors.append(f"{where}: id {rid!r} must be lowercase letters, digits and dashes")
            continue
        if rid in seen:
            errors.append(f"{where}: duplicate id {rid!r} (first at {seen[rid]})")
            continue
        seen[rid] = where
        for n in (name, *_split(row.get("aliases"))):
            names_to_id.setdefault(fold(n), rid)
        names_to_id.setdefault(rid, rid)
        pending.append((line, row, rid))

    ids = set(seen) | set((known_ids or {}).values())
    for line, row, rid in pending:
        where = f"{source}:{line}"
        parents = []
        bad = None
        for p in _split(row.get("parent")):
            pid = p if p in ids else names_to_id.get(fold(p))
            if pid is None:
                bad = f"{where}: parent {p!r} is neither an id nor a name of a reference row"
                break
            if pid == rid:
                bad = f"{where}: parent {p!r} is the row itself"
                break
            parents.append(pid)
        if bad:
            errors.append(bad)
            continue
        orgs.append(RefOrg(
            id=rid,
            name=row["name"],
            aliases=tuple(a for a in _split(row.get("aliases")) if a != row["name"]),
            country=(row.get("country") or "").upper() or None,
            kind=row.get("kind") or None,
            parent=tuple(parents),
            wikidata=row.get("wikidata") or None,
            source=where,
        ))
    errors.sort(key=lambda e: int(e[len(source) + 1:].split(":", 1)[0]) if e[len(source) + 1:].split(":", 1)[0].isdigit() else 0)
    return orgs, errors


@functools.lru_cache(maxsize=8)
def _load(path: str) -> tuple[RefOrg, ...]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceError(f"{path}: cannot read reference data ({exc.strerror or exc})") from None
    orgs, errors = parse_reference_csv(text, str(p), with_id=True)
    if errors:
        raise ReferenceError(errors[0] + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))
    return tuple(orgs)


def load_reference(path: str | Path | None = None) -> list[RefOrg]:
    """The reference organisations of ``path`` (default: the shipped file), cached."""
    return list(_load(str(path or DEFAULT_FILE)))


def to_entities(orgs: list[RefOrg]) -> tuple[list[Entity], list[Relation]]:
    """Model objects for reference rows: one Organization each (flagged
    ``reference=True``) and an AFFILIATED_WITH relation per parent."""
    entities: list[Entity] = []
    relations: list[Relation] = []
    for o in orgs:
        attrs = {"reference": True, "ref": o.id}
        if o.kind:
            attrs["kind"] = o.kind
        if o.country:
            attrs["country"] = o.country
        if o.wikidata:
            attrs["wikidata"] = o.wikidata
        entities.append(Entity(id=o.entity_id, type="Organization", name=o.name,
                               aliases=list(o.aliases), attrs=attrs))
        for p in o.parent:
            relations.append(Relation(id=relation_id("AFFILIATED_WITH", o.entity_id, ref_entity_id(p)),
                                      type="AFFILIATED_WITH", source=o.entity_id, target=ref_entity_id(p),
                                      attrs={"reference": True}))
    return entities, relations


def reference_entities(path: str | Path | None = None) -> tuple[list[Entity], list[Relation]]:
    """The shipped reference data as ``(entities, relations)`` for
    :meth:`~unionkg.graph.store.Store.put_reference_entities`."""
    return to_entities(load_reference(path))
