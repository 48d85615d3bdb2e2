"""Running the extractor over inputs: ``extract_paths`` (to JSON) and ``ingest_paths`` (into a store).

    load -> extract -> resolve against the store -> store.write(resolved, raw=extraction)

A failure of one document — it cannot be loaded, the extractor raises, the
resolver or the store rejects it — is recorded as one line naming the input
and the reason, and the other documents go on. Only a :class:`StoreError`
(the store itself is unreachable or broken) stops the run, since every later
document would fail the same way.

>>> from unionkg.graph.store import open_store
>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> _ = open(os.path.join(d, "a.txt"), "w").write("Title\\n\\nKUALA LUMPUR, 17 December 2025 - Text.\\n")
>>> with open_store(":memory:") as store:
...     report = ingest_paths([d, os.path.join(d, "missing.txt")], store)
>>> (report.added, report.failed, len(report.errors))
(1, 1, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from unionkg.graph.model import Document, Extraction
from unionkg.ingest.loaders import LoadError, load_documents

__all__ = ["IngestReport", "ingest_paths", "extract_paths", "expand_inputs"]


@dataclass
class IngestReport:
    """What an ingest run did: documents by outcome and one line per failure."""

    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def documents(self) -> int:
        """Documents stored or confirmed unchanged (failures not counted)."""
        return self.added + self.unchanged + self.replaced

    def summary(self) -> str:
        return (f"{self.documents} document(s): {self.added} added, {self.unchanged} unchanged, "
                f"{self.replaced} replaced; {self.failed} failed")

    def _fail(self, message: str, on_error: Callable[[str], None] | None) -> None:
        self.failed += 1
        self.errors.append(message)
        if on_error is not None:
            on_error(message)


def expand_inputs(paths: Iterable[str]) -> list[str]:
    """The inputs one by one: a directory becomes its supported files (sorted,
    recursive, hidden ones skipped); anything else stays as given. Lets a
    caller show progress per input."""
    import os

    from unionkg.ingest.loaders import walk_files

    out: list[str] = []
    for p in paths:
        p = str(p)
        if p != "-" and os.path.isdir(p):
            files = list(walk_files(p))
            out.extend(files or [p])  # an empty folder stays, for the loader to report
        else:
            out.append(p)
    return out


def _default_extractor():
    from unionkg.ingest.pipeline import default_extractor

    return default_extractor()


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def _extract_one(extractor, doc: Document) -> Extraction:
    extraction = extractor.extract(doc)
    if not isinstance(extraction, Extraction):
        raise TypeError(f"extractor returned {type(extraction).__name__}, not an Extraction")
    # The loader's language/date (including --language/--published) win over an
    # extractor that left them empty.
    if extraction.document.language is None:
        extraction.document.language = doc.language
    if extraction.document.published is None:
        extraction.document.published = doc.published
    return extraction


def extract_paths(paths: Iterable[str], *, extractor=None, language: str | None = None,
                  published: str | None = None) -> Iterator[Extraction | LoadError]:
    """One Extraction per document, or a LoadError (one line) per input or document that failed."""
    extractor = extractor or _default_extractor()
    for item in load_documents(paths, language=language, published=published):
        if isinstance(item, LoadError):
            yield item
            continue
        try:
            yield _extract_one(extractor, item)
        except Exception as exc:  # one bad document must not stop the others
            yield LoadError(item.source, f"extraction failed ({_one_line(exc)})")


def ingest_paths(paths: Iterable[str], store, *, extractor=None, language: str | None = None,
                 published: str | None = None,
                 on_document: Callable[[Document, str], None] | None = None,
                 on_error: Callable[[str], None] | None = None,
                 on_input: Callable[[str], None] | None = None) -> IngestReport:
    """Load, extract, resolve and store every document; returns an :class:`IngestReport`.

    ``on_document(document, status)`` is called after each stored document
    (status "added" | "unchanged" | "replaced"), ``on_error(line)`` after each
    failure, ``on_input(path)`` after each input (file, ``-``) is finished.
    A :class:`~unionkg.graph.store.StoreError` propagates: the store is gone.
    """
    from unionkg.graph.store import StoreError
    from unionkg.ingest.resolve import Resolver

    extractor = extractor or _default_extractor()
    resolver = Resolver(store)
    report = IngestReport()
    for path in expand_inputs(paths):
        for item in extract_paths([path], extractor=extractor, language=language, published=published):
            if isinstance(item, LoadError):
                report._fail(str(item), on_error)
                continue
            source = item.document.source
            try:
                resolved = resolver.resolve(item)
            except Exception as exc:
                report._fail(f"{source}: resolution failed ({_one_line(exc)})", on_error)
                continue
            try:
                status = store.write(resolved, raw=item)
            except StoreError:
                raise
            except Exception as exc:
                report._fail(f"{source}: not stored ({_one_line(exc)})", on_error)
                continue
            if status not in ("added", "unchanged", "replaced"):
                report._fail(f"{source}: store answered {status!r}", on_error)
                continue
            setattr(report, status, getattr(report, status) + 1)
            if on_document is not None:
                on_document(item.document, status)
        if on_input is not None:
            on_input(path)
    return report
