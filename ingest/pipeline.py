"""The extraction pipeline: small components behind one ``Extractor`` interface.

    load -> language -> sentences -> mentions -> relations -> in-document resolution

Each component is a callable ``component(ctx: DocContext) -> None``
(see :mod:`unionkg.ingest.context`). Another extractor (an LLM-backed one,
say) only has to implement :class:`Extractor` to be plugged in behind the
same JSON contract.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence

from unionkg.graph.model import Document, Extraction
from unionkg.ingest.context import DocContext

__all__ = ["Extractor", "RuleExtractor", "default_extractor", "default_components", "language_and_dates"]

Component = Callable[[DocContext], None]


class Extractor(ABC):
    """Turns one document into one :class:`Extraction`."""

    name = "extractor"

    @abstractmethod
    def extract(self, document: Document) -> Extraction: ...


class RuleExtractor(Extractor):
    """Deterministic, offline, multilingual extractor built from components."""

    name = "rules"

    def __init__(self, components: Sequence[Component] | None = None) -> None:
        self.components = list(components) if components is not None else default_components()

    def extract(self, document: Document) -> Extraction:
        """Raises ``ValueError`` (one line naming the source) for a text over the
        loaders' limit, so direct API callers get the same bound as the CLI."""
        from unionkg.ingest.loaders import MAX_TEXT_CHARS

        if len(document.text) > MAX_TEXT_CHARS:
            raise ValueError(f"{document.source}: text of {len(document.text):,} characters is over the "
                             f"limit of {MAX_TEXT_CHARS:,}; split it into articles")
        ctx = DocContext(document=document)
        for component in self.components:
            component(ctx)
        return ctx.to_extraction()


def language_and_dates(ctx: DocContext) -> None:
    """Component: the document's language (given, else detected) and its press date
    (given, else read from the text) — the anchor for relative dates."""
    from datetime import date

    doc = ctx.document
    lang = doc.language
    if not lang:
        try:
            from unionkg.ingest.language import detect_language

            lang = detect_language(doc.text)
        except Exception as exc:  # detection is an aid: extraction goes on without it
            ctx.warnings.append(f"language detection failed: {exc}")
            lang = None
    ctx.language = lang
    if doc.language is None and lang:
        doc.language = lang
    published = None
    if doc.published:
        try:
            published = date.fromisoformat(str(doc.published)[:10])
        except ValueError:
            published = None
    if published is None:
        try:
            from unionkg.ingest.dates import document_date

            published = document_date(doc.text, doc.published)
        except Exception as exc:
            ctx.warnings.append(f"press date not read: {exc}")
    ctx.published = published
    if doc.published is None and published is not None:
        doc.published = published.isoformat()


def default_components() -> list[Component]:
    """load -> language -> sentences -> mentions -> in-document resolution -> relations,
    then the fact components that read the resolved mentions (agreements, events, counts).
    Resolution runs before the relation readers so that relations are built between
    resolved entities (a short form "Khang" already points at Nguyen Dinh Khang)."""
    # Imported here so that each component module stays importable on its own.
    from unionkg.ingest import affiliations, agreements, coref, counts, events, orgs, persons, places, posts, sentences, titles

    return [
        language_and_dates,
        sentences.split_sentences,
        titles.find_titles,
        orgs.find_organizations,
        persons.find_persons,
        coref.resolve_mentions,
        posts.find_positions,
        affiliations.find_affiliations,
        places.find_based_in,
        agreements.find_agreements,
        events.find_events,
        counts.find_member_counts,
    ]


def default_extractor() -> Extractor:
    return RuleExtractor()
