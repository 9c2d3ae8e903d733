"""The raw text of a copied report → clean paragraphs, and the page chrome that was dropped.

Real copies of a published report are damaged: the page copied as one line, list markers
broken over lines ("一" / "是"), breadcrumbs, publish times, share buttons, view counts,
"来源：…", "附件下载", "打印本页 关闭窗口", date widgets of some other day, ideographic spaces.
:func:`clean_text` undoes that damage before anything else reads the text:

    cleaned = clean_text(raw)
    cleaned.paragraphs     # [Paragraph(text, line, part_heading), …]
    cleaned.dropped        # [Dropped("导航路径", "当前位置：首页 › …"), …]
    cleaned.metadata       # {"发文日期": "2025-01-17", …} from a page's header table
    cleaned.published      # the page's publish date (a weak year hint, never used alone)

Headings are found by their markers and their words, not by line starts: a part heading
inside a run of text ends at its last heading word ("…第一责任人职责情况2024年，…" splits
after 情况), and a part heading without a number, or ending in "。" or "：", is still marked
(``part_heading``) so that the recogniser takes it. Which part a heading names stays the
recogniser's business (drafter.recognise); the patterns here only find where headings are.
The patterns are data: templates/reading.yaml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..datafile import load_data

_SPACES = " \t\u3000\u00a0\ufeff\u200b\u2002\u2003\u2009"
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_NUMERAL = "一二三四五六七八九十"


@dataclass(frozen=True)
class Paragraph:
    """A clean paragraph. ``style`` lets the recogniser take a word-found part heading."""

    text: str
    line: int | None = None  # the source line it starts on
    part_heading: bool = False  # a part heading found by its words (it may have no number)

    @property
    def style(self) -> str | None:
        return "heading 1" if self.part_heading else None


@dataclass(frozen=True)
class Dropped:
    label: str  # 导航路径, 发布时间, 分享按钮 … (templates/reading.yaml)
    text: str
    line: int | None = None


@dataclass
class Cleaned:
    paragraphs: list[Paragraph] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    published: dt.date | None = None
    joined_markers: int = 0  # "一\n是" repaired

    @property
    def texts(self) -> list[str]:
        return [p.text for p in self.paragraphs]


# ------------------------------------------------------------------------------ the rules


@dataclass(frozen=True)
class _Chrome:
    label: str
    where: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Rules:
    chrome: tuple[_Chrome, ...]
    catalogue_head: re.Pattern[str]
    metadata: re.Pattern[str]
    metadata_rows: re.Pattern[str]
    published: re.Pattern[str]
    split12: re.Pattern[str]
    split3: re.Pattern[str]
    level1_at: re.Pattern[str]
    level2_in: re.Pattern[str]
    heading_end: re.Pattern[str]
    heading_goes_on: re.Pattern[str]
    heading_max: int
    starts: re.Pattern[str]
    starts_here: re.Pattern[str]
    ends_heading: re.Pattern[str]
    generic: re.Pattern[str]
    title: re.Pattern[str]
    title_must: re.Pattern[str]
    title_names: re.Pattern[str]
    closing: re.Pattern[str]
    tail_date: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_data("reading.yaml")
    seg = data["segments"]
    l1, l2, l3 = seg["level1"], seg["level2"], seg["level3"]
    after12 = re.escape(seg["after_level12"])
    after3 = re.escape(seg["after_level3"])
    ends = seg["heading_ends"]
    starts = "|".join(f"(?:{p})" for p in seg["unnumbered_starts"])
    fields = data["catalogue_fields"]

    def expand(pattern: str) -> str:
        return pattern.replace("{catalogue_fields}", fields)

    return _Rules(
        chrome=tuple(_Chrome(c["label"], c["where"], re.compile(expand(c["pattern"]))) for c in data["chrome"]),
        catalogue_head=re.compile(expand(data["catalogue_head"])),
        metadata=re.compile(data["metadata"]),
        metadata_rows=re.compile(data["metadata_rows"]),
        published=re.compile(data["published"]),
        # A marker after a sentence end (the lookbehind) starts a new paragraph.
        split12=re.compile(rf"(?<=[{after12}])[{_SPACES}]*(?=(?:{l1}|{l2})[^\n])"),
        split3=re.compile(rf"(?<=[{after3}])[{_SPACES}]*(?={l3}[{_CJK}（(“])"),
        level1_at=re.compile(rf"^(?:{l1})"),
        level2_in=re.compile(rf"(?:{l2})(?=[^\n])"),
        heading_end=re.compile(rf"(?:{ends})"),
        heading_goes_on=re.compile(rf"{seg['heading_goes_on']}(?:{ends}|{seg['heading_goes_on_to']})"),
        heading_max=int(seg["heading_max_chars"]),
        starts=re.compile(rf"(?<=[{after12}])[{_SPACES}]*(?=(?:{starts}))"),
        starts_here=re.compile(rf"(?:{starts})"),
        ends_heading=re.compile(rf"(?:{ends}|{seg['heading_goes_on_to']})$"),
        generic=re.compile(seg["generic_part_headings"]),
        title=re.compile(seg["title"]),
        title_must=re.compile(seg["title_must"]),
        title_names=re.compile(seg["title_names"]),
        closing=re.compile(rf"(?<=[。！？!?])(?={seg['closing']}$)"),
        tail_date=re.compile(rf"^(?P<sig>[^。，,；;：:\n]{{2,40}}?)(?P<date>{seg['date']})$"),
    )


# ------------------------------------------------------------------------------ cleaning


def clean_text(raw: str) -> Cleaned:
    """Clean the whole text of a copied report (a .txt or .md file's content)."""
    rules = _rules()
    out = Cleaned()
    text = _normalise(raw)
    text = _drop_chrome(text, rules, out)
    text, out.joined_markers = _join_markers(text)
    for number, line in _numbered_lines(text):
        for piece in _segment(line, rules):
            out.paragraphs.append(_paragraph(piece, number, rules))
    _split_title(out, rules)
    _split_tail(out, rules)
    return out


def clean_paragraphs(paragraphs: list[Any]) -> Cleaned:
    """Clean paragraphs read from a file (objects with ``text`` and optionally ``line``).

    Their line numbers are kept: the text is cleaned as one, then each clean paragraph is
    given the line of the source paragraph it starts in.
    """
    return _cleaned_with_sources(paragraphs)[0]


def _cleaned_with_sources(paragraphs: list[Any]) -> tuple[Cleaned, list[int | None]]:
    """`clean_paragraphs`, and the index in `paragraphs` of the one each clean paragraph starts
    in. A paragraph with line breaks in it (a title over two lines) is several lines of the
    text cleaned as one: the lines after it still belong to the paragraphs they came from."""
    texts = [str(getattr(p, "text", p) or "") for p in paragraphs]
    # as _normalise counts lines: \r\n, \r and \n each end one
    origin = [i for i, text in enumerate(texts) for _ in range(text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1)]

    def source_of(line: int | None) -> int | None:
        return origin[line - 1] if line and line <= len(origin) else None

    cleaned = clean_text("\n".join(texts))
    starts = [source_of(p.line) for p in cleaned.paragraphs]
    numbers = [getattr(p, "line", None) for p in paragraphs]
    if any(n is not None for n in numbers):
        cleaned.paragraphs = [Paragraph(p.text, None if i is None else numbers[i], p.part_heading)
                              for p, i in zip(cleaned.paragraphs, starts)]
        cleaned.dropped = [Dropped(d.label, d.text, None if (i := source_of(d.line)) is None else numbers[i])
                           for d in cleaned.dropped]
    return cleaned, starts


def clean_source(paragraphs: list[Any]) -> Cleaned:
    """Clean the paragraphs of a read source (drafter.textsource). A paragraph the cleaning
    leaves as it was keeps its source object (a .docx paragraph keeps its style, runs and
    alignment), and so does each line of one with line breaks in it (with the runs of that
    line); a new or changed one is a :class:`Paragraph`."""
    cleaned, starts = _cleaned_with_sources(paragraphs)
    unused: dict[str, list[Any]] = {}
    for p in paragraphs:
        unused.setdefault(str(getattr(p, "text", p) or "").strip(_SPACES), []).append(p)
    out = []
    for p, start in zip(cleaned.paragraphs, starts):
        same = unused.get(p.text)
        original = same.pop(0) if same else _narrowed_to_line(paragraphs[start], p.text) if start is not None else None
        if original is None:
            out.append(p)
            continue
        marked = getattr(original, "style", None) or getattr(original, "auto_numbered", False)
        if p.part_heading and not marked and dataclasses.is_dataclass(original):
            original = dataclasses.replace(original, style=p.style)
        out.append(original)
    cleaned.paragraphs = out
    return cleaned


def _narrowed_to_line(source: Any, text: str) -> Any:
    """The source paragraph narrowed to its line `text` (with that line's runs), when it has
    line breaks and `text` is one of its lines; None otherwise."""
    whole = getattr(source, "text", None)
    if not dataclasses.is_dataclass(source) or not whole or "\n" not in whole:
        return None
    runs = getattr(source, "runs", ())
    exact = "".join(run.text for run in runs) == whole  # the runs' offsets are the text's
    start = 0
    for line in whole.split("\n"):
        if line.strip(_SPACES) == text:
            kept = tuple(dataclasses.replace(run, text=piece) for run, piece in _pieces(runs, start, start + len(line))
                         if piece) if exact else runs
            return dataclasses.replace(source, text=text, runs=kept)
        start += len(line) + 1
    return None


def _pieces(runs: Any, start: int, end: int):
    """(run, the part of its text within start..end of the paragraph) for each run."""
    at = 0
    for run in runs:
        yield run, run.text[max(start - at, 0):max(end - at, 0)]
        at += len(run.text)


def _normalise(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\u200b", "")
    # An ideographic or no-break space between Chinese characters or digits is layout, not text.
    text = re.sub(rf"(?<=[{_CJK}\d，。：；、）》”])[\u3000\u00a0]+(?=[{_CJK}\d（《“])", "", text)
    return "\n".join(line.strip(_SPACES) for line in text.split("\n"))


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip(_SPACES)]


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _drop_chrome(text: str, rules: _Rules, out: Cleaned) -> str:
    """Cut every chrome fragment out of the text (its line breaks stay: line numbers hold)."""
    for key, value in rules.metadata.findall(text + "|"):
        if value:
            out.metadata.setdefault(key, value)
    for m in rules.metadata_rows.finditer(text):
        if m["value"]:
            out.metadata.setdefault(re.sub(r"\s", "", m["key"]), m["value"])
    first = text.find("。")
    last = text.rfind("。")
    head_end = first if first != -1 else len(text)
    foot_start = last + 1 if last != -1 else len(text)
    spans: list[tuple[int, int, str]] = []
    for chrome in rules.chrome:
        for m in chrome.pattern.finditer(text):
            start, end = m.span()
            if end <= start or not m.group(0).strip(_SPACES):
                continue
            if chrome.where == "edges" and not (end <= head_end or start >= foot_start):
                continue
            if chrome.where == "foot" and start < foot_start:
                continue
            if any(a <= start < b or a < end <= b for a, b, _ in spans):
                continue
            spans.append((start, end, chrome.label))
    spans.sort()
    chars = list(text)
    for start, end, label in spans:
        fragment = text[start:end].strip(_SPACES + "\n")
        out.dropped.append(Dropped(label, fragment, _line_of(text, start)))
        m = rules.published.search(fragment)
        if m and out.published is None:
            out.published = _date(m["date"])
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = ""
    if out.published is None:
        for key in ("发文日期", "发布日期", "成文日期"):
            if key in out.metadata:
                out.published = _date(out.metadata[key])
                break
    return "\n".join(line.strip(_SPACES) for line in "".join(chars).split("\n"))


def _date(text: str) -> dt.date | None:
    """"2025-03-07", "2025/3/7", "2025年3月7" → the date (drafter.recognise reads it)."""
    from ..dates import parse_date

    return parse_date(re.sub(r"\s*[/.年月]\s*", "-", text.strip()).rstrip("-日"))


_BROKEN_ALONE = re.compile(rf"(?P<before>[^\n]?)\n(?P<num>[{_NUMERAL}]{{1,3}})\n(?=是)")
_BROKEN_END = re.compile(rf"(?<=[。；;，,：:！？!?）)”\s])(?P<num>[{_NUMERAL}]{{1,3}})\n(?=是)")


def _join_markers(text: str) -> tuple[str, int]:
    """"一\n是" back to "一是"; a numeral alone on its line joins the line before too, unless
    that line ends a sentence."""
    count = 0

    def alone(m: re.Match) -> str:
        nonlocal count
        count += 1
        before = m["before"]
        keep = "\n" if not before or before in "。！？!?" else ""
        return f"{before}{keep}{m['num']}"

    text = _BROKEN_ALONE.sub(alone, text)

    def end(m: re.Match) -> str:
        nonlocal count
        count += 1
        return m["num"]

    return _BROKEN_END.sub(end, text), count


# ------------------------------------------------------------------------------ segments


def _segment(line: str, rules: _Rules) -> list[str]:
    """Split a line where a heading starts inside it, and after a part heading's last word."""
    cuts = {0, len(line)}
    for regex in (rules.split12, rules.split3, rules.starts):
        for m in regex.finditer(line):
            cuts.add(m.end())
    pieces = []
    bounds = sorted(cuts)
    for a, b in zip(bounds, bounds[1:]):
        piece = line[a:b].strip(_SPACES)
        if piece:
            pieces += _split_heading_end(piece, rules)
    return pieces


def _split_heading_end(piece: str, rules: _Rules) -> list[str]:
    """"一、…职责情况2024年，…" → ["一、…职责情况", "2024年，…"]: a part heading (numbered
    一、 or found by its words) followed by body text with no full stop between."""
    numbered = rules.level1_at.match(piece)
    head_start = numbered.end() if numbered else 0
    if not numbered and not rules.starts_here.match(piece):
        return [piece]
    window = piece[: head_start + rules.heading_max]
    m = rules.heading_end.search(window, head_start)
    stop = re.search(r"[。！？!?：:；;]", window[head_start:])
    stop_at = head_start + stop.start() if stop else None
    # "一、以思想引领为先导，在深学笃行中凝聚法治共识（一）强化…": a thematic part heading, then
    # its first sub-heading, with no full stop between
    sub = rules.level2_in.search(window, head_start + 1) if numbered else None
    if sub is not None and (stop_at is None or sub.start() < stop_at):
        return [piece[: sub.start()].rstrip(_SPACES), piece[sub.start():]]
    if m is None:
        return [piece]
    end = m.end()
    while True:
        more = rules.heading_goes_on.match(piece, end)
        if more is None or more.end() > head_start + rules.heading_max:
            break
        end = more.end()
    if stop_at is not None and stop_at <= end:
        return [piece]  # "…情况。正文": the recogniser splits a run-in body at its full stop
    rest = piece[end:].strip(_SPACES + "，,")
    if not rest:
        return [piece]
    return [piece[:end], rest]


def _paragraph(text: str, line: int, rules: _Rules) -> Paragraph:
    """A paragraph; a short one naming a part is marked as a part heading, its end mark
    "。"/"：" dropped. Unnumbered, it must also end in a heading word, and when it ends in
    "。" read like a heading from its first words on (a sentence such as "中心主要负责人作为
    第一责任人，…职责。" names a part too)."""
    bare = text.rstrip("。.：:")
    numbered = rules.level1_at.match(bare)
    inner = bare[numbered.end():].strip(_SPACES) if numbered else bare
    if not inner or len(inner) > rules.heading_max or re.search(r"[。！？!?；;：:]", inner):
        return Paragraph(text, line)
    if rules.generic.match(inner):
        return Paragraph(bare, line, part_heading=not numbered)
    if numbered:
        return Paragraph(bare, line) if _names_part(inner) else Paragraph(text, line)
    if _RUN_START.match(inner) or not rules.ends_heading.search(inner):
        return Paragraph(text, line)
    if bare != text and not rules.starts_here.match(inner):
        return Paragraph(text, line)
    return Paragraph(bare, line, part_heading=True) if _names_part(inner) else Paragraph(text, line)


_RUN_START = re.compile(rf"^[{_NUMERAL}]{{1,3}}是")


def _names_part(text: str) -> bool:
    from ..recognise import structure_patterns

    return bool(structure_patterns().classify(text, strict=True))


_CRUMB = "导航路径"  # the breadcrumb's label in templates/reading.yaml
_PAGE_HEADING = "网页标题"
_CATALOGUE = "信息公开目录"


def _repeats(heading: str, title: str) -> bool:
    """The page's heading (the site's name may stand before it) is the title again."""
    def key(text: str) -> str:
        return re.sub(rf"[{_SPACES}]", "", text).replace("年度", "年")

    return len(key(title)) >= 6 and key(heading).endswith(key(title))


def _split_title(out: Cleaned, rules: _Rules) -> None:
    """The title of a one-line copy runs into the opening: cut it off at its 报告."""
    if not out.paragraphs:
        return
    first = out.paragraphs[0]
    text = first.text
    head = rules.catalogue_head.match(text)
    if head is not None:  # a one-line copy's catalogue rows, run into its title
        out.dropped.append(Dropped(_CATALOGUE, head[0].strip(_SPACES), first.line))
        text = text[head.end():].strip(_SPACES)
        first = out.paragraphs[0] = Paragraph(text, first.line)
    m = rules.title.match(text)
    if m is None or not rules.title_must.search(m["title"]):
        return
    # "首页 > 信息公开年度报告某局关于2024年法治政府建设情况的报告…": the breadcrumb's last
    # step (a channel name ending in 报告) runs into the real title, which names 法治.
    then = rules.title.match(text[m.end():])
    if then and rules.title_names.search(then["title"]) and not rules.title_names.search(m["title"]):
        out.dropped.append(Dropped(_CRUMB, m["title"], first.line))
        text = text[m.end():]
        m = then
    # "××市人民政府 ××区2023年度…报告 ××区2023年度…报告2023年，…": the site's name and the
    # page's heading run into the title they repeat; the title is the second copy.
    again = rules.title.match(text[m.end():].lstrip(_SPACES))
    if again and _repeats(m["title"], again["title"]):
        out.dropped.append(Dropped(_PAGE_HEADING, m["title"], first.line))
        text = text[m.end():].lstrip(_SPACES)
        m = again
    rest = text[m.end():].strip(_SPACES)
    if not rest or len(rest) < 10:
        return
    # the rest is segmented again: "…报告一、…成效（一）…" had no sentence end before its 一、
    out.paragraphs[0:1] = [Paragraph(m["title"], first.line)] + [
        _paragraph(piece, first.line, rules) for piece in _segment(rest, rules)]


def _split_tail(out: Cleaned, rules: _Rules) -> None:
    """"…保障。特此报告。" and "…中心2025年2月28日" at the end: closing, signature and date."""
    if not out.paragraphs:
        return
    last = out.paragraphs[-1]
    text = last.text
    pieces: list[str] = []
    cut = text.rfind("。")
    tail = text[cut + 1:] if cut != -1 else ""
    if cut != -1 and tail:
        m = rules.tail_date.match(tail)
        if m:
            text = text[: cut + 1]
            pieces = [m["sig"].strip(_SPACES), m["date"]]
    m = rules.closing.search(text)
    if m and m.start() > 0:
        pieces = [text[m.start():]] + pieces
        text = text[: m.start()]
    if pieces:
        out.paragraphs[-1:] = [Paragraph(text.strip(_SPACES), last.line)] + [Paragraph(p, last.line) for p in pieces if p]
