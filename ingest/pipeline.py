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

__all__ = ["Extractor", "RuleExtractor", "default_extractor"]

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
        ctx = DocContext(document=document)
        for component in self.components:
            component(ctx)
        return ctx.to_extraction()


def default_components() -> list[Component]:
    # Imported here so that each component module stays importable on its own.
    from unionkg.ingest import agreements, events, counts

    return [agreements.find_agreements, events.find_events, counts.find_member_counts]


def default_extractor() -> Extractor:
    return RuleExtractor()
