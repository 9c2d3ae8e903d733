"""Plain-text helpers: cleaning text pasted from Word, Chinese ordinals, number formats."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lazy_pattern import LazyPattern

# Characters that Word or web pages leave behind and that must never reach the .docx:
# C0 controls except tab/newline (Word's \x0b line break, \x0c page break, \x00…),
# C1 controls, zero-width characters, soft hyphens, BOMs and bidi marks.
_INVISIBLE = LazyPattern(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ufffe\uffff]", anchor=()
)
# XML 1.0 cannot carry lone surrogates either. These serve only a text `_is_clean` refuses, and are
# compiled the first time one comes (a class beyond Latin-1 costs sre a 64K-entry map).
_SURROGATES = LazyPattern("[\ud800-\udfff]", anchor=())
_SPACES = LazyPattern("[\u00a0\u2000-\u200a\u202f\u205f]", anchor=())
_TRAILING_SPACE = LazyPattern(r"[ \t]+\n", anchor=())
_MANY_NEWLINES = LazyPattern(r"\n{3,}", anchor=())

#: The glue the .docx output layer puts inside a figure so that no line breaks it
#: (drafter.docx_glue); the one .docx reader (drafter.textsource) removes it silently. Anywhere
#: else it is an invisible character like any other and is cleaned away.
WORD_JOINER = "\u2060"

TERMINAL_PUNCTUATION = "。！？；…”’」』）)"

# Every character `clean_text` replaces or removes ("\n" apart), which is also every one
# `describe_cleaning` may tell about: controls (a Windows "\r" among them), odd spaces,
# zero-width and direction marks, soft hyphens, noncharacters.
_CLEANED = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u2000-\u200f\u2028-\u202f\u205f-\u2064"
            "\ufeff\ufffe\uffff\ud800-\udfff")
# Anything a step of `clean_text` but the last (strip) would change: a character of _CLEANED,
# a space before a line end, three line ends in a row (`_is_clean`).
_UNCLEAN = re.compile(f"[{_CLEANED}]")


def _is_clean(value: str) -> bool:
    """Whether `clean_text` would only strip `value` (the character set is one quick scan; the
    line ends are looked for as strings, not as branches of the pattern tried at every character).

    First the quicker scan of `str.isprintable`, true of the usual one-line text: none of the
    characters of _CLEANED is printable (nor a line end, a tab, U+3000: those texts go on to the
    pattern), so a printable text has none of them, nor a line end."""
    if value.isprintable():
        return unicodedata.is_normalized("NFC", value)
    return (_UNCLEAN.search(value) is None and " \n" not in value and "\t\n" not in value and "\n\n\n" not in value
            and unicodedata.is_normalized("NFC", value))


def clean_text(value: str) -> str:
    """Return `value` without invisible control characters, with normalised spaces and line ends.

    Word's vertical tab (a manual line break) becomes a newline; every other control
    character is dropped. Full-width spaces (U+3000) are kept: Chinese text uses them.
    """
    if _is_clean(value):
        return value.strip()  # the usual case: nothing else to clean
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    value = _INVISIBLE.sub("", value)
    value = _SURROGATES.sub("", value)
    value = _SPACES.sub(" ", value)
    value = unicodedata.normalize("NFC", value)
    value = _TRAILING_SPACE.sub("\n", value)
    value = _MANY_NEWLINES.sub("\n\n", value)
    return value.strip()


def clean_line(value: str) -> str:
    """`clean_text`, then one line: a text that must stay on one line (a name, a title) has its
    line breaks joined, with a space only between two Latin letters or digits ("西峡县\n城管局"
    → "西峡县城管局", "Smith\nJones" → "Smith Jones")."""
    text = clean_text(value)
    if "\n" not in text:
        return text  # one line already (clean_text leaves no other line break, and strips)
    parts = lines(text)
    joined = parts[0] if parts else ""
    for part in parts[1:]:
        latin = joined[-1].isascii() and joined[-1].isalnum() and part[0].isascii() and part[0].isalnum()
        joined += (" " if latin else "") + part
    return joined


# What `clean_text` does that the clerk should be told about, one counter each.
# C1 controls (U+0080–U+009F) and DEL come from old Windows code pages and broken copies.
_CONTROL = LazyPattern("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f]", anchor=())
_LINE_BREAKS = LazyPattern("[\x0b\u2028\u2029]", anchor=())
_ZERO_WIDTH = LazyPattern("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]", anchor=())
_SOFT_HYPHEN = LazyPattern("\u00ad", anchor=())
_NONCHARACTERS = LazyPattern("[\ufffe\uffff\ud800-\udfff]", anchor=())


# Any character that `describe_cleaning` may tell about, and with it a line break a one-line
# text joins.
_NOTEWORTHY = LazyPattern(f"[\n{_CLEANED}]", anchor=())


def nothing_to_describe(value: str) -> bool:
    """True when `describe_cleaning` has nothing to say about `value`, one line or not (a
    quick test: most answers are clean)."""
    return _NOTEWORTHY.search(value) is None


def nothing_to_describe_in_lines(text: str) -> bool:
    """True when `describe_cleaning` has nothing to say about any piece of one line of `text`."""
    return _UNCLEAN.search(text) is None


def describe_cleaning(value: str, *, one_line: bool = False) -> list[str]:
    """What `clean_text` (or `clean_line` when `one_line`) changes in `value`, as Chinese phrases.

    Only changes the clerk could notice are listed: removed invisible characters, replaced
    spaces, Word line breaks; not the trimming of surrounding blanks or Windows line ends.
    """
    value = value.replace("\r\n", "\n")
    notes = []
    for pattern, what in (
        (_CONTROL, "已删除 {n} 个不可见控制字符"),
        (_ZERO_WIDTH, "已删除 {n} 个零宽字符或文字方向标记"),
        (_SOFT_HYPHEN, "已删除 {n} 个软连字符"),
        (_NONCHARACTERS, "已删除 {n} 个无效字符"),
        (_SPACES, "已将 {n} 个不间断空格等特殊空格换成普通空格"),
    ):
        count = len(pattern.findall(value))
        if count:
            notes.append(what.format(n=count))
    breaks = len(_LINE_BREAKS.findall(value))
    if one_line:
        joined = len(lines(clean_text(value))) - 1
        if joined > 0:
            notes.append(f"此项应为一行，已将 {joined} 处换行合并")
    elif breaks:
        notes.append(f"已将 {breaks} 个手动换行符（Word 中的 Shift+Enter）换成分段")
    return notes


def ends_sentence(text: str) -> str:
    """Append "。" unless the text already ends with terminal punctuation."""
    text = text.rstrip()
    if not text or text[-1] in TERMINAL_PUNCTUATION:
        return text
    if text[-1] in "，,、：:":
        text = text[:-1]
    return text + "。"


def lines(text: str) -> list[str]:
    """Split a multi-line answer into its non-empty lines (each becomes a paragraph)."""
    if "\n" not in text:  # the usual case: one line
        text = text.strip()
        return [text] if text else []
    return [line.strip() for line in text.split("\n") if line.strip()]


def display_width(text: str) -> float:
    """Width of `text` in body characters: CJK and full-width forms count 1, half-width
    (ASCII) characters such as Arabic digits count ½. Surrounding whitespace is ignored."""
    text = text.strip()
    if not text:
        return 0
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))  # the ASCII characters, counted in C


_DIGITS = "零一二三四五六七八九"


@lru_cache(maxsize=256)  # ordinals: the same few for every report
def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 99 → 九十九, 100 → 一百, 101 → 一百零一, 110 → 一百一十, 10001 → 一万零一.

    Ordinals rarely pass 99, but a list of 100 items or a report with 100 headings must not crash.
    """
    if n < 1:
        raise ValueError(f"ordinal out of range: {n}")
    high, low = divmod(n, 10_000)
    if not high:
        return _below_ten_thousand(low, leading=True)
    text = chinese_number(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _below_ten_thousand(low, leading=False)
    return text


def _below_ten_thousand(n: int, *, leading: bool) -> str:
    out, started, zero = "", False, False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero = zero or started
            continue
        if zero:
            out, zero = out + "零", False
        if not (unit == "十" and digit == 1 and leading and not started):  # 十二, but 一百一十
            out += _DIGITS[digit]
        out, started = out + unit, True
    return out


_NUMERAL_DIGITS = {**{c: i for i, c in enumerate("〇一二三四五六七八九")}, "零": 0, "○": 0, "Ｏ": 0, "两": 2}
_NUMERAL_DIGIT_CHARS = "".join(_NUMERAL_DIGITS)
_NUMERAL_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_chinese_number(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零一 → 101, 一万零一 → 10001; 三三 → 33; None if not a numeral."""
    digits = _NUMERAL_DIGITS
    if not s:
        return None
    if not s.strip(_NUMERAL_DIGIT_CHARS):  # digits only ("三三"): read digit by digit
        value = 0
        for c in s:
            value = value * 10 + digits[c]
        return value
    total = section = 0
    number: int | None = None
    last_unit = 10_001
    for c in s:
        if c in digits:
            if number:  # two digits in a row ("二三十") is not a numeral
                return None
            number = digits[c]
        elif c in _NUMERAL_UNITS:
            unit = _NUMERAL_UNITS[c]
            if unit >= last_unit or (number is None and not (c == "十" and section == 0 and total == 0)):
                return None
            section += (1 if number is None else number) * unit
            number, last_unit = None, unit
        elif c == "万" and total == 0 and (section or number):
            total, section, number, last_unit = (section + (number or 0)) * 10_000, 0, None, 10_001
        else:
            return None
    return total + section + (number or 0)


def part_ordinal(n: int) -> str:
    """一、 二、 … (level-1 headings)."""
    return chinese_number(n) + "、"


def topic_ordinal(n: int) -> str:
    """（一）（二）… (level-2 headings)."""
    return "（" + chinese_number(n) + "）"


def run_ordinal(n: int) -> str:
    """一是、二是… (points inside a paragraph)."""
    return chinese_number(n) + "是"


def format_number(value: float | int, decimals: int = 2) -> str:
    """59 → "59"; 12.5 → "12.5"; 3.456 → "3.46": at most `decimals` decimals (two in prose; a
    summary table keeps six)."""
    if type(value) is int:
        return str(value)  # the usual figure: a count
    if isinstance(value, bool):
        raise TypeError("flags are not numbers")
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def format_percent(ratio: float, *, fixed: bool = False) -> str:
    """0.9928 → "99.28%"; 1 → "100%"; at most two decimals, or always two when `fixed` (a
    table's column: "100.00%")."""
    if fixed:
        return f"{ratio * 100:.2f}%"
    return format_number(round(ratio * 100, 2)) + "%"


def format_date(value) -> str:
    """GB/T 9704: Arabic numerals, no zero padding: 2025年2月28日."""
    return f"{value.year}年{value.month}月{value.day}日"
