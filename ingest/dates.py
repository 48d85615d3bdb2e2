"""Dates in news text: the press date of a document, and every date a text mentions,
resolved against that press date.

News in the region writes dates in a few recurring shapes that general date
parsers get wrong or miss: "Kamis (11/12)" (weekday, day/month, no year),
"Senin (15/12) kemarin", "chiều 14/12", "tháng 3/2026", "awal tahun depan"
("early next year"), "KUALA LUMPUR, Dec 29 (Bernama)", Thai Buddhist-era years
("16 ธันวาคม 2568"). This module reads those shapes with a small parser driven
by the calendar words in ``ingest/data/calendar.yaml`` (en, id, ms, vi, th, tl;
km and lo best effort);
``dateparser`` is used only for free-form metadata strings.

Rules worth knowing:

- Numeric dates are day first (d/m/y), the convention of every language here;
  "12/25/2025" (a month above 12 cannot be) is read month first, with a note.
- A date without a year takes the year that puts it nearest the anchor (the
  press date): "Kamis (11/12)" printed on 2025-12-12 is 2025-12-11, "in January"
  printed in December 2025 is 2026-01. When a weekday is printed beside the
  day, the year whose calendar agrees with it is chosen.
- A weekday that contradicts a full date does not change it: the printed day
  wins and the match carries a note.
- Thai years above 2400 are Buddhist-era and lose 543.
- Precision is kept: ``day`` (2025-12-15), ``month`` (2026-03), ``year``
  (2026), ``part_of_year`` ("awal tahun depan" → value 2026, note "early 2026")
  and ``part_of_month`` ("early January" → 2026-01, note "early 2026-01").

>>> [(m.text, m.value) for m in find_dates("Senin (15/12) kemarin", date(2025, 12, 16), "id")]
[('Senin (15/12) kemarin', '2025-12-15')]
>>> m = find_dates("pelatihan digelar awal tahun depan", date(2025, 12, 12), "id")[0]
>>> (m.value, m.precision, m.note)
('2026', 'part_of_year', 'early 2026')
>>> document_date("Judul\\n\\nJumat, 12 Desember 2025 | 14:35 WIB\\n\\nJakarta - ...")
datetime.date(2025, 12, 12)
>>> parse_iso_date("2025-13-01")
Traceback (most recent call last):
...
ValueError: invalid date '2025-13-01': month must be in 1..12 (expected YYYY-MM-DD)
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["DateMatch", "find_dates", "document_date", "parse_iso_date", "PRECISIONS"]

PRECISIONS = ("day", "month", "year", "part_of_month", "part_of_year")

# Thai, Lao and Khmer digits are one character each, so translating them keeps every offset.
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙໐໑໒໓໔໕໖໗໘໙០១២៣៤៥៦៧៨៩", "0123456789" * 3)
_BUDDHIST_ERA = 543
_YEAR_MIN, _YEAR_MAX = 1900, 2100


@dataclass(frozen=True)
class DateMatch:
    """A date mention. ``start``/``end`` are offsets into the text, ``value`` an
    ISO string at ``precision`` (``None`` when it cannot be resolved, e.g. no
    year and no anchor), ``note`` says how it was resolved or what disagreed."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str
    note: str | None = None
    weekday: int | None = None  # 0 = Monday, as printed beside the date
    year_given: bool = False  # the year was printed (not inferred from the anchor)
    relative: bool = False  # "kemarin", "next month", ...

    @property
    def day(self) -> str | None:
        """The ISO day, or None when the text gives no day."""
        return self.value if self.precision == "day" else None

    @property
    def date(self) -> date | None:
        """The day as a ``datetime.date`` when the precision is a day."""
        if self.value and self.precision == "day":
            return date.fromisoformat(self.value)
        return None


# --------------------------------------------------------------------------- calendar words


@dataclass(frozen=True)
class _Calendar:
    months: dict[str, int]  # folded spelling -> 1..12
    weekdays: dict[str, int]  # folded spelling -> 0..6
    days: dict[str, int]
    months_rel: dict[str, int]
    years_rel: dict[str, int]
    parts: dict[str, str]
    day_cues: tuple[str, ...]
    day_parts: tuple[str, ...]
    month_cues: tuple[str, ...]
    year_cues: tuple[str, ...]


