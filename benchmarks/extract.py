"""Extraction speed: articles per second on one core over generated articles.

    .venv/bin/python benchmarks/extract.py [--articles 1000] [--seed 7] [--components 300]

Prints articles/s and MB/s of ``extract()`` over all articles (by the wall clock
and by CPU time: on a shared machine the wall clock also counts other processes'
turns), then the CPU time of each pipeline component per article over the first
``--components`` articles.

Articles are generated from templates (our own wording) in id, ms, en and vi
with random organisation and person names, 1.2–3 KB each (2.1 KB on average), so the
figure reflects realistic article sizes. Goal: >= 200 articles/s.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from unionkg.graph.ids import document_id
from unionkg.graph.model import Document
from unionkg.ingest.context import DocContext
from unionkg.ingest.pipeline import default_extractor

GIVEN = ["Budi", "Siti", "Rahmat", "Dewi", "Agus", "Nur", "Hendra", "Ayu", "Tran", "Lim", "Kamala", "Joko"]
FAMILY = ["Santoso", "Hassan", "Wijaya", "Nguyen", "Pratama", "Devi", "Tan", "Lestari", "Rahman", "Siregar"]
ORG_WORD = ["Logam", "Tekstil", "Perkebunan", "Transportasi", "Kimia", "Energi", "Pelabuhan", "Farmasi"]

TEMPLATES = {
    "id": ("Serikat {w} Gelar Rapat\n\nJakarta, Selasa (16/12/2025) - Ketua Umum Federasi Serikat Pekerja {w} "
           "{p1} bertemu Presiden Konfederasi Serikat Pekerja Nusantara (KSPN) {p2} pada Senin (15/12) kemarin. "
           "Dalam pertemuan itu {p1} didampingi Sekretaris Jenderal {p3}. Kedua organisasi berencana "
           "menandatangani nota kesepahaman tentang pelatihan dan upah layak. KSPN memiliki sekitar {n} ribu "
           "anggota. "
           "Pertemuan itu membahas perlindungan pekerja kontrak, jaminan sosial dan keselamatan kerja di sektor {w}. "
           "Menurut {p3}, federasi akan menggelar pelatihan bagi pengurus cabang di Surabaya pada awal tahun depan, "
           "sementara perundingan perjanjian kerja bersama dengan asosiasi pengusaha dijadwalkan berlanjut bulan depan. "),
    "ms": ("Kesatuan {w} bertemu menteri\n\nKUALA LUMPUR, 2 Jun 2026 - Presiden Kesatuan Pekerja-Pekerja {w} "
           "Semenanjung, {p1} berkata kesatuan itu akan menghantar memorandum kepada Kementerian Sumber Manusia. "
           "Turut hadir Setiausaha Agung {p2} dan Naib Presiden {p3}. Kesatuan itu mempunyai {n},000 ahli. "
           "Beliau berkata kesatuan akan mengadakan bengkel latihan untuk wakil pekerja di Johor Bahru pada bulan Mac, "
           "selain meneruskan rundingan perjanjian kolektif dengan majikan. Menurut {p2}, isu gaji minimum dan "
           "keselamatan pekerjaan akan dibangkitkan dalam mesyuarat bersama kementerian minggu depan. "),
    "en": ("Union leaders meet in Manila\n\nMANILA, 16 December 2025 - {p1}, president of the National Federation "
           "of {w} Workers (NFWW), met {p2}, general secretary of the Regional Council of Labour, on Monday. "
           "The two organisations signed a memorandum of understanding on occupational safety and health. "
           "NFWW, which is affiliated to the Trade Union Congress of the Philippines, has {n},000 members. "
           "The meeting discussed minimum wages, social protection for contract workers and training for shop stewards "
           "in the {w} sector. {p3}, who is also treasurer of the federation, said a regional conference would be held "
           "in Singapore early next year, while talks on a collective agreement with employers continue. "),
    "vi": ("Công đoàn {w} tổ chức hội nghị\n\nThứ Ba, 16/12/2025 09:15 (GMT+7)\n\nNgày 15/12, tại Hà Nội, đồng chí "
           "{p1}, Chủ tịch Công đoàn ngành {w}, đã tiếp đoàn Liên đoàn Lao động tỉnh Bình Dương do ông {p2}, "
           "Phó Chủ tịch, dẫn đầu. Hai bên đã ký kết biên bản ghi nhớ về đào tạo cán bộ. Công đoàn ngành có "
           "hơn {n}.000 đoàn viên. "
           "Tại buổi làm việc, hai bên đã trao đổi kinh nghiệm về chăm lo đời sống đoàn viên, thương lượng tập thể và "
           "an toàn vệ sinh lao động trong ngành {w}. Ông {p3}, Ủy viên Ban Thường vụ, cho biết công đoàn sẽ tổ chức "
           "lớp tập huấn cho cán bộ công đoàn cơ sở tại Thành phố Hồ Chí Minh vào đầu năm sau. "),
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
            for _ in range(rng.randint(1, 3)))
        docs.append(Document(id=document_id(text), source=f"gen/{i}.txt", text=text))
    return docs


def _copy(d: Document) -> Document:
    """A fresh document (extraction fills in language and date: each run starts from none)."""
    return Document(id=d.id, source=d.source, text=d.text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--components", type=int, default=300,
                    help="articles timed component by component (0: skip)")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    docs = generate(args.articles, args.seed)
    extractor = default_extractor()
    extractor.extract(_copy(docs[0]))  # warm caches (ontology, reference data, language models)
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    chars = sum(len(d.text) for d in docs)
    t0, c0 = time.perf_counter(), time.process_time()
    facts = 0
    for d in docs:
        ex = extractor.extract(_copy(d))
        facts += len(ex.entities) + len(ex.relations)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"articles: {len(docs)}  mean size: {chars / len(docs):.0f} chars ({size / len(docs) / 1024:.1f} KB)  one core")
    print(f"time: {dt:.2f} s  articles/s: {len(docs) / dt:.1f}  MB/s: {size / dt / 1e6:.3f}  facts: {facts}  "
          f"(goal >= 200 articles/s)")
    # on a shared machine the wall clock counts other processes' turns too
    print(f"cpu time: {cpu:.2f} s  articles/s: {len(docs) / cpu:.1f}  MB/s: {size / cpu / 1e6:.3f}")
    components = getattr(extractor, "components", None)
    if args.components and components:
        sample = docs[: args.components]
        spent: dict[str, float] = {}
        for d in sample:
            ctx = DocContext(document=_copy(d))
            for component in components:
                t = time.process_time()
                component(ctx)
                name = getattr(component, "__name__", repr(component))
                spent[name] = spent.get(name, 0.0) + time.process_time() - t
        print(f"per component, cpu ms per article (over {len(sample)} articles):")
        for name, total in sorted(spent.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<24} {1000 * total / len(sample):7.2f}")


if __name__ == "__main__":
    main()
