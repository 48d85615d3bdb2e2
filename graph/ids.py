"""Stable, derived identifiers (never random).

- A document is identified by the hash of its text: re-ingesting the same
  text is a no-op. Its ``source`` (path/URL) says which older version a
  changed text replaces.
- An organisation or person is identified by its folded name key, so the
  same name read again yields the same node; cross-document resolution may
  then point it at an existing node or a reference entity.
- A relation is identified by its type, endpoints and role.
- Agreements and events by their kind, date and sorted participants.

>>> relation_id("HOLDS_POSITION", "per-a", "org-b", "president") == relation_id("HOLDS_POSITION", "per-a", "org-b", "president")
True
>>> fold("Nguyễn Đình Khang")
'nguyen dinh khang'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["fold", "digest", "document_id", "entity_id", "relation_id", "compound_id", "PREFIX"]

PREFIX = {"Organization": "org", "Person": "per", "Agreement": "agr", "Event": "evt", "Place": "plc"}

_SPECIAL = str.maketrans({"Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "ß": "ss", "ı": "i"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Case, diacritics and punctuation folded; Đ→D before marks are stripped
    (NFKD alone turns "Đình" into "inh")."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text.casefold()).replace("_", " ").strip()


def digest(*parts: object, length: int = 16) -> str:
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def document_id(text: str) -> str:
    """``doc-`` + hash of the text with line endings normalised."""
    return "doc-" + digest(text.replace("\r\n", "\n").strip())


def entity_id(entity_type: str, key: str, *qualifiers: object) -> str:
    """``org-``/``per-``/... + hash of the folded key (and optional qualifiers such as a country)."""
    return f"{PREFIX[entity_type]}-" + digest(entity_type, fold(key), *qualifiers)


def compound_id(entity_type: str, kind: str | None, date: str | None, members: Iterable[str]) -> str:
    """ID of an agreement or event: its kind, date and sorted participant IDs."""
    return f"{PREFIX[entity_type]}-" + digest(entity_type, kind, date, *sorted(set(members)))


def relation_id(rel_type: str, source: str, target: str, role: str | None = None) -> str:
    """``rel-`` + hash of type, endpoints and role."""
    return "rel-" + digest(rel_type, source, target, role or "")