@lru_cache(maxsize=4096)
def _key(s: str) -> str:
    return _SPACES.sub(" ", s.strip().casefold())


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _calendar_data() -> dict[str, Any]:
    text = resources.files("unionkg.ingest").joinpath("data/calendar.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~50x faster to load
    return yaml.load(text, Loader=loader)


@lru_cache(maxsize=16)
def _calendar(lang: str | None) -> _Calendar:
    """Calendar words: month and weekday names of every language (they only
    count next to digits), relative words of ``lang`` and English (a word such
    as Tagalog "bukas" must not fire in other languages)."""
    data = _calendar_data()
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for conf in data.values():
        for i, names in enumerate(conf.get("months") or []):
            for n in names:
                months.setdefault(_key(str(n)), i + 1)
        for i, names in enumerate(conf.get("weekdays") or []):
            for n in names:
                weekdays.setdefault(_key(str(n)), i)
    langs = list(data) if lang is None or lang not in data else sorted({lang, "en"})
    merged: dict[str, dict] = {"days": {}, "months_rel": {}, "years_rel": {}, "parts": {}}
    cues: dict[str, set[str]] = {"day_cues": set(), "day_parts": set(), "month_cues": set(), "year_cues": set()}
    for code in langs:
        conf = data[code]
        for k in merged:
            for word, v in (conf.get(k) or {}).items():
                merged[k].setdefault(_key(str(word)), v)
        for k in cues:
            cues[k].update(_key(str(w)) for w in conf.get(k) or [])
    return _Calendar(months, weekdays, merged["days"], merged["months_rel"], merged["years_rel"], merged["parts"],
                     tuple(cues["day_cues"]), tuple(cues["day_parts"]), tuple(cues["month_cues"]),
                     tuple(cues["year_cues"]))


def _alt(words) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    items = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) or r"(?!x)x"


# Word boundaries for Latin-script words only: "Mar" must not match inside "Mart",
# but Thai is written without spaces, so a Thai word may touch its neighbours.
_LATIN = "A-Za-z\u00C0-\u024F\u1E00-\u1EFF"
_B = rf"(?<![{_LATIN}])"  # not preceded by a Latin letter
_E = rf"(?![{_LATIN}])"  # not followed by a Latin letter


@dataclass(frozen=True)
class _Patterns:
    cal: _Calendar
    regexes: tuple[tuple[str, re.Pattern[str]], ...]
    digit_start: tuple[tuple[str, re.Pattern[str]], ...]
    paren_start: tuple[tuple[str, re.Pattern[str]], ...]
    start_words: frozenset[str]  # lower-cased first \w+ token of every calendar word
    thai_words: tuple[str, ...]  # calendar words in Thai script (found by substring)
    # first word -> the patterns that can begin with it (in pattern order)
    by_word: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = field(default_factory=dict)


