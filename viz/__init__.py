"""Drawing the graph: interactive pyvis pages (:mod:`.network`) and static figures (:mod:`.static`).

All document text passes through :mod:`.escape` before it reaches HTML.
"""

from unionkg.viz.network import build_page, select

__all__ = ["build_page", "select"]
