"""The extractor's length bound holds for direct API callers too."""

import pytest

from unionkg.graph.model import Document
from unionkg.ingest.loaders import MAX_TEXT_CHARS
from unionkg.ingest.pipeline import default_extractor


def test_extractor_refuses_a_text_over_the_limit_in_one_line():
    doc = Document(id="doc-x", source="huge.txt", text="a " * (MAX_TEXT_CHARS // 2 + 10))
    with pytest.raises(ValueError) as err:
        default_extractor().extract(doc)
    assert "huge.txt" in str(err.value) and "\n" not in str(err.value)