_WEEKDAY_CUES = ("on", "pada", "hari", "noong")


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """The patterns, compiled once with the calendar words of every language
    (compiling takes a noticeable fraction of a second); relative words of
    another language than the text's are refused in :func:`_resolve`."""
    cal = _calendar(None)
    M = rf"(?P<month>{_alt(cal.months)})\.?"
    # A weekday, perhaps with a part of the day ("Senin malam"), before its date.
    W = (rf"(?:(?P<weekday>{_alt(cal.weekdays)})\.?(?:\s+(?:{_alt(cal.day_parts)}){_E})?"
         rf"\s*,?\s*(?:\(\s*)?)")
    Wopt = W + "?"
    Y = r"(?P<year>\d{4})"
    # "month"/"year" words printed before the name or number in Thai, Lao and Khmer
    # ("ខែធ្នូ ឆ្នាំ២០២៥", "พ.ศ. 2568").
    MW = r"(?:ខែ|เดือน|ເດືອນ)\s*"
    YW = r"(?:(?:พ\.ศ\.|ค\.ศ\.|ឆ្នាំ|ปี|ປີ)\s*)"
    D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    day_cue = rf"(?:(?P<cue>{_alt(cal.day_cues)})\s*)"
    part = rf"(?P<part>{_alt(cal.parts)})"
    rel_days = _alt(cal.days)
    regexes = [
        # 2025-12-16
        ("iso", re.compile(rf"{_B}{Wopt}(?<!\d)(?P<year>\d{{4}})-(?P<m>\d{{1,2}})-(?P<day>\d{{1,2}})(?![\d-])", re.I)),
        # 16/12/2025, 16.12.2025, 16-12-2025; "ngày 16 tháng 12 năm 2025"
        ("dmy", re.compile(rf"{_B}{day_cue}?{Wopt}(?<![\d/.])(?P<day>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)"
                           rf"(?P<year>\d{{4}}|\d{{2}})(?![\d/]|\.\d)", re.I)),
        ("vi_full", re.compile(rf"{_B}(?:(?P<cue>ngày)\s+)?(?P<day>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})"
                               rf"(?:\s*(?:năm|,)\s*(?P<year>\d{{4}}))?(?!\d)", re.I)),
        # 11 và 12/12, 25-27/11: a range of days, the value is its first day
        ("range", re.compile(rf"{_B}{day_cue}?(?:\(\s*)?(?<![\d/.])(?P<day>\d{{1,2}})\s*(?:-|–|và|dan|and|to|hingga|sampai|s\.d\.?)\s*"
                             rf"(?P<day2>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<year>\d{{4}}))?(?![\d/])", re.I)),
        # Kamis (11/12), chiều 14/12, (15/12): a bare day/month needs a weekday, a cue or parentheses
        ("dm", re.compile(rf"{_B}(?:{day_cue}|{W}|(?P<paren>\())(?<![\d/.])(?P<day>\d{{1,2}})/(?P<m>\d{{1,2}})(?![\d/])", re.I)),
        # 12 Desember 2025, 16 December, Jumat, 12 Desember 2025, 16 ธันวาคม 2568
        ("d_month", re.compile(rf"{_B}{day_cue}?{Wopt}(?<!\d)(?<!\d[/.]){D}\s*(?:of\s+|{MW})?{M}{_E}(?:,?\s*{YW}?{Y}(?!\d))?", re.I)),
        # December 16, 2025; Dec 29; Tuesday (Dec 16)
        ("month_d", re.compile(rf"{_B}{Wopt}{M}\s+{D}(?![\d:]|\s*(?:[-–]|tháng))(?:,?\s+{Y}(?!\d))?", re.I)),
        # tháng 3/2026, tháng 3 năm 2026, tháng 12
        ("vi_month", re.compile(rf"{_B}(?:{part}\s+)?tháng\s+(?P<m>\d{{1,2}})(?:\s*(?:/|năm)\s*(?P<year>\d{{4}}))?(?![\d/])", re.I)),
        # Maret 2026, early January, in January
        ("month_y", re.compile(rf"{_B}(?:{part}[\s-]+)?{M}{_E}\s*,?\s*(?:(?:พ\.ศ\.|ค\.ศ\.)\s*)?{Y}(?!\d)", re.I)),
        ("month_only", re.compile(rf"{_B}(?:(?P<mcue>{_alt(cal.month_cues)})\s+)(?:{part}[\s-]+)?(?P<month>{_alt(cal.months)}){_E}"
                                  rf"(?!\.?\s*,?\s*\d)", re.I)),
        # awal tahun depan, early next year, đầu năm sau, ปีหน้า, next month
        ("rel_year", re.compile(rf"{_B}(?:{part}[\s-]*)?(?P<rel>{_alt(cal.years_rel)}){_E}", re.I)),
        ("rel_month", re.compile(rf"{_B}(?:{part}[\s-]*)?(?P<rel>{_alt(cal.months_rel)}){_E}", re.I)),
        # awal 2026, early 2026, đầu năm 2026, tahun 2026, พ.ศ. 2568
        ("year", re.compile(rf"{_B}(?:(?P<ycue>{_alt(cal.year_cues)})\s*)?(?:{part}[\s-]*)?(?:(?P<ycue2>{_alt(cal.year_cues)})\s*)?"
                            rf"{Y}(?![\d/-])", re.I)),
        # kemarin, yesterday, hôm qua
        ("rel_day", re.compile(rf"{_B}(?P<rel>{rel_days}){_E}", re.I)),
        # on Tuesday, hari Selasa, Selasa lalu: a weekday alone is the latest such day up to the anchor
        ("weekday", re.compile(rf"{_B}(?:(?P<on>on|pada\s+hari|pada|hari|noong)\s+)?(?P<weekday>{_alt(cal.weekdays)}){_E}"
                               rf"(?:\s+(?P<ago>lalu|lepas|kemarin|last|vừa\s+qua|tuần\s+trước){_E})?", re.I)),
    ]
    phrases = [*cal.months, *cal.weekdays, *cal.days, *cal.months_rel, *cal.years_rel, *cal.parts,
               *cal.day_cues, *cal.month_cues, *cal.year_cues, *_WEEKDAY_CUES, "tháng", "ngày", "năm"]
    start_words = set()
    thai = set()
    for phrase in phrases:
        if _THAI_CHAR.search(phrase):
            thai.add(phrase)
            continue
        first = re.match(r"\w+", phrase.lower())
        if first:
            start_words.add(first.group())
    # Which patterns may begin with which words: a pattern is tried at a word only when one of
    # its leading word lists holds a phrase starting with that word (trying all fifteen at every
    # "pada", "on" or "in" was most of the time spent here).
    leading = {
        "iso": [cal.weekdays], "dmy": [cal.day_cues, cal.weekdays], "vi_full": [["ngày"]],
        "range": [cal.day_cues], "dm": [cal.day_cues, cal.weekdays], "d_month": [cal.day_cues, cal.weekdays],
        "month_d": [cal.weekdays, cal.months], "vi_month": [cal.parts, ["tháng"]],
        "month_y": [cal.parts, cal.months], "month_only": [cal.month_cues], "rel_year": [cal.parts, cal.years_rel],
        "rel_month": [cal.parts, cal.months_rel], "year": [cal.year_cues, cal.parts], "rel_day": [cal.days],
        "weekday": [_WEEKDAY_CUES, cal.weekdays],
    }
    kinds_of: dict[str, set[str]] = {}
    for kind, lists in leading.items():
        for words in lists:
            for phrase in words:
                first = re.match(r"\w+", phrase.lower())
                if first and not _THAI_CHAR.search(phrase):
                    kinds_of.setdefault(first.group(), set()).add(kind)
    by_word = {w: tuple(r for r in regexes if r[0] in kinds) for w, kinds in kinds_of.items()}
    return _Patterns(cal, tuple(regexes), tuple(r for r in regexes if r[0] in _DIGIT_KINDS),
                     tuple(r for r in regexes if r[0] in _PAREN_KINDS), frozenset(start_words), tuple(sorted(thai)),
                     by_word)


