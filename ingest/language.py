"""Offline language detection: ISO 639-1 codes for the languages of the sources.

Two steps:

1. **Script.** Thai, Lao, Khmer and Burmese (and CJK) have scripts of their
   own; counting letters by Unicode block settles them without a model (lingua
   has no Khmer, Lao or Burmese model at all).
2. **Latin script** goes to lingua (``lingua-language-detector``), restricted
   to the languages of the sources plus a few that appear in quotes and
   names (en, id, ms, vi, tl, fr, es, pt, de, nl). The detector is built once,
   on first use, in lingua's low-accuracy mode (trigram models only): its
   models load in about 1 s where the full models took 2–13 s on this 2-core
   machine, and on whole articles both are right 15/15 on the devset.

Indonesian and Malay are close. A tie-break on cue words
(``ingest/data/language_cues.yaml``: spelling pairs such as bahwa/bahawa,
karena/kerana and administrative words such as kerajaan, setiausaha,
serikat) decides between ``id`` and ``ms`` when the text carries such cues,
and overrules a "Tagalog" verdict on a text with Indonesian/Malay cues and no
Tagalog function word (name-heavy paragraphs fool lingua).
``benchmarks/language.py`` measures it on single devset paragraphs (the hard
case; whole texts are all right either way): id/ms paragraphs 75/89 right
without the tie-break, 86/89 with it; all paragraphs 129/145 → 140/145.

Vietnamese is recognised before lingua by its own letters (ă đ ơ ư and the
vowels with a dot below or a hook above, U+1EA0–U+1EF9): when they are at least
:data:`VI_LETTER_SHARE` (8%) of the letters the text is Vietnamese — 15–25% in
Vietnamese news, well under 1% in other text naming Vietnamese people — which
saves lingua's ~3 ms on a quarter of the sources.

Two more clear cases skip lingua (texts of 20 words or more, no Tagalog function
word): English when English function words (list ``en`` of the cue file) are at
least 15% of the words; Indonesian or Malay when at least two cue words of one
and none of the other are present and English function words are under 5%.
On the devset these decide as lingua does (texts 15/15, paragraphs 140/145).

Only the first :data:`PREFIX_CHARS` (800) characters are examined: lingua's
cost grows linearly (~1–2 ms per 1,000 characters on an idle core), and on
the devset 800-character windows taken at offsets 0, 500, 1000 and 1500 of
every text were all right (53/53), as were the whole texts.

>>> detect_language("Ông Nguyễn Đình Khang, Chủ tịch Tổng Liên đoàn Lao động Việt Nam, đã tiếp đoàn.")
'vi'
>>> detect_language("สหภาพแรงงานจัดการประชุมที่กรุงเทพฯ")
'th'
>>> detect_language("...") is None
True
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["detect_language", "SUPPORTED", "PREFIX_CHARS", "cue_scores"]

PREFIX_CHARS = 800

# Languages lingua may answer for Latin-script text (ISO 639-1).
LATIN_LANGUAGES = ("id", "ms", "en", "vi", "tl", "fr", "es", "pt", "de", "nl")

# Script blocks that identify a language by themselves.
_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("th", 0x0E00, 0x0E7F),
    ("lo", 0x0E80, 0x0EFF),
    ("km", 0x1780, 0x17FF),
    ("my", 0x1000, 0x109F),
    ("ko", 0xAC00, 0xD7AF),
    ("ja", 0x3040, 0x30FF),
    ("zh", 0x4E00, 0x9FFF),
)

_NON_LATIN = re.compile("[" + "".join(f"\\u{lo:04X}-\\u{hi:04X}" for _, lo, hi in _SCRIPTS) + "]")
_LETTER = re.compile(r"[^\W\d_]")

SUPPORTED = tuple(sorted(set(LATIN_LANGUAGES) | {code for code, _, _ in _SCRIPTS}))

_lock = threading.Lock()
_detector = None


def _get_detector():
    """The lingua detector, built once (thread-safe) on first use."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LATIN_LANGUAGES]
                _detector = LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()
    return _detector


def _script_language(text: str) -> tuple[str | None, int]:
    """The language a non-Latin script names, if most letters are in it; and the letter count."""
    if not _NON_LATIN.search(text):  # the common case, decided in C
        return None, len(_LETTER.findall(text, 0, 200))
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        o = ord(ch)
        if o < 0x0E00:
            continue
        for code, lo, hi in _SCRIPTS:
            if lo <= o <= hi:
                counts[code] = counts.get(code, 0) + 1
                break
    if not letters or not counts:
        return None, letters
    # Japanese text mixes kana with Han characters: any kana means Japanese.
    if counts.get("ja") and counts.get("zh"):
        counts["ja"] += counts.pop("zh")
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return (code if n / letters >= 0.3 else None), letters


