"""The one place where text from documents is made safe for HTML.

Every name, alias, sentence, title or date that reaches a page goes through
:func:`text` (element content and attribute values alike). Tooltips are
assembled here from escaped parts only, so markup in the data — an
organisation named ``<img src=x onerror=alert(1)>`` — shows as text.

>>> text('<img src=x onerror=alert(1)>')
'&lt;img src=x onerror=alert(1)&gt;'
>>> tooltip("KSPSI & co", [("kind", "confederation")], ["He said \\"<b>hi</b>\\"."])
'<b>KSPSI &amp; co</b><br>kind: confederation<br><i>He said &quot;&lt;b&gt;hi&lt;/b&gt;&quot;.</i>'
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any

__all__ = ["text", "tooltip", "script_json"]


def text(value: Any) -> str:
    """HTML-escape ``value`` (quotes too, so it is safe inside attributes); None → ''."""
    return "" if value is None else html.escape(str(value), quote=True)


def tooltip(heading: Any, fields: Iterable[tuple[str, Any]] = (), sentences: Iterable[Any] = (),
            more: int = 0) -> str:
    """Tooltip HTML: a bold heading, ``label: value`` lines, then quoted sentences, all escaped.
    Our own markup is limited to <b>, <br> and <i>."""
    parts = [f"<b>{text(heading)}</b>"]
    parts += [f"{text(k)}: {text(v)}" for k, v in fields if v not in (None, "", [])]
    parts += [f"<i>{text(s)}</i>" for s in sentences]
    if more:
        parts.append(f"(+{int(more)} more sources)")
    return "<br>".join(parts)


def script_json(value: Any) -> str:
    """JSON safe to place inside a <script> element: '<', '>' and '&' as \\u escapes,
    so no string in the data can close the element."""
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
