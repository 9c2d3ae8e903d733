"""Chinese text and its punctuation (GB/T 15834): which characters are Chinese, which
half-width marks sit in Chinese text, and their full-width replacement.

One helper for `drafter check` (which reports the marks) and `drafter import` (which fixes them).
"""

from __future__ import annotations

import re

from .lazy_pattern import LazyPattern


def is_han(ch: str | None) -> bool:
    """A Han character (CJK Unified Ideographs and Extension A), not a mark."""
    return bool(ch) and (0x4E00 <= ord(ch) <= 0x9FFF or 0x3400 <= ord(ch) <= 0x4DBF)


def is_chinese(ch: str | None) -> bool:
    """A Han character or full-width punctuation: the text around it is Chinese."""
    if not ch:
        return False
    o = ord(ch)
    return (
        is_han(ch)
        or 0x3000 <= o <= 0x303F  # 、。〈〉《》「」【】〔〕
        or 0xFF00 <= o <= 0xFFEF  # ，：；（）！？
        or o in (0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026, 0x00B7)  # “ ” ‘ ’ — … ·
    )


# The characters `is_chinese` accepts, for searching a whole text at once. It and _URL serve only
# a text with a half-width mark: compiled then (1.4 ms for this class of 30 000 characters).
_CHINESE = LazyPattern("[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]",
                       anchor=())
_HALF_MARKS = ',;:?!"()<>'  # the half-width marks halfwidth_marks may report
_HALF_MARK = re.compile(f"[{re.escape(_HALF_MARKS)}]")
_MARKS = re.compile(r'[,;:?!"]')
# (opening marks, closing marks, the half-width pair, angle brackets?, all four marks)
_BRACKETS = (("(（", ")）", "()", False, re.compile("[(（)）]")), ("<〈", ">〉", "<>", True, re.compile("[<〈>〉]")))

FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", "<": "〈", ">": "〉"}
_URL = LazyPattern(r"(?i)(?:https?://|www\.)[\x21-\x7e]+|[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", anchor=())


def _ascii_alnum(ch: str | None) -> bool:
    return ch is not None and ch.isascii() and ch.isalnum()


def holds_halfwidth_mark(text: str) -> bool:
    """Whether `text` holds a mark halfwidth_marks may report (for many texts at once, joined)."""
    return any(mark in text for mark in _HALF_MARKS)  # a substring test per mark: quicker than a search


def halfwidth_marks(text: str, skip: int = 0) -> list[tuple[int, str]]:
    """Positions of half-width punctuation that sits in Chinese text.

    A mark counts when a neighbour (spaces skipped) is Chinese; "?" and "!" when the character
    before is Chinese or they end a Chinese text ("达到100%!"). Brackets are decided per pair
    (both or neither): when they enclose Chinese or touch it; "<…>" only inside 《…》, where
    it stands for 〈…〉. "1,000", "10:30", Latin text and URLs are left alone. ``skip``
    ignores the first characters (a heading marker reported by the headings rule).
    """
    if not _HALF_MARK.search(text, skip):
        return []  # most paragraphs: no half-width mark at all
    masked = _URL.sub(lambda m: " " * len(m.group()), text)
    n = len(masked)
    chinese_text = _CHINESE.search(masked) is not None

    def left(i: int) -> str | None:
        j = i - 1
        while j >= 0 and masked[j] in " \t":
            j -= 1
        return masked[j] if j >= 0 else None

    def right(i: int) -> str | None:
        j = i + 1
        while j < n and masked[j] in " \t":
            j += 1
        return masked[j] if j < n else None

    out: list[tuple[int, str]] = []
    for mark in _MARKS.finditer(masked, skip):
        i, c = mark.start(), mark.group()
        lc, rc = left(i), right(i)
        chinese_side = is_chinese(lc) or is_chinese(rc)
        if c in ",;:":
            if _ascii_alnum(lc) and _ascii_alnum(rc):
                continue
            if c == ":" and rc == "/":
                continue
            if chinese_side:
                out.append((i, c))
        elif c in "?!":
            if is_chinese(lc) or (rc is None and chinese_text):
                out.append((i, c))
        elif chinese_side:  # '"'
            out.append((i, c))
    # Brackets are decided per pair: both marks change, or neither.
    for opens, closes, half, angle, marks in _BRACKETS:
        if not any(c in masked for c in half):
            continue
        stack: list[int] = []
        pairs: list[tuple[int, int]] = []
        lonely: list[int] = []
        for found in marks.finditer(masked):
            i, c = found.start(), found.group()
            if c in opens:
                stack.append(i)
            elif c in closes:
                if stack:
                    pairs.append((stack.pop(), i))
                else:
                    lonely.append(i)
        lonely += stack
        for a, b in pairs:
            if masked[a] not in half and masked[b] not in half:
                continue
            inner = _CHINESE.compiled.search(masked, a + 1, b) is not None
            outer = is_chinese(left(a)) or is_chinese(right(b))
            if angle:
                # <…> stands for 〈…〉 only inside a book title: 《…<…>…》; elsewhere it may compare
                if not (inner and _inside_book_title(masked, a, b)):
                    continue
            elif not (inner or outer):
                continue
            out += [(k, masked[k]) for k in (a, b) if masked[k] in half and k >= skip]
        if not angle:
            for k in lonely:
                if masked[k] in half and k >= skip and (is_chinese(left(k)) or is_chinese(right(k))):
                    out.append((k, masked[k]))
    return sorted(out)


def _inside_book_title(text: str, a: int, b: int) -> bool:
    before, after = text[:a], text[b + 1 :]
    return before.rfind("《") > before.rfind("》") and after.find("》") != -1 and (
        after.find("《") == -1 or after.find("》") < after.find("《")
    )


def fix_halfwidth(text: str, skip: int = 0) -> tuple[str, int]:
    """Replace the half-width punctuation of Chinese text by full-width; (new text, count).

    Character for character: the length never changes, so .docx run offsets stay valid.
    Straight quotes are replaced only when their number is even (otherwise there is no safe
    pairing): they are still reported by `halfwidth_marks`.
    """
    marks = halfwidth_marks(text, skip)
    if sum(1 for _, c in marks if c == '"') % 2:
        marks = [(i, c) for i, c in marks if c != '"']
    if not marks:
        return text, 0
    chars = list(text)
    quote_open = True
    for i, c in marks:
        if c == '"':
            chars[i] = "“" if quote_open else "”"
            quote_open = not quote_open
        else:
            chars[i] = FULLWIDTH[c]
    return "".join(chars), len(marks)
