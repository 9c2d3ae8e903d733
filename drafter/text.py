"""Plain-text helpers: cleaning text pasted from Word, Chinese ordinals, number formats."""

from __future__ import annotations

import re
import unicodedata

# Characters that Word or web pages leave behind and that must never reach the .docx:
# C0 controls except tab/newline (Word's \x0b line break, \x0c page break, \x00…),
# C1 controls, zero-width characters, soft hyphens, BOMs and bidi marks.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ufffe\uffff]"
)
# XML 1.0 cannot carry lone surrogates either.
_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_NEWLINES = re.compile(r"\n{3,}")

TERMINAL_PUNCTUATION = "。！？；…”’」』）)"


def clean_text(value: str) -> str:
    """Return `value` without invisible control characters, with normalised spaces and line ends.

    Word's vertical tab (a manual line break) becomes a newline; every other control
    character is dropped. Full-width spaces (U+3000) are kept: Chinese text uses them.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    value = _INVISIBLE.sub("", value)
    value = _SURROGATES.sub("", value)
    value = _SPACES.sub(" ", value)
    value = unicodedata.normalize("NFC", value)
    value = _TRAILING_SPACE.sub("\n", value)
    value = _MANY_NEWLINES.sub("\n\n", value)
    return value.strip()


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
    return [line.strip() for line in text.split("\n") if line.strip()]


def display_width(text: str) -> float:
    """Width of `text` in body characters: CJK and full-width forms count 1, half-width
    (ASCII) characters such as Arabic digits count ½. Surrounding whitespace is ignored."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text.strip())


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (ordinals in reports never exceed 99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"ordinal out of range: {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    prefix = "十" if tens == 1 else _DIGITS[tens] + "十"
    return prefix + (_DIGITS[ones] if ones else "")


def part_ordinal(n: int) -> str:
    """一、 二、 … (level-1 headings)."""
    return chinese_number(n) + "、"


def topic_ordinal(n: int) -> str:
    """（一）（二）… (level-2 headings)."""
    return "（" + chinese_number(n) + "）"


def run_ordinal(n: int) -> str:
    """一是、二是… (points inside a paragraph)."""
    return chinese_number(n) + "是"


def format_number(value: float | int) -> str:
    """59 → "59"; 12.5 → "12.5"; 3.456 → "3.46" (amounts keep at most two decimals)."""
    if isinstance(value, bool):
        raise TypeError("flags are not numbers")
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_percent(ratio: float) -> str:
    """0.9928 → "99.28%"; 1 → "100%"; at most two decimals."""
    return format_number(round(ratio * 100, 2)) + "%"


def format_date(value) -> str:
    """GB/T 9704: Arabic numerals, no zero padding: 2025年2月28日."""
    return f"{value.year}年{value.month}月{value.day}日"
