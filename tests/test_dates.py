"""Dates: press dates, partial and relative dates in id/ms/en/vi/th/tl (texts written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionkg.ingest.dates import DateMatch, document_date, find_dates, parse_iso_date

A = date(2025, 12, 16)  # a Tuesday

# (language, text, expected span text, ISO value, precision, note or None)
TABLE = [
    # Indonesian
    ("id", "Rapat digelar Senin (15/12) kemarin di Jakarta.", "Senin (15/12) kemarin", "2025-12-15", "day", None),
    ("id", "MoU diteken Kamis (11/12).", "Kamis (11/12)", "2025-12-11", "day", None),
    ("id", "keterangan tertulis, Selasa (16/12/2025).", "Selasa (16/12/2025)", "2025-12-16", "day", None),
    ("id", "Jumat, 12 Desember 2025 | 14:35 WIB", "Jumat, 12 Desember 2025", "2025-12-12", "day", None),
    ("id", "Rabu, 10 Des 2025 16:20 WIB", "Rabu, 10 Des 2025", "2025-12-10", "day", None),
    ("id", "pertemuan semalam berlangsung alot", "semalam", "2025-12-15", "day", None),
    ("id", "pelatihan digelar awal tahun depan", "awal tahun depan", "2026", "part_of_year", "early 2026"),
    ("id", "kunjungan balasan pada pertengahan 2026", "pertengahan 2026", "2026", "part_of_year", "mid 2026"),
    ("id", "aksi lanjutan bulan depan", "bulan depan", "2026-01", "month", None),
    ("id", "ditargetkan pada Maret 2026", "Maret 2026", "2026-03", "month", None),
    ("id", "kongres berlangsung (25-27/11)", "(25-27/11)", "2025-11-25", "day", "range 25–27/11; the first day is kept"),
    ("id", "tanggal 3/12 lalu", "tanggal 3/12", "2025-12-03", "day", None),
    ("id", "massa datang Senin malam (15/12) ke kantor", "Senin malam (15/12)", "2025-12-15", "day", None),
    ("id", "rapat tadi malam berakhir", "tadi malam", "2025-12-15", "day", None),
    # Malay
    ("ms", "Khamis, 18 Disember 2025 | 5:42 petang", "Khamis, 18 Disember 2025", "2025-12-18", "day", None),
    ("ms", "JOHOR BAHRU, 18 Dis -- Kesatuan", "18 Dis", "2025-12-18", "day", None),
    ("ms", "mesyuarat pada Isnin lalu", "Isnin lalu", "2025-12-15", "day", "weekday alone: the latest such day up to the press date"),
    ("ms", "pindaan dijangka tahun hadapan", "tahun hadapan", "2026", "year", None),
    ("ms", "bermula 1 Mac 2026", "1 Mac 2026", "2026-03-01", "day", None),
    ("ms", "dibentangkan bulan lepas", "bulan lepas", "2025-11", "month", None),
    # English
    ("en", "KUALA LUMPUR, Dec 29 (Bernama) -", "Dec 29", "2025-12-29", "day", None),
    ("en", "signed on Tuesday (Dec 16) at", "Tuesday (Dec 16)", "2025-12-16", "day", None),
    ("en", "SINGAPORE, 17 December 2025 – The", "17 December 2025", "2025-12-17", "day", None),
    ("en", "was elected last month", "last month", "2025-11", "month", None),
    ("en", "the review will start early next year", "early next year", "2026", "part_of_year", "early 2026"),
    ("en", "the council meets in January", "January", "2026-01", "month", None),
    ("en", "effective 1 January 2026", "1 January 2026", "2026-01-01", "day", None),
    ("en", "they met yesterday", "yesterday", "2025-12-15", "day", None),
    ("en", "on December 5, 2025 the", "December 5, 2025", "2025-12-05", "day", None),
    ("en", "by late 2026", "late 2026", "2026", "part_of_year", "late 2026"),
    ("en", "talks resume by mid-2026", "mid-2026", "2026", "part_of_year", "mid 2026"),
    ("en", "on the 16th of December 2025", "16th of December 2025", "2025-12-16", "day", None),
    ("en", "the vote is due in mid-January", "mid-January", "2026-01", "part_of_month", "mid 2026-01"),
    # Vietnamese
    ("vi", "Thứ Ba, 16/12/2025 09:15 (GMT+7)", "Thứ Ba, 16/12/2025", "2025-12-16", "day", None),
    ("vi", "Ngày 15/12, tại Hà Nội", "Ngày 15/12", "2025-12-15", "day", None),
    ("vi", "chiều 14/12, đoàn đã làm việc", "chiều 14/12", "2025-12-14", "day", None),
    ("vi", "khóa đầu tiên vào tháng 3/2026", "tháng 3/2026", "2026-03", "month", None),
    ("vi", "Trong hai ngày 11 và 12/12, tại", "ngày 11 và 12/12", "2025-12-11", "day", "range 11–12/12; the first day is kept"),
    ("vi", "hôm qua, công đoàn", "hôm qua", "2025-12-15", "day", None),
    ("vi", "ngày 16 tháng 12 năm 2025", "ngày 16 tháng 12 năm 2025", "2025-12-16", "day", None),
    ("vi", "kế hoạch đầu năm sau", "đầu năm sau", "2026", "part_of_year", "early 2026"),
    ("vi", "chiều qua, đoàn công tác", "chiều qua", "2025-12-15", "day", None),
    # Thai (Buddhist era)
    ("th", "วันที่ 16 ธันวาคม 2568 สหภาพ", "วันที่ 16 ธันวาคม 2568", "2025-12-16", "day", None),
    ("th", "ประชุมเมื่อวาน", "เมื่อวาน", "2025-12-15", "day", None),
    ("th", "แผนงานต้นปีหน้า", "ต้นปีหน้า", "2026", "part_of_year", "early 2026"),
    ("th", "วันที่ ๑๖ ธ.ค. ๒๕๖๘", "วันที่ ๑๖ ธ.ค. ๒๕๖๘", "2025-12-16", "day", None),
    # Khmer and Lao (best effort)
    ("km", "នៅថ្ងៃទី១៥ ខែធ្នូ ឆ្នាំ២០២៥ សហជីព", "ថ្ងៃទី១៥ ខែធ្នូ ឆ្នាំ២០២៥", "2025-12-15", "day", None),
    ("lo", "ວັນທີ 15 ທັນວາ 2025 ສະຫະພັນ", "ວັນທີ 15 ທັນວາ 2025", "2025-12-15", "day", None),
    ("lo", "ກອງປະຊຸມມື້ວານ", "ມື້ວານ", "2025-12-15", "day", None),
    # Tagalog
    ("tl", "noong Disyembre 15, 2025", "Disyembre 15, 2025", "2025-12-15", "day", None),
    ("tl", "nagpulong kahapon ang unyon", "kahapon", "2025-12-15", "day", None),
]


@pytest.mark.parametrize("lang, text, span, value, precision, note", TABLE,
                         ids=[f"{t[0]}:{t[2]}" for t in TABLE])
def test_date_table(lang, text, span, value, precision, note):
    found = [m for m in find_dates(text, A, lang) if m.text == span]
    assert found, [m.text for m in find_dates(text, A, lang)]
    m = found[0]
    assert (m.value, m.precision) == (value, precision)
    assert text[m.start:m.end] == span
    if note is not None:
        assert m.note == note


def test_weekday_contradicting_the_day_keeps_the_day_and_says_so():
    m = find_dates("Senin (16/12/2025)", A, "id")[0]  # 16 Dec 2025 is a Tuesday
    assert m.value == "2025-12-16"
    assert "Monday" in m.note and "printed day wins" in m.note


def test_weekday_picks_the_year_of_a_partial_date_near_the_anchor():
    # Early January: "Senin (29/12)" is the last Monday of the previous year.
    m = find_dates("rapat Senin (29/12)", date(2026, 1, 3), "id")[0]
    assert m.value == "2025-12-29" and m.note is None


def test_partial_date_without_anchor_is_unresolved_not_guessed():
    m = find_dates("Kamis (11/12)", None, "id")[0]
    assert m.value is None and m.precision == "day" and "no press date" in m.note


def test_relative_words_after_a_day_are_part_of_it_not_a_second_date():
    found = find_dates("Senin (15/12) kemarin", A, "id")
    assert len(found) == 1


@pytest.mark.parametrize("text", [
    "1.850 pekerja", "periode 2025-2030", "skor 3/2", "you may 2 go", "pasal 12/3", "10 juta anggota", "versi 2.0",
])
def test_things_that_are_not_dates(text):
    assert [m.text for m in find_dates(text, A, "id") if m.precision == "day"] == []


def test_month_first_only_when_day_first_is_impossible():
    assert find_dates("12/25/2025", A)[0].value == "2025-12-25"
    assert find_dates("05/06/2025", A)[0].value == "2025-06-05"


def test_relative_words_stay_in_their_language():
    # Khmer and Lao (best effort)
    ("km", "នៅថ្ងៃទី១៥ ខែធ្នូ ឆ្នាំ២០២៥ សហជីព", "ថ្ងៃទី១៥ ខែធ្នូ ឆ្នាំ២០២៥", "2025-12-15", "day", None),
    ("lo", "ວັນທີ 15 ທັນວາ 2025 ສະຫະພັນ", "ວັນທີ 15 ທັນວາ 2025", "2025-12-15", "day", None),
    ("lo", "ກອງປະຊຸມມື້ວານ", "ມື້ວານ", "2025-12-15", "day", None),
    # Tagalog "bukas" (tomorrow) must not fire in an Indonesian text ("pintu bukas" is not a date there).
    assert find_dates("pintu bukas", A, "id") == []
    assert find_dates("bukas", A, "tl")[0].value == "2025-12-17"


# --------------------------------------------------------------------------- document_date


@pytest.mark.parametrize("text, expected", [
    ("Judul berita\n\nJumat, 12 Desember 2025 | 14:35 WIB\n\nJakarta - Isi.", date(2025, 12, 12)),
    ("Tiêu đề\n\nThứ Ba, 16/12/2025 09:15 (GMT+7)\n\nNgày 15/12, tại Hà Nội", date(2025, 12, 16)),
    ("Headline\n\nSINGAPORE, 17 December 2025 – The union ...", date(2025, 12, 17)),
    ("Headline\n\nKUALA LUMPUR, Dec 29 (Bernama) -- The 2025 wage review ended.", date(2025, 12, 29)),
    ("Judul\n\nJakarta - Rapat digelar Kamis (11/12). Isi panjang.\n\n\"Kutipan,\" kata ketua, Jumat (12/12/2025).",
     date(2025, 12, 12)),
    ("หัวข้อข่าว\n\nวันที่ 16 ธันวาคม พ.ศ. 2568 สหภาพแรงงาน", date(2025, 12, 16)),
    ("Headline\n\nPublished 13 December 2025, 6:00 AM\n\nSINGAPORE – text", date(2025, 12, 13)),
    # An event day in the first paragraph is not a dateline; the attribution date is the press date.
    ("Judul\n\nJakarta - Konfederasi buruh menggelar rapat akbar di Jakarta, Kamis (4/12). Rapat membahas upah "
     "minimum dan perlindungan pekerja platform di kawasan.\n\n\"Kutipan,\" kata ketua, Jumat (5/12/2025).",
     date(2025, 12, 5)),
    ("Judul\n\nJakarta - Konfederasi buruh menggelar rapat akbar di Jakarta pada 4 Desember 2025 untuk membahas upah "
     "minimum.\n\n\"Kutipan,\" kata ketua, Jumat (5/12/2025).", date(2025, 12, 5)),
])
def test_document_date(text, expected):
    assert document_date(text) == expected


def test_document_date_prefers_metadata():
    assert document_date("Headline\n\nSINGAPORE, 17 December 2025", meta="2025-12-18T07:00:00+08:00") == date(2025, 12, 18)
    assert document_date("x", meta="Tue, 16 Dec 2025 09:15:00 +0700") == date(2025, 12, 16)


def test_document_date_none_when_nothing_says_it():
    assert document_date("A union met workers. They talked about wages.") is None
    assert document_date("") is None


# --------------------------------------------------------------------------- parse_iso_date


def test_parse_iso_date():
    assert parse_iso_date("2025-12-16") == date(2025, 12, 16)


@pytest.mark.parametrize("bad, words", [
    ("16/12/2025", "expected YYYY-MM-DD"),
    ("2025-02-30", "day out of range"),
    ("2025-13-01", "month must be in 1..12"),
    ("yesterday", "expected YYYY-MM-DD"),
    ("", "expected YYYY-MM-DD"),
])
def test_parse_iso_date_errors_are_one_clear_line(bad, words):
    with pytest.raises(ValueError) as info:
        parse_iso_date(bad)
    msg = str(info.value)
    assert words in msg and repr(bad) in msg and "\n" not in msg


# --------------------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "id", "ms", "en", "vi", "th", "tl"]))
def test_find_dates_never_raises_and_spans_are_in_the_text(text, lang):
    for m in find_dates(text, A, lang):
        assert isinstance(m, DateMatch)
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        if m.precision == "day" and m.value:
            date.fromisoformat(m.value)