# --------------------------------------------------------------------------- resolution helpers


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _year(raw: str) -> int:
    y = int(raw)
    if len(raw) == 2:
        y += 2000 if y < 70 else 1900
    if y > 2400:  # Thai Buddhist era
        y -= _BUDDHIST_ERA
    return y


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + delta
    return n // 12, n % 12 + 1


def _nearest_year(m: int, d: int, anchor: date, weekday: int | None) -> tuple[int | None, str | None]:
    """The year for a day/month without one: nearest the anchor, or, with a printed
    weekday, the nearest year whose calendar agrees with it."""
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        if _valid(y, m, d):
            candidates.append(date(y, m, d))
    if not candidates:
        return None, None
    candidates.sort(key=lambda c: abs((c - anchor).days))
    if weekday is not None:
        # The weekday may pick another year only among dates near the anchor:
        # news does not print "Tuesday (15/12)" for a day a year away.
        agreeing = [c for c in candidates if c.weekday() == weekday and abs((c - anchor).days) <= 200]
        if agreeing:
            return agreeing[0].year, None
        return candidates[0].year, f"printed weekday {calendar.day_name[weekday]} does not match {candidates[0].isoformat()}"
    return candidates[0].year, None


def _nearest_month_year(m: int, anchor: date) -> int:
    """The year for a month name without one: the occurrence nearest the anchor."""
    best = min((anchor.year - 1, anchor.year, anchor.year + 1),
               key=lambda y: abs((y * 12 + m) - (anchor.year * 12 + anchor.month)))
    return best


