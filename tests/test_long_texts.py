"""Long texts: a document over the loader's length limit is refused in one line naming it
(with bounded memory, even for a 20 MB file); a long text under the limit, even one
"sentence" without punctuation, is extracted with every evidence span inside it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from click.testing import CliRunner

from unionkg.cli import main
from unionkg.graph.model import Document
from unionkg.ingest import loaders
from unionkg.ingest.loaders import LoadError, load_documents
from unionkg.ingest.pipeline import default_extractor

# Our own wording: a paragraph with an organisation, a post, a meeting, a date, an agreement and a count.
PARAGRAPH = ("Ketua Umum Federasi Serikat Pekerja Logam Budi Santoso bertemu Presiden Konfederasi Serikat "
             "Pekerja Nusantara (KSPN) Siti Hassan pada Senin (15/12) di Jakarta. Kedua organisasi berencana "
             "menandatangani nota kesepahaman tentang pelatihan. KSPN memiliki sekitar 120 ribu anggota.\n\n")


def test_a_20_mb_file_is_refused_in_one_line_with_bounded_memory(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "w", encoding="utf-8") as f:
        f.write("Judul\n\n")
        chunk = PARAGRAPH * 100
        while f.tell() < 20_000_000:
            f.write(chunk)
    # In a child process of its own, so that its peak memory is measured alone.
    script = textwrap.dedent(f"""
        import resource, subprocess, sys
        p = subprocess.run([sys.executable, "-c", "from unionkg.cli import main; main()", "extract", {str(big)!r}],
                           capture_output=True, text=True)
        print(p.returncode)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        sys.stderr.write(p.stderr)
        sys.stdout.write(p.stdout)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    code, rss_kb, *out = done.stdout.splitlines()
    assert code == "1"
    assert out == []  # no document came out
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(big) in lines[0] and "too long" in lines[0] and "characters" in lines[0]
    # the file, its text and a few working copies: far from what extracting it would take
    assert int(rss_kb) < 400 * 1024, f"peak RSS {int(rss_kb) // 1024} MB"


def test_a_jsonl_line_over_the_limit_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    long_text = PARAGRAPH * (loaders.MAX_TEXT_CHARS // len(PARAGRAPH) + 1)
    path.write_text(json.dumps({"text": PARAGRAPH}) + "\n" + json.dumps({"text": long_text}) + "\n", encoding="utf-8")
    items = list(load_documents([str(path)]))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], LoadError)
    assert items[1].source == f"{path}:2"
    assert "too long" in str(items[1]) and "\n" not in str(items[1])


def test_a_text_at_the_limit_is_loaded(tmp_path):
    path = tmp_path / "edge.txt"
    text = (PARAGRAPH * (loaders.MAX_TEXT_CHARS // len(PARAGRAPH) + 1))[: loaders.MAX_TEXT_CHARS]
    path.write_text(text, encoding="utf-8")
    (doc,) = load_documents([str(path)], language="id", published="2025-12-16")
    assert isinstance(doc, Document) and len(doc.text) == loaders.MAX_TEXT_CHARS


def test_the_cli_reports_the_over_long_text_and_goes_on(tmp_path):
    ok = tmp_path / "a.txt"
    ok.write_text(PARAGRAPH, encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_text(PARAGRAPH * (loaders.MAX_TEXT_CHARS // len(PARAGRAPH) + 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(ok), str(bad), "--format", "jsonl"])
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1  # the good document
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and str(bad) in errors[0] and "too long" in errors[0]


def _check_spans(ex, text: str) -> None:
    for e in ex.entities:
        for ev in e.evidence:
            assert 0 <= ev.start <= ev.end <= len(text) and text[ev.start : ev.end] == ev.text
    for r in ex.relations:
        for ev in r.evidence:
            assert 0 <= ev.start <= ev.end <= len(text) and text[ev.start : ev.end] == ev.text


def test_a_long_text_of_many_paragraphs_is_extracted():
    text = "Serikat pekerja bertemu\n\n" + PARAGRAPH * 150  # ~50 KB
    ex = default_extractor().extract(Document(id="long", source="long", text=text, language="id",
                                              published="2025-12-16"))
    _check_spans(ex, text)
    assert any(e.type == "Organization" for e in ex.entities)
    assert any(e.type == "Event" for e in ex.entities)


def test_one_endless_sentence_without_punctuation_is_extracted():
    # a table or a dump without full stops: one "sentence" of ~30 KB, many triggers and dates in it
    text = (PARAGRAPH * 100).replace(". ", ", ").replace("\n", " ")
    ex = default_extractor().extract(Document(id="one", source="one", text=text, language="id",
                                              published="2025-12-16"))
    _check_spans(ex, text)


# --------------------------------------------------------------------------- the fast helpers agree with the plain ones

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from unionkg.ingest.factctx import SpanSet, inside  # noqa: E402

_span = st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=300, deadline=None)
@given(spans=st.lists(_span, max_size=30), probe=_span)
def test_span_set_answers_as_a_scan_does(spans, probe):
    assert SpanSet(spans).overlaps(*probe) == inside(probe[0], probe[1], spans)
