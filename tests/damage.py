"""Real web-copy damage, made at test time from the five corpus reports.

A clerk's copy of a published report rarely looks like the clean text: the page is copied as
one line, list markers break over lines, page chrome (breadcrumb, publish time, share buttons,
view counts, 来源, 附件, 打印/关闭, a date widget of some other day) surrounds the title,
headings lose their numbers or carry generic wording, the year is stated only once,
punctuation turns ASCII. Each transformation below makes one kind of that damage from a clean
text; ``TRANSFORMS`` lists them by name for the parametrised tests.

The corpus is read from ../shared/corpus (beside the clone); the chrome strings are our own.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve()


def corpus_dir() -> Path | None:
    """../shared/corpus beside the clone (CI, /work/main), or beside a worktree's parent."""
    for candidate in (HERE.parents[2] / "shared" / "corpus", HERE.parents[3] / "shared" / "corpus"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    return None


def corpus_reports() -> list[Path]:
    found = corpus_dir()
    return sorted(found.glob("*.txt")) if found else []


def report_year(path: Path) -> int:
    """The corpus files are named <year>-<unit>.txt."""
    return int(path.name[:4])


# ---------------------------------------------------------------------------- reading the text

_L1 = re.compile(r"^\s*[一二三四五六七八九十]{1,3}[、.．]")
_MARKER = re.compile(
    r"^(?P<indent>\s*)(?P<marker>[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）][、.．]?"
    r"|\d{1,2}[、.．](?!\d))\s*"
)
_RUN = re.compile(r"(?:(?<=[。；;，,：:！？!?\s）)”])|^)([一二三四五六七八九十]{1,3})是", re.M)
_CHROMEISH = re.compile(r"[|:：]|位置|来源|扫一扫|关闭|主办|版权|ICP|公网安备|网站标识|举报")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _opening_index(lines: list[str]) -> int | None:
    """The first line of running text before the first part heading (the opening)."""
    for i, line in enumerate(lines):
        t = line.strip()
        if _L1.match(t):
            return None
        if len(t) > 40 and "。" in t or t.endswith(("：", ":")) and len(t) > 20:
            if not _CHROMEISH.search(t[:12]):
                return i
    return None


def _title_indices(lines: list[str]) -> list[int]:
    """Lines of the title: short lines above the opening that are not page chrome."""
    opening = _opening_index(lines)
    end = opening if opening is not None else next((i for i, l in enumerate(lines) if _L1.match(l.strip())), 0)
    out = []
    for i in range(end):
        t = lines[i].strip()
        if t and len(t) <= 60 and "。" not in t and not _CHROMEISH.search(t):
            out.append(i)
    return out


def _measures_heading(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        t = line.strip()
        if _L1.match(t) and re.search(r"举措|成效", t) and "不足" not in t:
            return i
    # the sanitation centre's part 1 heading is numbered like the others
    return None


# ---------------------------------------------------------------------------- transformations


def one_line(text: str, year: int) -> str:
    """The page copied as one line: every line break gone."""
    return "".join(line.strip() for line in _lines(text))


def split_markers(text: str, year: int) -> str:
    """Every 一是/二是… broken over lines: the numeral on a line of its own, 是 on the next."""
    return _RUN.sub(lambda m: f"\n{m[1]}\n是", text)


def web_chrome(text: str, year: int) -> str:
    """Breadcrumb, publish time, view count and share buttons above the title; 来源 and 附件
    below it; print/close and a footer at the end."""
    lines = _lines(text)
    titles = _title_indices(lines)
    after = titles[-1] + 1 if titles else 0
    published = f"{year + 1}-03-0{(len(text) % 9) + 1} 10:{len(text) % 60:02d}"
    head = [
        "当前位置：首页 › 政务公开 › 法治政府建设 › 年度报告",
        f"发布时间：{published}  浏览次数：{len(text) % 900 + 100}",
        "分享到：微信 微博 QQ空间",
        "【字体：大 中 小】",
    ]
    below = ["来源：本站编辑部", "附件下载"]
    tail = ["打印本页 关闭窗口", "扫一扫在手机上查看当前页面", "网站主办：示例信息中心 版权所有：示例信息中心"]
    body = lines[:after] + below + lines[after:] if titles else below + lines
    return "\n".join(head + body + tail)


def _widget(year: int) -> str:
    day = dt.date(year - 6, 11, 17)
    weekday = "一二三四五六日"[day.weekday()]
    return f"{day.year}年{day.month}月{day.day}日 星期{weekday}"


def date_widget(text: str, year: int) -> str:
    """A date widget of another year (with its weekday) on a line before the title."""
    lines = _lines(text)
    titles = _title_indices(lines)
    at = titles[0] if titles else (_opening_index(lines) or 0)
    return "\n".join(lines[:at] + [_widget(year)] + lines[at:])


def date_widget_in_title(text: str, year: int) -> str:
    """The same widget merged into the first title line (as a careless copy does)."""
    lines = _lines(text)
    titles = _title_indices(lines)
    if not titles:
        return date_widget(text, year)
    lines[titles[0]] = f"{_widget(year)} {lines[titles[0]].strip()}"
    return "\n".join(lines)


def strip_numbers(text: str, year: int) -> str:
    """Headings without their numbers (一、 （一） 1. gone)."""
    return "\n".join(_MARKER.sub(lambda m: m["indent"], line) for line in _lines(text))


GENERIC_HEADINGS = ("基本情况", "主要情况", "工作完成情况", "工作开展情况", "工作成效", "主要举措、成效和不足")


def generic_heading(form: str) -> Callable[[str, int], str]:
    def rename(text: str, year: int) -> str:
        lines = _lines(text)
        i = _measures_heading(lines)
        if i is not None:
            m = _MARKER.match(lines[i])
            lines[i] = (m[0] if m else "") + form
        return "\n".join(lines)

    rename.__doc__ = f"The measures part headed “{form}”."
    return rename


_YEAR = re.compile(r"(?<![\d（(－—\-])\d{4}\s*年度?(?![\d）)])")


def year_in_first_sentence(text: str, year: int) -> str:
    """No title, no year in the headings or the opening except its first sentence, which
    starts “YYYY年以来，”."""
    lines = _lines(text)
    titles = set(_title_indices(lines))
    opening = _opening_index(lines)
    out = []
    for i, line in enumerate(lines):
        if i in titles:
            continue
        t = line
        if _MARKER.match(t.strip()):
            t = _YEAR.sub("", t)
        if i == opening:
            body = _YEAR.sub("", re.sub(r"^\d{4}\s*年度?(?:以来)?[，,]?", "", t.strip()))
            t = f"{year}年以来，{body}"
        out.append(t)
    return "\n".join(out)


def split_title(text: str, year: int) -> str:
    """A one-line title split over two lines in the middle."""
    lines = _lines(text)
    for i in _title_indices(lines):
        t = lines[i].strip()
        if len(t) >= 14 and "报告" in t:
            cut = len(t) // 2
            lines[i] = t[:cut] + "\n" + t[cut:]
            break
    return "\n".join(lines)


_ASCII = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "“": '"', "”": '"', "！": "!", "？": "?"})