def _capitalised(word: str) -> bool:
    """True when the word starts with a capital, or its script has no case (Thai)."""
    first = word[:1]
    return first.isupper() or first.lower() == first.upper()


_PART_WORDS = {"early": "early", "mid": "mid", "late": "late"}


def _lookup(table: dict[str, Any], raw: str | None) -> Any:
    return None if raw is None else table.get(_key(raw))


# --------------------------------------------------------------------------- find_dates


def find_dates(text: str, anchor: date | None = None, lang: str | None = None) -> list[DateMatch]:
    """Every date the text mentions, in text order, resolved against ``anchor``
    (the press date). Overlapping readings keep the longest.

    >>> [m.value for m in find_dates("Thứ Ba, 16/12/2025; chiều 14/12 và tháng 3/2026", date(2025, 12, 16), "vi")]
    ['2025-12-16', '2025-12-14', '2026-03']
    """
    if not text:
        return []
    work = text.translate(_THAI_DIGITS) if _THAI_DIGIT.search(text) else text
    pats = _patterns()
    cal = _calendar(lang)
    cands: list[DateMatch] = []
    # Searching the text with every pattern was ~20 ms per KB (big case-insensitive
    # alternations tried at every position); trying them only where a date can
    # start — a digit, "(", or a calendar word — and only the patterns that can
    # start with such a character is many times faster.
    by_word = pats.by_word
    for pos in _start_positions(work, pats):
        ch = work[pos]
        if ch.isdigit():
            group = pats.digit_start
        elif ch == "(":
            group = pats.paren_start
        else:
            word = _WORD_AT.match(work, pos)
            group = by_word.get(word.group().lower(), pats.regexes) if word else pats.regexes
        for kind, rx in group:
            m = rx.match(work, pos)
            if m is None or m.end() == pos:
                continue
            dm = _resolve(kind, m, text, anchor, cal)
            if dm is not None:
                cands.append(dm)
    # Longest first, then earliest: a longer reading ("Senin (15/12)") beats the parts inside it.
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    starts: list[int] = []
    ends: list[int] = []
    taken: list[DateMatch] = []
    for c in cands:
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and ends[i - 1] > c.start:
            continue  # overlaps the taken span that starts before it
        if i < len(starts) and starts[i] < c.end:
            continue  # overlaps the taken span that starts after it
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.insert(i, c)
    return _absorb_relative_words(taken, text)


_TOKEN = re.compile(r"\w+|\(")
_WORD_AT = re.compile(r"\w+")
_THAI_DIGIT = re.compile(r"[๐-๙໐-໙០-៩]")
# Patterns whose match may begin with a digit, and with "(".
_DIGIT_KINDS = frozenset({"iso", "dmy", "vi_full", "range", "d_month", "year"})
_PAREN_KINDS = frozenset({"range", "dm"})
# Scripts written without spaces between words (Thai, Lao, Khmer, Burmese).
_THAI_CHAR = re.compile(r"[\u0E00-\u0EFF\u1780-\u17FF\u1000-\u109F]")


def _start_positions(work: str, pats: "_Patterns") -> list[int]:
    """Offsets where a date mention may begin: a number, "(", a calendar word."""
    words = pats.start_words
    out = []
    for m in _TOKEN.finditer(work):
        t = m.group()
        if t == "(" or t[0].isdigit() or t.lower() in words:
            out.append(m.start())
    if _THAI_CHAR.search(work):  # Thai, Lao, Khmer: no spaces between words; look for the words themselves
        for kw in pats.thai_words:
            i = work.find(kw)
            while i >= 0:
                out.append(i)
                i = work.find(kw, i + 1)
    return sorted(set(out))


