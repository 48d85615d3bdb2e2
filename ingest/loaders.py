"""Loaders: files, folders and stdin become :class:`~unionkg.graph.model.Document` objects.

``load_documents(paths)`` yields, in order, one ``Document`` per document read or
one :class:`LoadError` per input that could not be read, so that a caller can
report the bad input in one line and go on with the rest.

Formats (by extension):

- ``.txt``/``.md``: UTF-8 text (a UTF-16 file with a byte-order mark is accepted
  too). A headline-like first line followed by a blank line is the *title*.
  ``Document.text`` is the **whole file** including that title line, so every
  evidence offset points into the file as written (after the normalisations
  below). In Markdown a leading ``#`` is dropped from the title only.
- ``.html``/``.htm``: trafilatura's main text (navigation and boilerplate
  removed), the title and the published date from the page's metadata. The
  text is the title, a blank line, then the body.
- ``.pdf``: the text layer (pypdf), pages separated by a blank line. A PDF
  without a text layer (a scan) is an error.
- ``.jsonl``: one JSON object per line with ``text`` and optional ``title``,
  ``url``, ``published`` (YYYY-MM-DD), ``language`` and ``id``. A bad line is an
  error naming ``file:line``; the other lines still load. ``source`` is the
  ``url`` when given, else ``file#id``, else ``file:line``.
- a directory: every supported file below it, recursively, in sorted order;
  hidden files and folders and files of other types are skipped silently.
- ``-``: standard input (plain text, or HTML when it starts like a page).

A file named explicitly with another extension is an error. Every text is
normalised the same way before anything else sees it: a leading byte-order
mark removed, ``\\r\\n`` and ``\\r`` turned into ``\\n``, Unicode NFC. The
document ``id`` is :func:`unionkg.graph.ids.document_id` of that text;
``source`` is the path as given (or the URL / ``stdin``).

Each document also gets its ``language`` (the ``language`` argument, else the
file's own metadata, else :func:`~unionkg.ingest.language.detect_language`) and
``published`` date (the ``published`` argument, else metadata, else
:func:`~unionkg.ingest.dates.document_date` on the text).

Inputs larger than :data:`MAX_BYTES` (20 MB) are rejected before being read,
so memory stays bounded; a JSONL file may be larger, but each line is limited.
A document whose text is longer than :data:`MAX_TEXT_CHARS` (1,000,000
characters, some 500 news articles) is rejected too, with one line naming the
input and the length: the extractor's cost grows with the length of a text
(its fact components are linear, but some recognisers are not), and a
document that long is a book, a dump or a concatenation, better split into its
articles first (a JSONL file with one article per line).

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> p = os.path.join(d, "a.txt")
>>> _ = open(p, "w", encoding="utf-8").write("MTUC meets minister\\n\\nKUALA LUMPUR, 17 December 2025 - The MTUC met the minister.\\n")
>>> doc = next(load_documents([p]))
>>> (doc.title, doc.published, doc.language)
('MTUC meets minister', '2025-12-17', 'en')
>>> print(next(load_documents([os.path.join(d, "missing.txt")])))  # doctest: +ELLIPSIS
/...missing.txt: no such file or directory
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from unionkg.graph.ids import document_id
from unionkg.graph.model import Document

__all__ = ["LoadError", "load_documents", "load_text", "walk_files", "SUPPORTED_EXTENSIONS", "MAX_BYTES",
           "MAX_TEXT_CHARS"]

MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000
SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".jsonl")
_TITLE_MAX = 300
NUL = b"\x00"


@dataclass(frozen=True)
class LoadError:
    """An input that could not be read: ``str(error)`` is one line, "SOURCE: reason"."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class _Reject(ValueError):
    """Raised inside a loader with the one-line reason."""


# --------------------------------------------------------------------------- public API


def load_documents(paths: Iterable[str], *, language: str | None = None,
                   published: str | None = None) -> Iterator[Document | LoadError]:
    """Documents (or load errors) from files, directories and ``-`` (stdin), in order.

    ``language`` and ``published`` (ISO date) override what is detected.
    """
    for path in paths:
        path = str(path)
        if path == "-":
            yield from _guard("stdin", lambda: _load_stdin(language, published))
            continue
        if os.path.isdir(path):
            found = False
            for file in walk_files(path):
                found = True
                yield from _guard(file, lambda f=file: _load_file(f, language, published))
            if not found:
                yield LoadError(path, f"no supported files in this directory ({', '.join(SUPPORTED_EXTENSIONS)})")
            continue
        if not os.path.lexists(path):
            yield LoadError(path, "no such file or directory")
            continue
        ext = _ext(path)
        if ext not in SUPPORTED_EXTENSIONS:
            shown = ext or "no extension"
            yield LoadError(path, f"unsupported file type ({shown}); expected one of {', '.join(SUPPORTED_EXTENSIONS)}")
            continue
        yield from _guard(path, lambda p=path: _load_file(p, language, published))