def ascii_punctuation(text: str, year: int) -> str:
    """Full-width punctuation turned into ASCII (the full stop 。 stays, as in real copies)."""
    return text.translate(_ASCII)


def ideographic_spaces(text: str, year: int) -> str:
    """Each line indented with two ideographic spaces; one after each heading number."""
    out = []
    for line in _lines(text):
        if not line.strip():
            out.append(line)
            continue
        t = _MARKER.sub(lambda m: m["marker"] + "\u3000", line.strip(), count=1)
        out.append("\u3000\u3000" + t)
    return "\n".join(out)


def web_copy(text: str, year: int) -> str:
    """The worst real case: page chrome and a date widget, then the whole page on one line."""
    return one_line(date_widget(web_chrome(text, year), year), year)


TRANSFORMS: dict[str, Callable[[str, int], str]] = {
    "one_line": one_line,
    "split_markers": split_markers,
    "web_chrome": web_chrome,
    "date_widget": date_widget,
    "date_widget_in_title": date_widget_in_title,
    "strip_numbers": strip_numbers,
    **{f"generic:{form}": generic_heading(form) for form in GENERIC_HEADINGS},
    "year_in_first_sentence": year_in_first_sentence,
    "split_title": split_title,
    "ascii_punctuation": ascii_punctuation,
    "ideographic_spaces": ideographic_spaces,
    "web_copy": web_copy,
}