def _absorb_relative_words(matches: list[DateMatch], text: str) -> list[DateMatch]:
    """"Senin (15/12) kemarin": a relative day word right after a resolved day is
    part of that mention, not a second date."""
    out: list[DateMatch] = []
    for m in matches:
        if out and m.relative and m.precision == "day" and out[-1].precision == "day" and not out[-1].relative:
            prev = out[-1]
            gap = text[prev.end:m.start]
            if len(gap) <= 2 and not gap.strip(" ,)"):
                note = prev.note
                if prev.value and m.value and prev.value != m.value:
                    note = "; ".join(filter(None, [note, f"'{m.text}' would be {m.value}; the printed day wins"]))
                out[-1] = DateMatch(prev.start, m.end, text[prev.start:m.end], prev.value, prev.precision, note,
                                    prev.weekday, prev.year_given, False)
                continue
        out.append(m)
    return out


def _resolve(kind: str, m: re.Match[str], text: str, anchor: date | None, cal: _Calendar) -> DateMatch | None:
    g = m.groupdict()
    start, end = m.start(), m.end()
    # Prepositions that only announce a date ("in January", "pada Isnin", "by late
    # 2026") are not part of its span; a part word ("late") and a year word ("tahun") are.
    if kind == "month_only":
        start = m.start("part") if g.get("part") else m.start("month")
    elif kind == "year" and g.get("part"):
        start = m.start("part")
    elif kind == "weekday" and g.get("weekday"):
        start = m.start("weekday")
    # A weekday opened with "(" must be closed: "Kamis (11/12)" takes the ")".
    if "(" in m.group(0) and ")" not in m.group(0) and text[end:end + 1] == ")":
        end += 1
    elif g.get("paren") and text[end:end + 1] != ")":
        return None
    span = text[start:end]

    def make(value, precision, note=None, weekday=None, year_given=False, relative=False):
        return DateMatch(start, end, span, value, precision, note, weekday, year_given, relative)

    weekday = _lookup(cal.weekdays, g.get("weekday"))
    part = _PART_WORDS.get(_lookup(cal.parts, g.get("part")) or _lookup(_calendar(None).parts, g.get("part")) or "")

    if kind in ("iso", "dmy", "vi_full", "range", "dm", "d_month", "month_d"):
        day = int(g["day"])
        month = int(g["m"]) if g.get("m") else _lookup(cal.months, g.get("month"))
        if month is None:
            return None
        note = None
        if kind == "dmy" and month > 12 and day <= 12:  # 12/25/2025: month first
            day, month, note = month, day, "read month first (a month cannot exceed 12)"
        if kind == "range":
            if not (1 <= int(g["day2"]) <= 31) or int(g["day2"]) < day:
                return None
            note = f"range {day}–{g['day2']}/{month}; the first day is kept"
        year_given = bool(g.get("year"))
        if year_given:
            year = _year(g["year"])
            if not (_YEAR_MIN <= year <= _YEAR_MAX) or not _valid(year, month, day):
                return None
            if weekday is not None and date(year, month, day).weekday() != weekday:
                note = "; ".join(filter(None, [note, f"printed weekday {calendar.day_name[weekday]} does not match "
                                                     f"{date(year, month, day).isoformat()}; the printed day wins"]))
            return make(date(year, month, day).isoformat(), "day", note, weekday, True)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if kind == "month_d" and not _capitalised(g["month"]):
            return None  # "you may 2 go": English month names are capitalised
        if anchor is None:
            return make(None, "day", "no year printed and no press date to resolve it", weekday)
        year, wnote = _nearest_year(month, day, anchor, weekday)
        if year is None:
            return None
        note = "; ".join(filter(None, [note, wnote]))
        return make(date(year, month, day).isoformat(), "day", note or None, weekday)

    if kind in ("vi_month", "month_y", "month_only"):
        month = int(g["m"]) if g.get("m") else _lookup(cal.months, g.get("month"))
        if not month or not 1 <= month <= 12:
            return None
        if kind == "month_only":
            name = g["month"]
            # Month names alone are dates only when capitalised ("in May", not "may");
            # scripts without case (Thai) always qualify.
            if not _capitalised(name):
                return None
            if len(_key(name)) < 4 and name.isascii():  # "in Mar" is too ambiguous
                return None
        if g.get("year"):
            year = _year(g["year"])
            if not _YEAR_MIN <= year <= _YEAR_MAX:
                return None
            given = True
        elif anchor is not None:
            year, given = _nearest_month_year(month, anchor), False
        else:
            return make(None, "part_of_month" if part else "month", "no year printed and no press date to resolve it")
        value = f"{year:04d}-{month:02d}"
        if part:
            return make(value, "part_of_month", f"{part} {value}", year_given=given)
        return make(value, "month", year_given=given)

    if kind == "year":
        if not (part or g.get("ycue") or g.get("ycue2")):
            return None
        year = _year(g["year"])
        if not _YEAR_MIN <= year <= _YEAR_MAX:
            return None
        note = "Buddhist era" if int(g["year"]) > 2400 else None
        if part:
            return make(str(year), "part_of_year", f"{part} {year}", year_given=True)
        return make(str(year), "year", note, year_given=True)

    if kind in ("rel_year", "rel_month", "rel_day"):
        table = {"rel_year": cal.years_rel, "rel_month": cal.months_rel, "rel_day": cal.days}[kind]
        offset = _lookup(table, g["rel"])
        if offset is None:
            return None
        if anchor is None:
            precision = {"rel_year": "year", "rel_month": "month", "rel_day": "day"}[kind]
            return make(None, ("part_of_" + precision) if part and precision != "day" else precision,
                        "relative date with no press date to resolve it", relative=True)
        if kind == "rel_day":
            return make((anchor + timedelta(days=int(offset))).isoformat(), "day", relative=True)
        if kind == "rel_month":
            y, mo = _shift_month(anchor.year, anchor.month, int(offset))
            value = f"{y:04d}-{mo:02d}"
            if part:
                return make(value, "part_of_month", f"{part} {value}", relative=True)
            return make(value, "month", relative=True)
        year = anchor.year + int(offset)
        if part:
            return make(str(year), "part_of_year", f"{part} {year}", relative=True)
        return make(str(year), "year", relative=True)

    if kind == "weekday":
        if not (g.get("on") or g.get("ago")):
            return None  # a bare weekday name is too often not a date ("Minggu" is also "week")
        name = g.get("weekday") or ""
        if not _capitalised(name) or (name.isascii() and len(name) < 5):
            return None  # "on sat" / "on Sun" are too often not dates
        if weekday is None or anchor is None:
            return make(None, "day", "weekday alone with no press date to resolve it", weekday) if weekday is not None else None
        back = (anchor.weekday() - weekday) % 7
        return make((anchor - timedelta(days=back)).isoformat(), "day",
                    "weekday alone: the latest such day up to the press date", weekday, relative=True)
    return None


