"""Property tests of the extractor: it never raises on arbitrary text, and every
evidence span of every entity and relation lies inside the text and quotes it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionkg.graph.ids import document_id
from unionkg.graph.model import Document
from unionkg.ingest.pipeline import default_extractor

# Pieces that drive the recogniser down its paths: titles, honorifics, heads of names,
# acronyms in parentheses, list connectors, cue words, Vietnamese and Malay names.
FRAGMENTS = [
    "Presiden", "Wakil Presiden", "Ketua Umum DPP", "Sekjen", "President", "Deputy Secretary-General",
    "Phó Chủ tịch", "Trưởng Ban", "Ủy viên Đoàn Chủ tịch", "Timbalan Menteri", "Plt.", "mantan", "former",
    "nguyên", "kiêm", "yang juga menjabat sebagai", "who is also", "sebagai", "as", "menggantikan",
    "Konfederasi Serikat Pekerja", "Federasi", "Union", "Department of", "Tổng Liên đoàn Lao động Việt Nam",
    "Ban Đối ngoại", "Kementerian", "Bahagian", "KSPSI", "(KSPSI)", "(", ")", "(X", "VGCL", "ASEAN TUC",
    "FSPMI/KSPSI", "anggota", "affiliated to", "di bawah naungan", "thuộc", "an NTUC affiliate", "antara lain",
    "Dr.", "Dato' Sri", "bà", "ông", "đồng chí", "Ms", "Mr", "a/l", "bin", "dela", "S.", "'s", "’", ",", ".",
    "dan", "and", "và", "Andi Gani", "Nguyễn Văn A", "Khan", "Khang", "periode 2026-2031", "\n\n", "  ",
    "Jakarta", "Việt Nam", "dari", "of the", "\"Cora\"", "Kongres VII", "20th", "ALU", "e2i", "PHK",
]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet="AaBbĐđ .,()'-/\n", max_size=8)),
             max_size=60).map(" ".join),
)


@settings(max_examples=int(__import__("os").environ.get("UNIONKG_PROPERTY_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extraction_never_raises_and_evidence_is_inside_the_text(text: str) -> None:
    doc = Document(document_id(text), "property", text)
    x = default_extractor().extract(doc)
    ids = {e.id for e in x.entities}
    for item in [*x.entities, *x.relations]:
        for ev in item.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.text
    for r in x.relations:
        assert r.source in ids and r.target in ids


def test_a_text_without_stops_is_cut_into_bounded_sentences() -> None:
    piece = "Wakil Presiden KSPSI Idris Palar bertemu Presiden CLC Sok Vannara di Jakarta dan membahas upah "
    text = piece * 400  # ~40 KB, no full stop, no line break
    x = default_extractor().extract(Document(document_id(text), "run-on", text))
    evidence = [ev for item in [*x.entities, *x.relations] for ev in item.evidence]
    assert evidence and all(ev.end - ev.start <= 1500 for ev in evidence)
    assert any(r.type == "HOLDS_POSITION" and r.role == "vice_president" for r in x.relations)
