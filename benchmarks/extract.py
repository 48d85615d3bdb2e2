"""Extraction speed: articles per second on one core over generated articles.

    .venv/bin/python benchmarks/extract.py [--articles 1000] [--seed 7]

Articles are generated from templates (our own wording) in id, ms, en and vi
with random organisation and person names, about 1.5–3 KB each, so the
figure reflects realistic article sizes. Goal: >= 200 articles/s.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from unionkg.graph.ids import document_id
from unionkg.graph.model import Document
from unionkg.ingest.pipeline import default_extractor

GIVEN = ["Budi", "Siti", "Rahmat", "Dewi", "Agus", "Nur", "Hendra", "Ayu", "Tran", "Lim", "Kamala", "Joko"]
FAMILY = ["Santoso", "Hassan", "Wijaya", "Nguyen", "Pratama", "Devi", "Tan", "Lestari", "Rahman", "Siregar"]
ORG_WORD = ["Logam", "Tekstil", "Perkebunan", "Transportasi", "Kimia", "Energi", "Pelabuhan", "Farmasi"]

TEMPLATES = {
    "id": ("Serikat {w} Gelar Rapat\n\nJakarta, Selasa (16/12/2025) - Ketua Umum Federasi Serikat Pekerja {w} "
           "{p1} bertemu Presiden Konfederasi Serikat Pekerja Nusantara (KSPN) {p2} pada Senin (15/12) kemarin. "
           "Dalam pertemuan itu {p1} didampingi Sekretaris Jenderal {p3}. Kedua organisasi berencana "
           "menandatangani nota kesepahaman tentang pelatihan dan upah layak. KSPN memiliki sekitar {n} ribu "
           "anggota. "),
    "ms": ("Kesatuan {w} bertemu menteri\n\nKUALA LUMPUR, 2 Jun 2026 - Presiden Kesatuan Pekerja-Pekerja {w} "
           "Semenanjung, {p1} berkata kesatuan itu akan menghantar memorandum kepada Kementerian Sumber Manusia. "
           "Turut hadir Setiausaha Agung {p2} dan Naib Presiden {p3}. Kesatuan itu mempunyai {n},000 ahli. "),
    "en": ("Union leaders meet in Manila\n\nMANILA, 16 December 2025 - {p1}, president of the National Federation "
           "of {w} Workers (NFWW), met {p2}, general secretary of the Regional Council of Labour, on Monday. "
           "The two organisations signed a memorandum of understanding on occupational safety and health. "
           "NFWW, which is affiliated to the Trade Union Congress of the Philippines, has {n},000 members. "),
    "vi": ("Công đoàn {w} tổ chức hội nghị\n\nThứ Ba, 16/12/2025 09:15 (GMT+7)\n\nNgày 15/12, tại Hà Nội, đồng chí "
           "{p1}, Chủ tịch Công đoàn ngành {w}, đã tiếp đoàn Liên đoàn Lao động tỉnh Bình Dương do ông {p2}, "
           "Phó Chủ tịch, dẫn đầu. Hai bên đã ký kết biên bản ghi nhớ về đào tạo cán bộ. Công đoàn ngành có "
           "hơn {n}.000 đoàn viên. "),
}


def person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def generate(n: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    langs = sorted(TEMPLATES)
    for i in range(n):
        lang = langs[i % len(langs)]
        body = TEMPLATES[lang].format(w=rng.choice(ORG_WORD), p1=person(rng), p2=person(rng), p3=person(rng),
                                      n=rng.randint(10, 900))
        # repeat the body's middle with variations to reach news-article length
        text = body + " ".join(TEMPLATES[lang].split("\n\n")[-1].format(
            w=rng.choice(ORG_WORD), p1=person(rng), p2=person(rng), p3=person(rng), n=rng.randint(10, 900))
            for _ in range(rng.randint(2, 4)))
        docs.append(Document(id=document_id(text), source=f"gen/{i}.txt", text=text))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    docs = generate(args.articles, args.seed)
    extractor = default_extractor()
    extractor.extract(docs[0])  # warm caches (ontology, reference data, language models)
    size = sum(len(d.text) for d in docs)
    t0 = time.perf_counter()
    facts = 0
    for d in docs:
        ex = extractor.extract(d)
        facts += len(ex.entities) + len(ex.relations)
    dt = time.perf_counter() - t0
    print(f"articles: {len(docs)}  mean size: {size / len(docs):.0f} chars  one core")
    print(f"time: {dt:.2f} s  articles/s: {len(docs) / dt:.1f}  facts: {facts}  (goal >= 200 articles/s)")


if __name__ == "__main__":
    main()
