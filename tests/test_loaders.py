"""Loaders: every format, folders, stdin, and every kind of bad input (one line naming it)."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from unionkg.graph.ids import document_id
from unionkg.graph.model import Document
from unionkg.ingest import loaders
from unionkg.ingest.loaders import LoadError, load_documents

FIX = Path(__file__).parent / "fixtures" / "ingest"


def make_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds ``lines`` (ASCII, Helvetica)."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({esc(s)}) Tj T*" for s in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def one(path, **kw) -> Document | LoadError:
    items = list(load_documents([str(path)], **kw))
    assert len(items) == 1, items
    return items[0]


def docs_and_errors(paths, **kw):
    items = list(load_documents([str(p) for p in paths], **kw))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, LoadError)]


# --------------------------------------------------------------------------- formats


def test_txt_title_is_the_headline_and_text_keeps_it():
    doc = one(FIX / "good" / "serikat_id.txt")
    raw = (FIX / "good" / "serikat_id.txt").read_text("utf-8")
    assert doc.title == "Serikat Pekerja Pelabuhan Gelar Rapat Kerja Nasional"
    assert doc.text == raw  # the whole file: offsets point into it as written
    assert doc.text.index("Bambang Wicaksono") == raw.index("Bambang Wicaksono")
    assert doc.id == document_id(raw)
    assert doc.source == str(FIX / "good" / "serikat_id.txt")
    assert doc.language == "id"
    assert doc.published == "2025-12-03"


def test_txt_without_blank_line_after_first_line_has_no_title(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("The union met on Monday.\nIt was a long meeting about wages.\n", encoding="utf-8")
    doc = one(p)
    assert doc.title is None
    assert doc.text.startswith("The union met")


def test_markdown_title_drops_the_hash_only_in_the_title():
    doc = one(FIX / "good" / "kesatuan_ms.md")
    assert doc.title == "Kesatuan pekerja kilang adakan mesyuarat agung"
    assert doc.text.startswith("# Kesatuan")
    assert doc.language == "ms"
    assert doc.published == "2025-12-08"


def test_crlf_bom_and_nfd_are_normalised(tmp_path):
    p = tmp_path / "vi.txt"
    nfd = "Co\u0302ng đoa\u0300n"  # "Công đoàn" in decomposed form
    p.write_bytes(("\ufeff" + f"Tin {nfd}\r\n\r\nNgày 8/12, {nfd} họp.\r\n").encode("utf-8"))
    doc = one(p)
    assert "\r" not in doc.text and not doc.text.startswith("\ufeff")
    assert "Công đoàn" in doc.text
    assert doc.title == "Tin Công đoàn"


def test_utf16_with_bom_is_read(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Serikat buruh\n\nSerikat buruh menggelar aksi damai di Jakarta hari ini.\n".encode("utf-16"))
    doc = one(p)
    assert doc.title == "Serikat buruh"


def test_html_main_text_title_and_meta_date():
    doc = one(FIX / "good" / "sub" / "congdoan_vi.html")
    assert doc.title == "Công đoàn ngành Cảng biển tổ chức hội nghị"
    assert doc.text.startswith(doc.title + "\n\n")
    assert "Trần Văn Minh" in doc.text
    assert "Trang chủ" not in doc.text  # navigation removed
    assert "Bản quyền" not in doc.text  # footer removed
    assert doc.text.count(doc.title) == 1  # the <h1> is not repeated
    assert doc.published == "2025-12-09"
    assert doc.language == "vi"


def test_html_without_main_text_is_an_error(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    err = one(p)
    assert isinstance(err, LoadError)
    assert str(err) == f"{p}: no main text found in the HTML page"


def test_pdf_text_layer(tmp_path):
    p = tmp_path / "report.pdf"
    p.write_bytes(make_pdf(["Dockworkers union report", "", "MANILA, 2 December 2025 - The union elected a new board."]))
    doc = one(p)
    assert "elected a new board" in doc.text
    assert doc.published == "2025-12-02"
    assert doc.source == str(p)


def test_pdf_without_text_layer_is_a_clear_error(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(make_pdf([]))
    err = one(p)
    assert isinstance(err, LoadError)
    assert "no text layer" in err.reason and str(err).startswith(str(p) + ": ")


def test_broken_pdf_is_a_clear_error(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    err = one(p)
    assert isinstance(err, LoadError)
    assert "\n" not in str(err) and str(err).startswith(str(p) + ": ")


def test_not_a_pdf_is_an_error(tmp_path):
    p = tmp_path / "fake.pdf"
    p.write_text("just text pretending", encoding="utf-8")
    err = one(p)
    assert isinstance(err, LoadError) and "not a PDF" in err.reason


def test_jsonl_fields_and_sources():
    docs, errors = docs_and_errors([FIX / "good" / "batch.jsonl"])
    assert not errors
    first, second = docs
    assert first.source == f"{FIX / 'good' / 'batch.jsonl'}#n1"
    assert (first.title, first.published, first.language) == ("Dockworkers meet", "2025-12-05", "en")
    assert second.source == second.url == "https://example.org/news/2"
    assert second.id == document_id(second.text)


def test_jsonl_bad_lines_name_file_and_line_and_good_lines_still_load():
    path = FIX / "bad" / "mixed.jsonl"
    docs, errors = docs_and_errors([path])
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:5"]
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "invalid JSON" in errors[0].reason
    assert "'text'" in errors[1].reason
    assert "published" in errors[2].reason and "YYYY-MM-DD" in errors[2].reason
    assert all("\n" not in str(e) for e in errors)


def test_jsonl_language_must_be_a_code(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"text": "Serikat buruh berunding.", "language": "Bahasa Indonesia"}\n'
                 '{"text": "Serikat buruh berunding.", "language": "ID"}\n', encoding="utf-8")
    docs, errors = docs_and_errors([p])
    assert errors[0].source == f"{p}:1" and "ISO 639-1" in errors[0].reason
    assert docs[0].language == "id"


def test_jsonl_non_object_line(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('["a list"]\n{"text": "Good line about a union."}\n', encoding="utf-8")
    docs, errors = docs_and_errors([p])
    assert len(docs) == 1 and errors[0].source == f"{p}:1" and "object" in errors[0].reason


def test_overrides_win_over_detection():
    doc = one(FIX / "good" / "serikat_id.txt", language="ms", published="2024-01-02")
    assert (doc.language, doc.published) == ("ms", "2024-01-02")


# --------------------------------------------------------------------------- folders and stdin


def test_directory_is_recursive_sorted_and_skips_hidden_and_unknown():
    docs, errors = docs_and_errors([FIX / "good"])
    assert not errors
    sources = [d.source for d in docs]
    assert sources == [
        f"{FIX / 'good' / 'batch.jsonl'}#n1",
        "https://example.org/news/2",
        str(FIX / "good" / "kesatuan_ms.md"),
        str(FIX / "good" / "serikat_id.txt"),
        str(FIX / "good" / "sub" / "congdoan_vi.html"),
    ]
    assert not any("secret" in s or "draft" in s or "photo" in s for s in sources)


def test_empty_directory_is_reported(tmp_path):
    err = one(tmp_path)
    assert isinstance(err, LoadError) and "no supported files" in err.reason


def test_stdin(monkeypatch):
    data = "Pekerja mogok\n\nBuruh pabrik tekstil mogok kerja di Bandung kemarin.\n".encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    doc = one("-")
    assert doc.source == "stdin" and doc.title == "Pekerja mogok"


def test_stdin_html(monkeypatch):
    html = (FIX / "good" / "sub" / "congdoan_vi.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html), encoding="utf-8"))
    doc = one("-")
    assert doc.source == "stdin" and doc.title.startswith("Công đoàn")


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty file"),
    ("binary.txt", "binary file (NUL byte at offset 4)"),
    ("latin1.txt", "invalid UTF-8 at byte offset 3"),
])
def test_bad_text_files(name, reason):
    err = one(FIX / "bad" / name)
    assert isinstance(err, LoadError)
    assert str(err) == f"{FIX / 'bad' / name}: {reason}"


def test_whitespace_only_is_empty(tmp_path):
    p = tmp_path / "blank.md"
    p.write_text(" \n\n\t\n", encoding="utf-8")
    assert one(p).reason == "empty file"


def test_missing_path():
    err = one("/nonexistent/dir/article.txt")
    assert str(err) == "/nonexistent/dir/article.txt: no such file or directory"


def test_unknown_extension_named_explicitly_is_an_error_but_skipped_in_folders():
    err = one(FIX / "bad" / "notes.docx")
    assert isinstance(err, LoadError) and "unsupported file type (.docx)" in err.reason
    _, errors = docs_and_errors([FIX / "bad"])
    assert not any("notes.docx" in e.source for e in errors)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("Secret union minutes.\n", encoding="utf-8")
    p.chmod(0)
    try:
        assert one(p).reason == "permission denied"
    finally:
        p.chmod(0o644)


def test_unreadable_via_oserror(tmp_path, monkeypatch):
    # Works as root too: the read itself fails with an OS error.
    p = tmp_path / "a.txt"
    p.write_text("Text.\n", encoding="utf-8")
    real_open = open

    def failing_open(file, mode="r", *a, **kw):
        if str(file) == str(p) and "b" in mode:
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(file, mode, *a, **kw)

    monkeypatch.setattr("builtins.open", failing_open)
    assert str(one(p)) == f"{p}: permission denied"


def test_too_large_file_is_rejected_before_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:  # sparse: 21 MB on paper, nothing on disk
        f.truncate(loaders.MAX_BYTES + 1_000_000)
    err = one(p)
    assert isinstance(err, LoadError)
    assert err.reason == "too large (21.0 MB; the limit is 20 MB)"


def test_too_long_jsonl_line(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_BYTES", 100)
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"text": "x" * 300}) + "\n" + json.dumps({"text": "short union note"}) + "\n", encoding="utf-8")
    docs, errors = docs_and_errors([p])
    assert [e.source for e in errors] == [f"{p}:1"] and "too large" in errors[0].reason
    assert [d.source for d in docs] == [f"{p}:2"]


def test_good_files_still_load_beside_bad_ones():
    docs, errors = docs_and_errors([FIX / "bad" / "empty.txt", FIX / "good" / "serikat_id.txt", "/nope.txt"])
    assert [d.title for d in docs] == ["Serikat Pekerja Pelabuhan Gelar Rapat Kerja Nasional"]
    assert len(errors) == 2


# --------------------------------------------------------------------------- properties

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), ext=st.sampled_from([".txt", ".md", ".jsonl", ".html", ".pdf"]))
def test_arbitrary_bytes_give_a_document_or_a_one_line_error(tmp_path, data, ext):
    p = tmp_path / f"x{ext}"
    p.write_bytes(data)
    for item in load_documents([str(p)], language="en", published="2025-01-01"):
        if isinstance(item, LoadError):
            assert "\n" not in str(item) and str(item).startswith(str(p))
        else:
            assert item.id == document_id(item.text)
