"""Measure language detection on a gold set: whole texts and single paragraphs,
with and without the Indonesian/Malay cue-word tie-break.

    python benchmarks/language.py [GOLD_DIR]   (default ../shared/devset)

Prints accuracy per setting and the paragraphs that are still wrong.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from unionkg.ingest.language import detect_language


def texts(gold_dir: Path):
    for gold in sorted(gold_dir.glob("*.json")):
        g = json.loads(gold.read_text("utf-8"))
        path = (gold.parent / g["text_file"]).resolve()
        if g.get("language") and path.exists():
            yield g["language"], path.read_text("utf-8")


def main() -> None:
    gold_dir = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "devset")
    docs = list(texts(gold_dir))
    paras = [(lang, p.strip()) for lang, t in docs for p in re.split(r"\n\s*\n", t) if len(p.strip()) >= 40]
    detect_language("warm up the detector")
    for cues in (False, True):
        t0 = time.perf_counter()
        whole = sum(detect_language(t, cues=cues) == lang for lang, t in docs)
        elapsed = time.perf_counter() - t0
        wrong = [(lang, detect_language(p, cues=cues), p[:70]) for lang, p in paras if detect_language(p, cues=cues) != lang]
        idms = [(lang, p) for lang, p in paras if lang in ("id", "ms")]
        idms_ok = sum(detect_language(p, cues=cues) == lang for lang, p in idms)
        print(f"cues={cues}: texts {whole}/{len(docs)}  paragraphs {len(paras) - len(wrong)}/{len(paras)}  "
              f"id/ms paragraphs {idms_ok}/{len(idms)}  {1000 * elapsed / max(1, len(docs)):.1f} ms/text")
        for w in wrong:
            print("   wrong:", w)


if __name__ == "__main__":
    main()