# --------------------------------------------------------------------------- document_date


_HEADER_CHARS = 400


def document_date(text: str, meta: str | None = None) -> date | None:
    """The press date of a document, from (in this order):

    1. ``meta`` (e.g. an HTML ``article:published_time``; ISO or free form);
    2. a date line or dateline near the top: a full date on a short line of its own
       ("Jumat, 12 Desember 2025 | 14:35 WIB", "Thứ Ba, 16/12/2025 09:15 (GMT+7)") or
       opening its line ("SINGAPORE, 17 December 2025 –");
    3. a dateline day without a year ("KUALA LUMPUR, Dec 29 (Bernama)"), the year
       taken from the text's full dates or, failing those, its most frequent year;
    4. the latest full date printed with a weekday in the body, the press-release
       form "... dalam keterangan tertulis, Selasa (16/12/2025)";
    5. else the first full date near the top.

    An event date in the first paragraph ("Jakarta - ... digelar Kamis (11/12).")
    is not a dateline: it neither opens its line nor stands on a short one.

    >>> document_date("KUALA LUMPUR, Dec 29 (Bernama) -- The 2025 budget ...")
    datetime.date(2025, 12, 29)
    >>> document_date("ข่าว\\n\\nวันที่ 16 ธันวาคม พ.ศ. 2568")
    datetime.date(2025, 12, 16)
    """
    if meta:
        d = _parse_meta(meta)
        if d is not None:
            return d
    if not text:
        return None
    head = text[:_HEADER_CHARS]
    matches = [m for m in find_dates(head) if m.precision == "day" and not m.relative]
    full_head = [m for m in matches if m.year_given and m.value]
    # 1. A date line or a dateline: the date stands on a short line of its own
    #    ("Jumat, 12 Desember 2025 | 14:35 WIB") or opens its line ("SINGAPORE, 17 December 2025 –").
    for m in full_head:
        if _dateline_like(head, m):
            return date.fromisoformat(m.value)
    body = find_dates(text[:200_000])
    full = [m for m in body if m.precision == "day" and m.year_given and m.value]
    # 2. A dateline without a year ("KUALA LUMPUR, Dec 29 (Bernama)"): the year from the text.
    for m in matches:
        if not m.year_given and _dateline_like(head, m):
            year = _year_hint(text, full)
            if year is not None:
                parsed = find_dates(m.text, date(year, 6, 30))
                if parsed and parsed[0].value:
                    return date.fromisoformat(parsed[0].value)
    # 3. The press-release attribution: the latest full date printed with a weekday.
    with_weekday = [m for m in full if m.weekday is not None]
    if with_weekday:
        return max(date.fromisoformat(m.value) for m in with_weekday)
    # 4. Any full date near the top.
    if full_head:
        return date.fromisoformat(full_head[0].value)
    return None


