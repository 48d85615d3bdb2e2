"""Language detection on short texts written for these tests (not from the devset)."""

from __future__ import annotations

import pytest

from unionkg.ingest.language import SUPPORTED, cue_scores, detect_language

SAMPLES = [
    ("id", "Serikat pekerja di pabrik sepatu itu menuntut kenaikan upah karena harga kebutuhan pokok terus naik, "
           "ujar ketua serikat kepada wartawan di kantor pemerintah daerah."),
    ("ms", "Kesatuan sekerja itu berkata bahawa kerajaan perlu meminda akta kerana ramai pekerja kilang masih "
           "menerima gaji yang rendah, kata Setiausaha Agungnya semalam."),
    ("en", "The dockworkers' union said on Monday that it would call a strike if the port operator refused to "
           "reopen wage talks before the end of the month."),
    ("vi", "Công đoàn cơ sở của nhà máy đã tổ chức hội nghị người lao động để bàn về tiền lương và điều kiện "
           "làm việc trong năm tới."),
    ("tl", "Nanawagan ang mga manggagawa sa pabrika na itaas ang kanilang sahod dahil sa pagtaas ng presyo ng "
           "mga bilihin ngayong taon."),
    ("th", "สหภาพแรงงานรถไฟแห่งประเทศไทยเรียกร้องให้รัฐบาลปรับขึ้นค่าจ้างขั้นต่ำ"),
    ("km", "សហជីពកម្មករកាត់ដេរបានស្នើសុំឱ្យដំឡើងប្រាក់ឈ្នួលអប្បបរមា"),
    ("lo", "ສະຫະພັນກຳມະບານລາວໄດ້ຈັດກອງປະຊຸມໃຫຍ່ຢູ່ນະຄອນຫຼວງວຽງຈັນ"),
    ("my", "အလုပ်သမားသမဂ္ဂများသည် လုပ်ခလစာ တိုးမြှင့်ပေးရန် တောင်းဆိုခဲ့သည်"),
]


@pytest.mark.parametrize("lang, text", SAMPLES, ids=[s[0] for s in SAMPLES])
def test_detects_the_languages_of_the_sources(lang, text):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "12/12/2025 10:00", "...", "A"])
def test_too_little_text_is_none(text):
    assert detect_language(text) is None


def test_every_answer_is_a_supported_code():
    for _, text in SAMPLES:
        assert detect_language(text) in SUPPORTED


def test_indonesian_and_malay_spelling_pairs_count_as_cues():
    assert cue_scores("Dia berkata bahawa kerajaan akan membantu kerana ...")["ms"] >= 3
    assert cue_scores("Dia mengatakan bahwa pemerintah akan membantu karena ...")["id"] >= 3
    assert cue_scores("Nothing here at all") == {"id": 0, "ms": 0, "tl": 0}


def test_cue_tie_break_corrects_lingua_on_a_short_indonesian_sentence():
    text = "Pekerja platform adalah pekerja, ujar serikat. Mereka berhak atas upah layak dan jaminan sosial."
    assert detect_language(text, cues=False) == "ms"  # lingua alone is wrong here
    assert detect_language(text) == "id"


def test_cue_tie_break_decides_a_short_malay_sentence():
    # Short, name-heavy: the kind of text where lingua alone wavers between id and ms.
    text = "Setiausaha MTUC berkata beliau akan bertemu menteri bagi membincangkan gaji minimum."
    assert detect_language(text) == "ms"


def test_tagalog_verdict_is_overruled_only_with_indonesian_cues_and_no_tagalog_words():
    text = "Presiden KSPSI Budi Santoso bertemu dengan Presiden TUCP Juan Dela Cruz di Jakarta, ujar serikat buruh."
    assert detect_language(text) in ("id", "ms")
    assert detect_language(SAMPLES[4][1]) == "tl"


def test_only_a_prefix_is_examined_so_long_texts_stay_cheap():
    text = SAMPLES[2][1] + " " + ("kata " * 200_000)
    assert detect_language(text) == "en"
