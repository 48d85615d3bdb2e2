"""Cross-document entity resolution. (to be written: issue 5)

``Resolver(store).resolve(extraction) -> Extraction`` maps an extraction's
local entity ids onto the store's existing nodes (and reference entities).
Until it is written it passes extractions through unchanged.
"""
from __future__ import annotations

from unionkg.graph.model import Extraction

__all__ = ["Resolver"]


class Resolver:
    def __init__(self, store) -> None:
        self.store = store

    def resolve(self, extraction: Extraction) -> Extraction:
        return extraction