_DATELINE_PREFIX = 40  # a dateline's date starts within this many characters of its line
_DATE_LINE_MAX = 100  # a line this short holding a date is a date line


def _dateline_like(head: str, m: DateMatch) -> bool:
    line_start = head.rfind("\n", 0, m.start) + 1
    line_end = head.find("\n", m.end)
    line_end = len(head) if line_end < 0 else line_end
    if line_end - line_start <= _DATE_LINE_MAX:
        return True
    return m.start - line_start <= _DATELINE_PREFIX and not re.search(r"[.!?]\s", head[line_start:m.start])


def _year_hint(text: str, full: list[DateMatch]) -> int | None:
    if full:
        return max(date.fromisoformat(m.value) for m in full).year
    years = Counter(int(y) for y in re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", text[:200_000]))
    return years.most_common(1)[0][0] if years else None


def _parse_meta(meta: str) -> date | None:
    s = meta.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m and _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for found in find_dates(s):
        if found.precision == "day" and found.year_given and found.value:
            return date.fromisoformat(found.value)
    try:
        import dateparser

        parsed = dateparser.parse(s, settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                                               "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # dateparser raises on some odd inputs; metadata is optional
        return None
    return parsed.date() if parsed else None


# --------------------------------------------------------------------------- parse_iso_date


def parse_iso_date(s: str) -> date:
    """A strict ``YYYY-MM-DD`` date (for ``--published``, ``--as-of`` and JSONL fields);
    a ValueError with a one-line message otherwise.

    >>> parse_iso_date(" 2025-12-16 ")
    datetime.date(2025, 12, 16)
    """
    raw = s if isinstance(s, str) else str(s)
    m = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", raw)
    if not m:
        raise ValueError(f"invalid date {raw!r}: expected YYYY-MM-DD")
    y, mo, d = (int(x) for x in m.groups())
    if not 1 <= mo <= 12:
        raise ValueError(f"invalid date {raw!r}: month must be in 1..12 (expected YYYY-MM-DD)")
    if not 1 <= d <= calendar.monthrange(y, mo)[1]:
        raise ValueError(f"invalid date {raw!r}: day out of range for the month (expected YYYY-MM-DD)")
    if y < 1:
        raise ValueError(f"invalid date {raw!r}: year out of range (expected YYYY-MM-DD)")
    return date(y, mo, d)
