"""Named queries and network analytics over any ``Store``.

>>> import unionkg
>>> from unionkg.queries import run
>>> with unionkg.open(":memory:") as store:
...     run(store, "agreements", country="ID")
[]
"""

from unionkg.queries.named import QUERIES, Query, run
from unionkg.queries.params import Param, QueryError
from unionkg.queries.resolve import resolve

__all__ = ["QUERIES", "Query", "run", "Param", "QueryError", "resolve"]