# Letters only Vietnamese writes: ă đ ơ ư and the vowels with a tone mark below or a hook
# (U+1EA0–U+1EF9). "â ê ô" are left out: French and Portuguese write them too.
_VI_LETTER = re.compile("[ăđơưĂĐƠƯ\u1EA0-\u1EF9]")
# Share of such letters from which a text is Vietnamese without asking lingua: 10–25% in
# Vietnamese news, under 1% in English or Indonesian text naming Vietnamese people.
VI_LETTER_SHARE = 0.08


# English function words (``language_cues.yaml``, list ``en``) are 17-43% of the words of
# English news paragraphs and under 8% of Indonesian, Malay or Vietnamese ones.
EN_WORD_SHARE = 0.15
NOT_EN_WORD_SHARE = 0.05
MIN_DECISIVE_CUES = 2
MIN_WORDS_FOR_CUES = 20
_WORD = re.compile(r"[^\W\d_]+")


def _vietnamese(sample: str) -> bool:
    """Vietnamese by its own letters (a regex count instead of ~3 ms of lingua per text)."""
    special = len(_VI_LETTER.findall(sample))
    if special < 3:
        return False
    letters = len(_LETTER.findall(sample))
    return special >= VI_LETTER_SHARE * letters


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]], tuple[str, ...]]:
    """One matcher for the cue words of every list (one pass over a text instead of one per
    list), the lists each folded word belongs to, and the list names."""
    from unionkg.ingest.factcues import trie_pattern

    text = resources.files("unionkg.ingest").joinpath("data/language_cues.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    owners: dict[str, list[str]] = {}
    for lang, words in data.items():
        for w in {str(w).casefold() for w in words}:
            owners.setdefault(" ".join(w.split()), []).append(lang)
    pattern = trie_pattern(list(owners), flags=0)  # the text is case-folded first
    return pattern, {w: tuple(langs) for w, langs in owners.items()}, tuple(data)


def cue_scores(text: str) -> dict[str, int]:
    """How many Indonesian, Malay and Tagalog cue words the text holds: ``{"id": n, "ms": m, "tl": k}``."""
    counts = _cue_counts(text)
    return {lang: n for lang, n in counts.items() if lang != "en"}


def _cue_counts(text: str) -> dict[str, int]:
    """Cue words of every list of the cue file, English function words (``en``) included."""
    pattern, owners, langs = _cues()
    out = dict.fromkeys(langs, 0)
    for m in pattern.finditer(text.casefold()):
        for lang in owners.get(" ".join(m.group().split()), ()):
            out[lang] += 1
    return out


def detect_language(text: str, *, cues: bool = True) -> str | None:
    """The ISO 639-1 code of the text's language, or ``None`` when the text has
    too few letters or is in none of the languages known here.

    ``cues=False`` turns off the Indonesian/Malay cue-word tie-break (for measuring it).
    """
    sample = unicodedata.normalize("NFC", text[:PREFIX_CHARS])
    script, letters = _script_language(sample)
    if script:
        return script
    if letters < 3:
        return None
    if _vietnamese(sample):
        return "vi"
    score = _cue_counts(sample) if cues else {}
    id_, ms = score.get("id", 0), score.get("ms", 0)
    if cues and not score.get("tl"):
        # Clear cases need no lingua (~3 ms a text): English by the share of its function
        # words; Indonesian or Malay when the cue words all point one way and English is absent.
        words = len(_WORD.findall(sample))
        if words >= MIN_WORDS_FOR_CUES:
            english = score.get("en", 0) / words
            if english >= EN_WORD_SHARE:
                return "en"
            if english < NOT_EN_WORD_SHARE and min(id_, ms) == 0 and max(id_, ms) >= MIN_DECISIVE_CUES:
                return "id" if id_ > ms else "ms"
    found = _get_detector().detect_language_of(sample)
    if found is None:
        return None
    code = found.iso_code_639_1.name.lower()
    if not cues or code not in ("id", "ms", "tl"):
        return code
    if code == "tl":
        # Many names and English titles make lingua say Tagalog; a text with
        # Indonesian/Malay cues and not one Tagalog function word is not Tagalog.
        if score.get("tl", 0) or not (id_ or ms):
            return code
        if id_ == ms:
            return _closer_of_id_ms(sample)
    if id_ > ms:
        return "id"
    if ms > id_:
        return "ms"
    return code


def _closer_of_id_ms(text: str) -> str:
    values = {c.language.iso_code_639_1.name.lower(): c.value
              for c in _get_detector().compute_language_confidence_values(text)}
    return "ms" if values.get("ms", 0.0) > values.get("id", 0.0) else "id"