def load_text(text: str, source: str, *, title: str | None = None, language: str | None = None,
              published: str | None = None, url: str | None = None) -> Document:
    """A Document from text already in memory (normalised, title, language and date filled)."""
    text = _normalise(text)
    if title is None:
        title = _headline(text)
    return _document(text, source, title, language, published, url)


# --------------------------------------------------------------------------- plumbing


def _guard(source: str, produce) -> Iterator[Document | LoadError]:
    """Run a loader; any failure becomes one LoadError naming the source."""
    try:
        yield from produce()
    except _Reject as exc:
        yield LoadError(source, str(exc))
    except PermissionError:
        yield LoadError(source, "permission denied")
    except IsADirectoryError:
        yield LoadError(source, "is a directory")
    except FileNotFoundError:
        yield LoadError(source, "no such file or directory")
    except OSError as exc:
        yield LoadError(source, f"cannot read: {exc.strerror or exc}")
    except MemoryError:
        yield LoadError(source, "out of memory while reading")
    except Exception as exc:  # a bug in a parser must cost one input, not the run
        detail = " ".join(str(exc).split())[:200]
        yield LoadError(source, f"cannot be read ({type(exc).__name__}{': ' + detail if detail else ''})")


def _ext(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def walk_files(root: str) -> Iterator[str]:
    """Supported files below ``root``: sorted, hidden entries skipped, symlinked folders not followed."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and _ext(name) in SUPPORTED_EXTENSIONS:
                yield os.path.join(dirpath, name)


def _read_bytes(path: str) -> bytes:
    size = os.stat(path).st_size
    if size > MAX_BYTES:
        raise _Reject(_too_large(size))
    with open(path, "rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # the file grew while we read it
        raise _Reject(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    mb = 1024 * 1024
    return f"too large ({size / mb:.1f} MB; the limit is {MAX_BYTES / mb:.0f} MB)"


def _decode(data: bytes) -> str:
    """Bytes to text: empty, binary and invalid UTF-8 are rejected with a reason."""
    if not data.strip():
        raise _Reject("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _Reject(f"invalid UTF-16 at byte offset {exc.start}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _Reject(f"binary file (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Reject(f"invalid UTF-8 at byte offset {exc.start}") from None


def _normalise(text: str) -> str:
    if len(text) > 2 * MAX_TEXT_CHARS:  # surely too long even once "\r\n" is "\n": no copies made
        _check_length(text)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _check_length(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise _Reject(f"text too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}): "
                      "split it into articles, e.g. one per line of a .jsonl file")


def _headline(text: str) -> str | None:
    """The first line when it looks like a headline: followed by a blank line, not
    too long, not ending like a sentence of body text."""
    stripped = text.lstrip("\n")
    first, sep, rest = stripped.partition("\n")
    if not sep or not re.match(r"[ \t]*\n", rest):
        return None
    line = first.strip().lstrip("#").strip()
    if not line or len(line) > _TITLE_MAX or not rest.strip():
        return None
    if line.endswith(".") and len(line.split()) > 15:  # a one-sentence paragraph, not a headline
        return None
    return line


def _document(text: str, source: str, title: str | None, language: str | None,
              published: str | None, url: str | None, meta_date: str | None = None,
              meta_language: str | None = None) -> Document:
    from unionkg.ingest.dates import document_date
    from unionkg.ingest.language import detect_language

    if not text.strip():
        raise _Reject("no text")
    _check_length(text)
    lang = language or meta_language or detect_language(text)
    if published is None:
        found = document_date(text, meta_date)
        published = found.isoformat() if found else None
    return Document(id=document_id(text), source=source, text=text, title=title, published=published,
                    language=lang, url=url)


# --------------------------------------------------------------------------- formats


def _load_file(path: str, language: str | None, published: str | None) -> Iterator[Document]:
    ext = _ext(path)
    if ext == ".jsonl":
        yield from _load_jsonl(path, language, published)
        return
    data = _read_bytes(path)
    if ext in (".html", ".htm"):
        yield _load_html(data, path, language, published)
    elif ext == ".pdf":
        yield _load_pdf(data, path, language, published)
    else:
        yield load_text(_decode(data), path, language=language, published=published)


def _load_stdin(language: str | None, published: str | None) -> Iterator[Document]:
    stream: BinaryIO = getattr(sys.stdin, "buffer", None) or io.BytesIO(sys.stdin.read().encode("utf-8"))
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _Reject(f"too large (more than {MAX_BYTES / (1024 * 1024):.0f} MB)")
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        yield _load_html(data, "stdin", language, published)
    else:
        yield load_text(_decode(data), "stdin", language=language, published=published)


def _load_html(data: bytes, source: str, language: str | None, published: str | None) -> Document:
    if not data.strip():
        raise _Reject("empty file")
    if b"\x00" in data[:8192]:
        raise _Reject(f"binary file (NUL byte at offset {data.find(NUL)})")
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml FutureWarnings from inside trafilatura
        # No extensive date search: a date guessed from the page's body text is
        # worse than our own dateline reading.
        result = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    if result is None:
        raise _Reject("no main text found in the HTML page")
    meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    body = (meta.get("text") or "").strip()
    if not body:
        raise _Reject("no main text found in the HTML page")
    title = (meta.get("title") or "").strip() or None
    # The same layout as a .txt file: title, blank line, body (without a repeated title).
    first, _, rest = body.partition("\n")
    if title and first.strip() == title:
        body = rest.strip()
    text = _normalise(f"{title}\n\n{body}\n" if title else body + "\n")
    url = meta.get("url") or None
    return _document(text, source, title, language, published, url, meta_date=meta.get("date"),
                     meta_language=None)


def _load_pdf(data: bytes, source: str, language: str | None, published: str | None) -> Document:
    if not data.strip():
        raise _Reject("empty file")
    if not data.lstrip().startswith(b"%PDF"):
        raise _Reject("not a PDF file (no %PDF header)")
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf logs recoverable damage as warnings
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise _Reject("encrypted PDF") from None
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except _Reject:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise _Reject(f"unreadable PDF ({_one_line(exc)})") from None
    text = _normalise("\n\n".join(p for p in pages if p))
    if not text.strip():
        raise _Reject("PDF has no text layer (a scanned image? run OCR first)")
    meta_date = None
    try:
        info = reader.metadata
        if info is not None and info.creation_date is not None:
            meta_date = info.creation_date.date().isoformat()
    except Exception:  # PDF metadata is often malformed; it is optional
        meta_date = None
    # A PDF's creation date is not its press date when the text has one.
    from unionkg.ingest.dates import document_date

    own = document_date(text)
    return _document(text, source, _headline(text), language, published, None,
                     meta_date=own.isoformat() if own else meta_date)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _load_jsonl(path: str, language: str | None, published: str | None) -> Iterator[Document | LoadError]:
    from unionkg.ingest.dates import parse_iso_date

    if os.stat(path).st_size == 0:
        raise _Reject("empty file")
    seen_any = False
    with open(path, "rb") as f:
        lineno = 0
        while True:
            raw = f.readline(MAX_BYTES + 1)
            if not raw:
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
                yield LoadError(where, _too_large(len(raw)) + " (line)")
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = f.readline(MAX_BYTES + 1)
                continue
            if not raw.strip():
                continue
            seen_any = True
            try:
                line = _decode(raw)
                obj = json.loads(line)
            except _Reject as exc:
                yield LoadError(where, str(exc))
                continue
            except json.JSONDecodeError as exc:
                yield LoadError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield LoadError(where, "expected a JSON object per line")
                continue
            text = obj.get("text")
            if not isinstance(text, str) or not text.strip():
                yield LoadError(where, "missing or empty 'text'")
                continue
            bad = [k for k in ("title", "url", "published", "language", "id")
                   if obj.get(k) is not None and not isinstance(obj[k], (str, int))]
            if bad:
                yield LoadError(where, f"'{bad[0]}' must be a string")
                continue
            line_published = published
            if line_published is None and obj.get("published"):
                try:
                    line_published = parse_iso_date(str(obj["published"])[:10] if "T" in str(obj["published"])
                                                    else str(obj["published"])).isoformat()
                except ValueError as exc:
                    yield LoadError(where, f"'published': {exc}")
                    continue
            line_language = obj.get("language") or None
            if line_language is not None:
                line_language = str(line_language).strip().lower()
                if not re.fullmatch(r"[a-z]{2,3}", line_language):
                    yield LoadError(where, f"'language' must be an ISO 639-1 code such as 'id' or 'vi', "
                                           f"not {obj['language']!r}")
                    continue
            url = obj.get("url") or None
            source = url or (f"{path}#{obj['id']}" if obj.get("id") not in (None, "") else where)
            text = _normalise(text)
            title = obj.get("title")
            try:
                yield _document(text, source, str(title) if title else _headline(text), language, line_published,
                                url, meta_language=line_language)
            except _Reject as exc:
                yield LoadError(where, str(exc))
    if not seen_any:
        raise _Reject("empty file")
