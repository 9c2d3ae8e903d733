"""`drafter import`: an existing report (.docx, .txt, .md) → an answers file.

    result = import_report("2024年报告.docx")
    result.report            # a validated drafter.model.Report
    result.data              # the answers YAML (ruamel, with review comments)
    write_answers(result, "answers/2024.yaml", force=False)

The parts, headings, title, signature, date and web-page noise come from the recogniser shared
with `drafter check` (drafter.recognise); this module decides where each piece of text goes in
the answers model:

- part 1 is split at its （一） headings, else at "1." headings, else at lead sentences (short,
  or bold in a .docx) and paragraphs numbered 一是…; each topic goes to the catalogue topic its
  heading, text and figures score best for (templates/import_patterns.yaml), else stays custom;
- points inside a topic, the 第一责任人 part and part 5 become items ("一是…二是…" runs and
  "1、" sub-points split, a short first sentence becomes the item's title);
- shortcomings become problem / cause pairs and plans title / text pairs; a pair without its
  second half gets a visible "（待补写…）" placeholder, and the review says so;
- figures come from part 1 and part 3 only (drafter.importing.figures); those in parts 2 and 4 are
  named in the review, not imported (there they are problems and targets).

Nothing is dropped. Text that fits nowhere (a part's lead-in, a closing "总之…" paragraph, a part
that names no known part) goes to a custom topic titled “待整理” at the end of part 1, each piece
with a comment naming where it came from. The only sentences left out of the text are drafter's
own figure sentences, which rendering the imported figures writes again word for word. A
hand-written sentence a figure was taken from stays in the text, so a draft rendered straight
from the import says that figure twice: the review asks the clerk to keep one.

What the clerk must check is written three times: as comments in the answers file (a header
listing everything, the source sentence next to each figure, the origin of each 待整理 item, how
each topic was mapped), in the summary printed after the import (drafter.importing.output), and in
`ImportResult.review` for callers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from .output import PART_LABELS, print_summary, write_answers

_STYLE_LEVEL = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_STYLE_NAMED = {"二级标题": 2, "三级标题": 3, "四级标题": 4}


# ============================================================================ results


@dataclass
class ItemDraft:
    title: str | None
    text: str
    origin: str = ""  # for 待整理: where the text came from


@dataclass
class TopicDraft:
    title: str | None
    items: list[ItemDraft] = field(default_factory=list)
    key: str = "custom"
    how: str = ""  # how the catalogue topic was chosen (a review comment)
    figures: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportResult:
    """Everything `drafter import` found, for the summary and the tests."""

    source: Path
    report: Any  # drafter.model.Report
    data: Any  # ruamel CommentedMap with review comments
    structure: Any  # drafter.recognise.Structure
    parts_found: list[str]  # part kinds in the order found
    topics: list[tuple[str, str, str]]  # (key, heading, how)
    findings: list[Any]  # drafter.importing.figures.Finding
    stated_rates: list[Any]  # drafter.importing.figures.StatedRate
    review: list[str]  # what the clerk must check, in Chinese
    unclassified: list[ItemDraft]
    body_chars: int
    kept_chars: int
    lost: list[str]  # body sentences not found in the answers (should be empty)
    punctuation_fixed: int
    seconds: float = 0.0

    @property
    def kept_ratio(self) -> float:
        return self.kept_chars / self.body_chars if self.body_chars else 1.0

    @property
    def extracted(self) -> list[Any]:
        return [f for f in self.findings if f.status == "extracted"]


# ============================================================================ the importer


def import_report(path: str | Path, *, year: int | None = None) -> ImportResult:
    """Read a report and turn it into a validated answers model; UserError on bad input."""
    import time

    started = time.perf_counter()
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        raise UserError(f"{path.name} 已经是答卷文件，不需要导入：可直接用 drafter render {path} 生成草稿。")
    from ..recognise import recognise
    from ..textsource import read_source

    source = read_source(path)
    paragraphs, fixed = _restore_punctuation(source.paragraphs)
    structure = recognise(paragraphs, year=year)
    if not structure.parts:
        raise UserError(
            f"无法导入 {path.name}：没有找到报告的任何部分（如“一、推进法治政府建设的主要举措和成效”）。"
            "请确认这是法治政府建设年度报告，各部分标题单独成段。"
        )
    if structure.year is None:
        raise UserError(f"无法导入 {path.name}：标题和正文中都没有找到报告年度，请用 --year 指定（如 --year 2024）。")
    builder = _Builder(path, structure)
    result = builder.build()
    result.punctuation_fixed = fixed
    if fixed:
        result.review.append(f"已将 {fixed} 处半角标点恢复为全角（，：；（）“”等），请顺带核对")
    result.seconds = time.perf_counter() - started
    return result


def _restore_punctuation(paragraphs: list) -> tuple[list, int]:
    from .text import restore_fullwidth

    out, total = [], 0
    for p in paragraphs:
        text, changes = restore_fullwidth(p.text)
        total += changes
        out.append(dataclasses.replace(p, text=text) if changes else p)
    return out, total


@dataclass
class _Block:
    """A paragraph of a part, as the importer reads it."""

    text: str
    heading: Any = None  # drafter.recognise.Heading (level ≥ 2) or None
    bold: int = 0  # characters of bold text at its start (.docx)


@dataclass
class _Entry:
    """A point inside a part: an optional lead and its text."""

    title: str | None
    text: str
    kind: str  # heading | run | ordinal | lead | intro | plain
    absorb: bool = False  # a heading without run-in text takes the paragraphs after it


class _Builder:
    def __init__(self, path: Path, structure: Any) -> None:
        from .figures import import_patterns
        from .text import LeadRules

        self.path = path
        self.structure = structure
        self.patterns = import_patterns()
        self.raw = self.patterns.raw
        self.lead_rules = LeadRules(**self.raw["lead_sentence"])
        self.year: int = structure.year
        self.review: list[str] = []
        self.topics: list[TopicDraft] = []
        self.duty: list[ItemDraft] = []
        self.shortcomings: list[tuple[str, str]] = []
        self.plans: list[tuple[str, str]] = []
        self.other: list[ItemDraft] = []
        self.unclassified: list[ItemDraft] = []
        self.part_order: list[str] = []
        self.structural: set[str] = set()  # sub-headings that only divide a combined part
        # How the points of part 1, part 3 and part 5 were written: "一是…二是…" in one
        # paragraph (run) or a paragraph each; one vote per topic with two points or more.
        self.run_votes = {"run": 0, "paragraphs": 0}
        self.placeholders: list[str] = []
        self.keep_title: str | None = None  # the original title, when drafter's differs

    # ------------------------------------------------------------------ blocks and entries

    def _blocks(self, part: Any) -> list[_Block]:
        """The part's paragraphs; a heading that lost its number (Word numbering, a heading
        style, or a short line without punctuation before a paragraph) counts as one."""
        blocks = []
        head = part.heading.heading if part.heading is not None else None
        if head is not None and head.body:  # "一、…。正文…" run in after a part heading
            blocks.append(_Block(head.body))
        paragraphs = part.paragraphs
        numbered2 = any(p.heading is not None and p.heading.level == 2 for p in paragraphs)
        for index, p in enumerate(paragraphs):
            heading = p.heading
            if heading is None:
                following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
                heading = _unnumbered_heading(p, following, level=3 if numbered2 else 2)
            bold = _bold_prefix(p.source)
            blocks.append(_Block(p.text, heading=heading, bold=bold))
        return blocks

    def _entries(self, blocks: list[_Block]) -> list[_Entry]:
        from .text import leading_run_number, split_run, strip_leading_run

        entries: list[_Entry] = []
        for block in blocks:
            h = block.heading
            if h is not None:
                entries.append(_Entry(h.text, h.body, "heading", absorb=not h.body))
                continue
            text = block.text
            if entries and entries[-1].absorb and leading_run_number(text) is None:
                last = entries[-1]
                last.text = f"{last.text}\n{text}" if last.text else text
                continue
            if entries:
                entries[-1].absorb = False
            run = split_run(text)
            if run is not None and not run[0]:
                entries += [self._point(item, "run") for item in run[1]]
                continue
            if leading_run_number(text) is not None:
                entries.append(self._point(strip_leading_run(text), "ordinal"))
                continue
            lead = self._lead(text, block.bold)
            if lead is not None:
                entries.append(_Entry(lead[0], lead[1], "lead"))
            elif run is not None:
                entries.append(_Entry(None, run[0], "intro"))
                entries += [self._point(item, "run") for item in run[1]]
            else:
                entries.append(_Entry(None, text, "plain"))
        return entries

    def _lead(self, text: str, bold: int = 0) -> tuple[str, str] | None:
        """A lead sentence, but never one of drafter's figure sentences ("全年无行政复议…")."""
        from .figures import match_wording
        from .text import split_lead

        lead = split_lead(text, self.lead_rules, bold)
        if lead is not None and match_wording(lead[0] + "。") is not None:
            return None
        return lead

    def _vote(self, entries: list[_Entry]) -> None:
        if len(entries) < 2:
            return
        run = sum(1 for e in entries if e.kind == "run")
        self.run_votes["run" if run > len(entries) - run else "paragraphs"] += 1

    def _point(self, text: str, kind: str) -> _Entry:
        from .text import tidy_end

        text = tidy_end(text)
        lead = self._lead(text)
        if lead is not None:
            return _Entry(lead[0], lead[1], kind)
        return _Entry(None, text, kind)

    # ------------------------------------------------------------------ parts

    def _part(self, part: Any) -> None:
        kinds = [k for k in part.kinds]
        blocks = self._blocks(part)
        heading_text = part.title
        closing = re.compile(self.raw["closing_summary"])
        if part is self.structure.parts[-1] and blocks and blocks[-1].heading is None and closing.match(blocks[-1].text):
            summary = blocks.pop()
            self._unclassify(summary.text, f"原“{heading_text}”部分结尾的总结段")
        if not kinds:
            for block in blocks:
                self._unclassify(block.text, f"原“{heading_text}”部分（未能识别是哪一部分）")
            self.review.append(f"部分“{heading_text}”未能识别，其内容已放入“待整理”")
            return
        if len(kinds) > 1:
            self._combined(part, kinds, blocks, heading_text)
            return
        self._dispatch(kinds[0], blocks, heading_text)

    def _dispatch(self, kind: str, blocks: list[_Block], heading_text: str) -> None:
        if kind not in self.part_order:
            self.part_order.append(kind)
        handler = {
            "measures": self._measures,
            "duty": self._duty,
            "shortcomings": self._shortcomings,
            "plans": self._plans,
            "other": self._other,
        }[kind]
        handler(blocks, heading_text)

    def _combined(self, part: Any, kinds: list[str], blocks: list[_Block], heading_text: str) -> None:
        """"三、存在的问题和下一步打算": split at its sub-headings that name one of the parts."""
        from ..recognise import load_rules

        rules = load_rules()
        current = kinds[0]
        chunk: list[_Block] = []
        chunks: list[tuple[str, list[_Block]]] = []
        for block in blocks:
            named = rules.classify(block.heading.text) if block.heading is not None else ()
            named = tuple(k for k in named if k in kinds)
            if len(named) == 1 and not block.heading.body:
                self.structural.add(block.heading.text)
                if chunk:
                    chunks.append((current, chunk))
                current, chunk = named[0], []
                continue
            chunk.append(block)
        if chunk:
            chunks.append((current, chunk))
        for kind, chunk_blocks in chunks:
            self._dispatch(kind, chunk_blocks, heading_text)
        for kind in kinds:
            if kind not in self.part_order:
                self.part_order.append(kind)
        self.review.append(f"“{heading_text}”一节包含{'、'.join(PART_LABELS[k] for k in kinds)}，已按其小标题拆分，请核对")

    def _unclassify(self, text: str, origin: str) -> None:
        if text.strip():
            self.unclassified.append(ItemDraft(None, text.strip(), origin))

    # measures --------------------------------------------------------------

    def _measures(self, blocks: list[_Block], heading_text: str) -> None:
        from .text import leading_run_number, split_run, strip_leading_run

        level2 = [b for b in blocks if b.heading is not None and b.heading.level == 2]
        level3 = [b for b in blocks if b.heading is not None and b.heading.level == 3]
        boundary_level = 2 if level2 else (3 if len(level3) >= 2 else None)
        topics: list[tuple[str | None, list[_Block]]] = []
        intro: list[_Block] = []
        if boundary_level is not None:
            for block in blocks:
                if block.heading is not None and block.heading.level == boundary_level:
                    body = [_Block(block.heading.body)] if block.heading.body else []
                    topics.append((block.heading.text, body))
                elif topics:
                    topics[-1][1].append(block)
                else:
                    intro.append(block)
        else:
            # No sub-headings: a bold or short lead sentence, or a paragraph numbered 一是…,
            # starts a topic (the sanitation-centre report is written this way). Text before
            # the first one is a lead-in; with none at all, each paragraph is a topic.
            starts = []
            for block in blocks:
                text = block.text
                run = split_run(text)
                if run is not None and not run[0]:
                    pieces = [self._lead(item) or (None, item) for item in run[1]]
                    starts.append(pieces)
                    continue
                numbered = leading_run_number(text) is not None
                if numbered:
                    text = strip_leading_run(text)
                lead = self._lead(text, block.bold)
                if lead is not None:
                    starts.append([lead])
                elif numbered:
                    starts.append([(None, text)])
                else:
                    starts.append(None)
            any_start = any(s is not None for s in starts)
            for block, start in zip(blocks, starts):
                if start is not None:
                    topics += [(title, [_Block(rest)]) for title, rest in start]
                elif not any_start:
                    topics.append((None, [block]))
                elif topics:
                    topics[-1][1].append(block)
                else:
                    intro.append(block)
        for block in intro:
            self._unclassify(block.text, f"原“{heading_text}”部分开头")
        for title, topic_blocks in topics:
            draft = TopicDraft(title=title)
            entries = self._entries(topic_blocks)
            self._vote(entries)
            for entry in entries:
                if entry.text or entry.title:
                    draft.items.append(ItemDraft(entry.title, entry.text))
            self.topics.append(draft)

    # duty and other ----------------------------------------------------------

    def _items(self, blocks: list[_Block]) -> list[ItemDraft]:
        out = []
        entries = self._entries(blocks)
        self._vote(entries)
        for entry in entries:
            if entry.text:
                out.append(ItemDraft(entry.title, entry.text))
            elif entry.title:
                out.append(ItemDraft(None, entry.title))
        return out

    def _duty(self, blocks: list[_Block], heading_text: str) -> None:
        self.duty += self._items(blocks)

    def _other(self, blocks: list[_Block], heading_text: str) -> None:
        self.other += self._items(blocks)

    # shortcomings and plans --------------------------------------------------

    def _pairs(self, blocks: list[_Block], heading_text: str, *, plan: bool) -> list[tuple[str, str]]:
        """(problem, cause) or (title, text) pairs; lead-ins go to 待整理, continuations stay."""
        from .text import first_clause, split_sentences

        entries = self._entries(blocks)
        structured = [e for e in entries if e.kind in ("heading", "run", "ordinal", "lead")]
        missing = self.raw["missing"]["plan_text" if plan else "cause"]
        pairs: list[list[str]] = []
        for entry in entries:
            if entry.kind in ("intro", "plain") and structured:
                if pairs:
                    pairs[-1][1] = f"{pairs[-1][1]}\n{entry.text}" if pairs[-1][1] else entry.text
                else:
                    self._unclassify(entry.text, f"原“{heading_text}”部分开头")
                continue
            title, text = entry.title, entry.text
            if not title:
                sentences = split_sentences(text, "。！？")
                if len(sentences) > 1:
                    title, text = sentences[0].rstrip("。！？"), "".join(sentences[1:])
                else:
                    clause = first_clause(text) if plan else None
                    if clause is not None:
                        title, text = clause
                    else:
                        title, text = text.rstrip("。；;，,"), ""
            if not text.strip():
                text = missing
                self.placeholders.append(f"{PART_LABELS['plans' if plan else 'shortcomings']}“{title}”")
            pairs.append([title, text])
        return [(a, b) for a, b in pairs]

    def _shortcomings(self, blocks: list[_Block], heading_text: str) -> None:
        self.shortcomings += self._pairs(blocks, heading_text, plan=False)

    def _plans(self, blocks: list[_Block], heading_text: str) -> None:
        self.plans += self._pairs(blocks, heading_text, plan=True)

    # ------------------------------------------------------------------ figures

    def _figures(self) -> tuple[list, list, dict]:
        """Extract figures from part 1 topics and the duty part.

        drafter's own figure sentences go first (they are what a drafter-made report says
        about its figures), then hand-written ones, each in the order of the document; a key
        found twice keeps its first figure. A drafter sentence whose figures were all taken
        leaves the text (rendering writes it again).
        """
        from .figures import extract
        from .text import split_sentences

        findings: list = []
        rates: list = []
        previous: dict[str, Any] = {}
        self.dropped: list[tuple[Any, str]] = []
        self.duty_figures: dict[str, Any] = {}
        places: list[tuple[Any, list[ItemDraft], dict[str, Any]]] = []
        for kind in self.part_order:
            if kind == "measures":
                places += [(("measures", i), t.items, t.figures) for i, t in enumerate(self.topics)]
            elif kind == "duty":
                places.append((("duty",), self.duty, self.duty_figures))
        # Pass 1: read every sentence once.
        read: list[tuple[Any, ItemDraft, list[list[tuple[str, Any]]], dict[str, Any]]] = []
        for where, items, figures in places:
            for item in items:
                lines = [[(sentence, extract(sentence)) for sentence in split_sentences(line)] for line in item.text.split("\n")]
                read.append((where, item, lines, figures))
        # Pass 2: drafter's sentences, then hand-written ones.
        taken: set[str] = set()
        for generated in (True, False):
            for where, item, lines, figures in read:
                for line in lines:
                    for sentence, result in line:
                        if result.generated is not generated:
                            continue
                        for finding in result.findings:
                            finding.where = where
                            if finding.key in taken:
                                same = any(f.key == finding.key and f.value == finding.value for f in findings)
                                finding.status = "same" if same else "duplicate"
                            else:
                                taken.add(finding.key)
                                figures[finding.key] = finding.value
                            findings.append(finding)
                        for rate in result.rates:
                            rate.where = where
                            rates.append(rate)
        # Pass 3: the texts, without the drafter sentences that rendering writes again.
        for where, item, lines, figures in read:
            kept_lines = []
            for line in lines:
                kept = []
                for sentence, result in line:
                    if result.generated and result.findings and all(f.status == "extracted" for f in result.findings):
                        previous.update(result.previous)
                        self.dropped.append((where, sentence))
                        continue
                    kept.append(sentence)
                if kept:
                    kept_lines.append("".join(kept))
            item.text = "\n".join(kept_lines)
            if not item.text and item.title:  # only figure sentences followed its lead
                item.text, item.title = item.title, None
        rank = {where: n for n, (where, _, _) in enumerate(places)}
        findings.sort(key=lambda f: rank[f.where])
        for topic in self.topics:
            topic.items = [i for i in topic.items if i.text]
        self.duty = [i for i in self.duty if i.text]
        return findings, rates, previous

    def _figures_elsewhere(self, findings: list) -> None:
        """Figures stated in parts 2 and 4 are not imported (part 2 names them as problems,
        part 4 as targets): listed for review, the sentences stay where they are."""
        from .figures import extract
        from .text import split_sentences

        texts = [(("shortcomings",), f"{p}。{c}") for p, c in self.shortcomings]
        texts += [(("plans",), f"{t}。{x}") for t, x in self.plans]
        for where, text in texts:
            for sentence in split_sentences(text):
                for finding in extract(sentence).findings:
                    finding.where = where
                    finding.status = "skipped"
                    finding.note = f"出现在“{PART_LABELS[where[0]]}”部分，未导入为数据"
                    findings.append(finding)

    # ------------------------------------------------------------------ topics

    def _map_topics(self) -> None:
        from ..catalogue import catalogue

        cat = catalogue()
        scoring = self.raw["topic_scoring"]
        specs = self.raw["topics"]
        used: set[str] = set()
        exact = {spec.title: key for key, spec in cat.topics.items()}
        for topic in self.topics:
            title = topic.title
            if title and title in exact and exact[title] not in used:
                topic.key, topic.title = exact[title], None
                topic.how = "标题与目录专题一致"
                used.add(topic.key)
                continue
            content = "".join(f"{i.title or ''}{i.text}" for i in topic.items)
            ranked = []
            for order, (key, spec) in enumerate(specs.items()):
                heading = sum(w for p, w in (spec.get("heading") or {}).items() if title and re.search(p, title))
                words = sum(1 for p in spec.get("content") or () if re.search(p, content))
                words = min(words, scoring["content_cap"])
                figures = scoring["figure_points"] * sum(1 for k in topic.figures if k in cat.topics[key].indicators)
                eligible = heading >= scoring["heading_min"] or words + figures >= scoring["content_min"]
                if eligible:
                    ranked.append((-(heading + words + figures), order, key, heading, figures))
            ranked.sort()
            choice = None
            for _, _, key, heading, figures in ranked:
                if key not in used:
                    choice = (key, heading, figures)
                break
            if choice is None:
                topic.key = "custom"
                if not title:
                    topic.title = self.raw["missing"]["topic_title"]
                    topic.how = "未能对应目录专题，原文没有标题：请拟写标题"
                    self.review.append(f"第一部分有一段没有标题、也未能对应目录专题，标题暂作“{topic.title}”")
                elif ranked:
                    topic.how = f"对应的目录专题“{cat.topics[ranked[0][2]].title}”已被前面的专题使用，保留为自拟专题"
                else:
                    topic.how = "未能对应目录专题，保留为自拟专题"
                continue
            key, heading, figures = choice
            topic.key = key
            used.add(key)
            basis = "标题" if heading >= scoring["heading_min"] else ("数据和正文" if figures else "正文")
            topic.how = f"按{basis}归入目录专题“{cat.topics[key].title}”"
            if not title:
                topic.title = None

    # ------------------------------------------------------------------ metadata

    def _metadata(self) -> dict[str, Any]:
        from ..wording import fill, wording

        s = self.structure
        words = wording()
        unit: dict[str, Any] = {}
        title = (s.title or "").replace("\n", "")
        name = None
        if title:
            drafter_title = fill("".join(words["title_lines"]), unit="\x00", year=self.year)
            m = re.fullmatch(re.escape(drafter_title).replace("\x00", "(?P<unit>.+?)"), title)
            if m:
                name = m["unit"]
            for pattern in self.raw["title_unit"]:
                if name:
                    break
                m = re.search(pattern, title)
                if m and m["unit"].strip():
                    name = m["unit"].strip()
            if title and title != fill("".join(words["title_lines"]), unit=name or "", year=self.year):
                self.review.append(f"原标题为“{title}”，草稿将按统一格式生成标题")
                self.keep_title = title
        signature = s.signature.text if s.signature is not None else None
        if not name and signature:
            name = signature
            self.review.append("单位名称取自落款，请核对")
        if not name and s.metadata.get("发布机构"):
            name = s.metadata["发布机构"]
            self.review.append("单位名称取自网页的“发布机构”，请核对")
        opening = s.opening[0].text if s.opening else ""
        if not name and opening:
            m = re.search(self.raw["opening_unit"], opening)
            if m:
                name = m["unit"]
                self.review.append(f"原文没有标题和落款，单位名称“{name}”取自开头段，请核对并写全称")
        if not name:
            name = "待填写单位名称"
            self.review.append("没有找到单位名称，请填写 unit.name")
        unit["name"] = name
        for pattern, kind in self.raw["unit_kinds"]:
            if re.search(pattern, name):
                unit["kind"] = kind
                break
        self.review.append(f"单位类型按名称推断为“{unit['kind']}”，请核对")
        # Opening: drafter's own wording gives superiors and the unit's own phrase back exactly.
        focus = None
        superiors = None
        own_opening = None
        if opening:
            m = _match_opening(words["opening"], opening)
            if m:
                superiors = m["superiors"]
                if m["focus"] != words["opening_focus_default"]:
                    focus = m["focus"]
            else:
                m = re.search(self.raw["superiors"], opening)
                if m:
                    superiors = m["superiors"]
                own_opening = opening
                self.review.append("原开头段已原样保留（opening），草稿沿用；删去 opening 即改用统一的开头")
        if not superiors:
            superiors = next((value for mark, value in self.raw["superiors_by_level"] if mark in name),
                             self.raw["superiors_default"])
            self.review.append(f"原文没有写明上级领导机关，暂填“{superiors}”，请核对 unit.superiors")
        unit["superiors"] = superiors
        if s.recipient is not None:
            unit["recipient"] = s.recipient.text.rstrip("：:")
        if signature and signature != name:
            unit["signatory"] = signature
        written = s.date_value
        if written is None:
            written = self._published_date()
        if written is not None:
            if dt.date(self.year, 12, 1) <= written <= dt.date(self.year + 1, 12, 31):
                unit["written_on"] = written
            else:
                self.review.append(f"日期 {written.isoformat()} 不在{self.year}年度报告的成文期内，未导入")
        else:
            self.review.append("原文没有成文日期，请填写 unit.written_on")
        meta: dict[str, Any] = {"unit": unit}
        if focus is not None:
            meta["opening_focus"] = focus
        if own_opening is not None:
            meta["opening"] = own_opening
        return meta

    def _published_date(self) -> dt.date | None:
        """The date a web page says it published the report (its 发文日期 row or 时间: line)."""
        from ..recognise import parse_date

        s = self.structure
        candidates = []
        if s.metadata.get("发文日期"):
            candidates.append(s.metadata["发文日期"])
        regex = re.compile(self.raw["published_date"])
        for p in s.ignored:
            m = regex.search(p.text)
            if m:
                candidates.append(m["date"])
        for text in candidates:
            value = parse_date(text.replace("/", "-").replace(".", "-"))
            if value is not None:
                self.review.append(f"成文日期取自网页发布日期 {value.isoformat()}，请核对")
                return value
        return None

    # ------------------------------------------------------------------ assembly

    def build(self) -> ImportResult:
        s = self.structure
        meta = self._metadata()
        for extra in s.opening[1:]:
            self._unclassify(extra.text, "原开头部分")
        for part in s.parts:
            self._part(part)
        findings, rates, previous = self._figures()
        self._map_topics()
        self._figures_elsewhere(findings)
        self._derive(findings)
        report = self._validate(self._assemble(meta, previous), findings)
        if self._restore_dropped(report):
            report = self._validate(self._assemble(meta, previous), findings)
        return self._result(report, findings, rates)

    def _derive(self, findings: list) -> list:
        from .figures import Finding

        out = []
        places = [(("measures", i), t.figures) for i, t in enumerate(self.topics)] + [(("duty",), self.duty_figures)]
        present = {k: (where, figs) for where, figs in places for k in figs}
        for key, parts in self.patterns.derive:
            if key in present or not all(p in present for p in parts):
                continue
            where, figures = present[parts[0]]
            value = sum(present[p][1][p] for p in parts)
            figures[key] = value
            finding = Finding(key, value, "", origin="derived", where=where,
                              note="由" + "、".join(_label(p) for p in parts) + "相加得出")
            findings.append(finding)
            out.append(finding)
        return out

    def _restore_dropped(self, report: Any) -> bool:
        """A drafter sentence left out of the text must come back when rendering: if the final
        figures do not write it again (a figure was dropped as inconsistent…), put it back."""
        from ..wording import figure_sentences

        regenerated = {sentence for _, sentence in figure_sentences(report.figures(), report.rates(), report.previous_figures)}
        restored = False
        for where, sentence in self.dropped:
            if sentence in regenerated:
                continue
            restored = True
            if where[0] == "measures":
                self.topics[where[1]].items.append(ItemDraft(None, sentence))
            else:
                self.duty.append(ItemDraft(None, sentence))
        self.dropped = [(w, s) for w, s in self.dropped if s in regenerated]
        return restored

    def _assemble(self, meta: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
        from ..model import MANDATORY_PARTS, REGULATION_ORDER

        missing = self.raw["missing"]
        topics = [t for t in self.topics]
        for topic in topics:
            if not topic.items and not topic.figures:
                topic.items.append(ItemDraft(None, missing["topic_text"]))
                self.placeholders.append(f"专题“{topic.title}”没有正文")
        measures = [
            {
                "key": t.key,
                **({"title": t.title} if t.title else {}),
                "items": [_item(i) for i in t.items],
                **({"figures": _ordered(t.figures)} if t.figures else {}),
            }
            for t in topics
        ]
        if self.unclassified:
            measures.append(
                {"key": "custom", "title": self.raw["unclassified_title"], "items": [i.text for i in self.unclassified]}
            )
        order = [k for k in self.part_order if k in ("measures", "shortcomings", "duty", "plans", "other")]
        for key in MANDATORY_PARTS:
            if key.value not in order:
                position = REGULATION_ORDER.index(key)
                before = [k.value for k in REGULATION_ORDER[:position]]
                index = max((order.index(k) + 1 for k in before if k in order), default=0)
                order.insert(index, key.value)
        if "other" in order and not self.other:
            order.remove("other")
        if "other" in order:
            order.remove("other")
            order.append("other")
        self.final_order = order
        data: dict[str, Any] = {"year": self.year, **meta, "layout": {"part_order": order}}
        if self.run_votes["run"] > self.run_votes["paragraphs"]:
            data["layout"]["items_as"] = "run"
        if not measures:
            measures = [{"key": "custom", "title": "待补写", "items": [missing["part"].format(label=PART_LABELS["measures"])]}]
        data["measures"] = measures
        data["shortcomings"] = [{"problem": p, "cause": c} for p, c in self.shortcomings] or [
            {"problem": "待补写", "cause": missing["part"].format(label=PART_LABELS["shortcomings"])}
        ]
        duty_items = [_item(i) for i in self.duty]
        if not duty_items and not self.duty_figures:
            duty_items = [missing["part"].format(label=PART_LABELS["duty"])]
        data["duty"] = {"items": duty_items, **({"figures": _ordered(self.duty_figures)} if self.duty_figures else {})}
        data["plans"] = [{"title": t, "text": x} for t, x in self.plans] or [
            {"title": "待补写", "text": missing["part"].format(label=PART_LABELS["plans"])}
        ]
        if self.other:
            data["other"] = [_item(i) for i in self.other]
        if previous:
            data["previous_figures"] = _ordered(previous)
        return data

    def _validate(self, data: dict[str, Any], findings: list) -> Any:
        """Validate; a figure the rules refuse (parts above their total…) is taken out and named."""
        from pydantic import ValidationError

        from ..model import Report
        from ..rules import check_report

        for _ in range(20):
            try:
                report = Report.model_validate(data)
            except ValidationError as error:  # pragma: no cover - a bug in the importer
                raise UserError(f"导入 {self.path.name} 时生成的答卷未通过校验：{error}") from None
            errors = [p for p in check_report(report) if p.severity == "error"]
            figure_errors = [p for p in errors if len(p.loc) >= 2 and "figures" in p.loc]
            if figure_errors:
                loc = figure_errors[0].loc
                node = data
                for part in loc[:-1]:
                    node = node[part]
                key = loc[-1]
                node.pop(key, None)
                if loc[0] == "measures" and loc[1] < len(self.topics):
                    self.topics[loc[1]].figures.pop(key, None)
                elif loc[0] == "duty":
                    self.duty_figures.pop(key, None)
                if not node:
                    container = data
                    for part in loc[:-2]:
                        container = container[part]
                    container.pop("figures", None)
                for finding in findings:
                    if finding.key == key and finding.status == "extracted":
                        finding.status = "dropped"
                        finding.note = figure_errors[0].message
                self.review.append(f"数据“{_label(key)}”与其他数据矛盾，未导入：{figure_errors[0].message}")
                continue
            if errors:  # pragma: no cover - the assembly always fills the mandatory parts
                raise UserError(f"导入 {self.path.name} 时生成的答卷未通过校验：{errors[0].message}")
            return report
        raise UserError(f"导入 {self.path.name} 失败：数据矛盾过多")  # pragma: no cover

    # ------------------------------------------------------------------ the result

    def _result(self, report: Any, findings: list, rates: list) -> ImportResult:
        from ..answers import report_data
        from .figures import describe_value
        from .output import add_comments, tidy

        s = self.structure
        extracted_keys = {f.key for f in findings if f.status == "extracted"}
        stated = []
        from ..catalogue import catalogue

        cat = catalogue()
        for rate in rates:
            spec = cat.rates.get(rate.key) if rate.key else None
            if spec and spec.numerator in extracted_keys and spec.denominator in extracted_keys:
                continue
            stated.append(rate)
        if stated:
            self.review.append(
                f"原文有 {len(stated)} 处只写了比率、没写分子分母（如“{stated[0].label}{stated[0].percent}”）："
                "比率不能直接填写，原句已保留在文字中"
            )
        kept_with_figures = sum(
            1 for f in findings if f.status == "extracted" and f.origin in ("text", "zero") and f.sentence
        )
        if kept_with_figures:
            self.review.append(
                "已从原文句子中提取数字，原句仍保留在举措文字中；原句已写明的数字，草稿不再另写一句。"
                "明年改数字时，请同时修改或删去原句里的数字"
            )
        approx = [f for f in findings if f.status == "extracted" and f.approx]
        if approx:
            self.review.append(f"{len(approx)} 个数字原文为约数（如“{approx[0].value}{approx[0].approx}”），已按整数导入")
        duplicates = [f for f in findings if f.status == "duplicate"]
        if duplicates:
            self.review.append(
                f"{len(duplicates)} 个数字与前文同一指标重复（如“{_label(duplicates[0].key)}”），只导入了第一次出现的数字"
            )
        elsewhere = [f for f in findings if f.status == "skipped"]
        if elsewhere:
            example = elsewhere[0]
            self.review.append(
                f"“不足”和“安排”部分提到的 {len(elsewhere)} 个数字未导入为数据"
                f"（如{_label(example.key)}{describe_value(example.key, example.value)}），原句保留"
            )
        if self.placeholders:
            self.review.append("原文缺少内容，已用“（待补写…）”占位：" + "；".join(self.placeholders))
        for kind in ("measures", "shortcomings", "duty", "plans"):
            if kind not in self.part_order:
                self.review.append(f"原报告没有找到“{PART_LABELS[kind]}”部分，已用“待补写”占位")
        if self.unclassified:
            self.review.append(f"{len(self.unclassified)} 段原文未能归类，放在第一部分末尾的“{self.raw['unclassified_title']}”专题中")
        if report.unit.kind.value == "事业单位" and any(cat.indicators[k].enforcement for k in report.figures()):
            self.review.append("单位推断为事业单位，却导入了执法数据：如有执法权，请填写 unit.has_enforcement_power: true")
        data = tidy(report_data(report))
        body_chars, kept_chars, lost = self._measure(report)
        if lost:
            self.review.append(f"有 {len(lost)} 句原文没有在答卷中找到，请核对：" + "；".join(x[:20] for x in lost[:3]))
        add_comments(data, self, findings)
        topics = []
        for index, topic in enumerate(report.measures):
            if index < len(self.topics):
                how = self.topics[index].how
            elif topic.title == self.raw["unclassified_title"]:
                how = "原文未能归类的内容"
            else:
                how = "原报告没有这一部分"
            topics.append((topic.key, topic.heading, how))
        return ImportResult(
            source=self.path,
            report=report,
            data=data,
            structure=s,
            parts_found=[k for k in self.part_order],
            topics=topics,
            findings=findings,
            stated_rates=stated,
            review=self.review,
            unclassified=self.unclassified,
            body_chars=body_chars,
            kept_chars=kept_chars,
            lost=lost,
            punctuation_fixed=0,
        )

    def _measure(self, report: Any) -> tuple[int, int, list[str]]:
        """Characters of the body (parts 1–5, part headings excluded) found again in the answers."""
        from .text import measure_pieces, normalise
        from ..wording import figure_sentences

        texts: list[str] = []
        for topic in report.measures:
            texts.append(topic.heading)
            for item in topic.items:
                texts += [item.title or "", item.text]
        for item in report.duty.items + report.other:
            texts += [item.title or "", item.text]
        for s in report.shortcomings:
            texts += [s.problem, s.cause]
        for p in report.plans:
            texts += [p.title, p.text]
        texts += [sentence for _, sentence in figure_sentences(report.figures(), report.rates(), report.previous_figures)]
        haystack = "|".join(normalise(t) for t in texts if t)
        total = kept = 0
        lost = []
        for part in self.structure.parts:
            pieces = []
            head = part.heading.heading if part.heading is not None else None
            if head is not None and head.body:
                pieces += measure_pieces(head.body)
            for p in part.paragraphs:
                if p.heading is not None and not p.heading.body and p.heading.text in self.structural:
                    continue  # "（一）存在的问题" inside "三、存在的问题及下一步打算": a divider
                pieces += measure_pieces(p.text)
            for sentence, piece in pieces:
                total += len(piece)
                if piece in haystack:
                    kept += len(piece)
                    continue
                # A sentence split between two fields (a plan's title and its text) is kept
                # clause by clause.
                clauses = [normalise(c) for c in re.split(r"[，,、]", sentence)]
                found = min(len(piece), sum(len(c) for c in clauses if c and c in haystack))
                kept += found  # at most the sentence: a clause may carry an ordinal the piece lost
                if found < len(piece):
                    lost.append(sentence)
        return total, kept, lost


# ============================================================================ helpers


def _match_opening(template: str, opening: str) -> re.Match | None:
    """drafter's own opening (templates/wording.yaml) read backwards: superiors and focus."""
    marks = {"year": "\x01", "superiors": "\x02", "unit": "\x03", "focus": "\x04", "next_year": "\x05"}
    groups = {"\x01": r"\d{4}", "\x02": "(?P<superiors>.+?)", "\x03": ".+?", "\x04": "(?P<focus>.*?)", "\x05": r"\d{4}"}
    try:
        regex = re.escape(template.format(**marks))
    except (KeyError, IndexError, ValueError):  # a placeholder this reader does not know
        return None
    for mark, group in groups.items():
        regex = regex.replace(mark, group, 1).replace(mark, r".+?")
    try:
        return re.fullmatch(regex, opening)
    except re.error:  # pragma: no cover
        return None


def _label(key: str) -> str:
    from ..catalogue import catalogue

    return catalogue().label(key)


def _item(item: ItemDraft) -> Any:
    return {"title": item.title, "text": item.text} if item.title else item.text


def _ordered(figures: dict[str, Any]) -> dict[str, Any]:
    from ..catalogue import catalogue

    order = list(catalogue().indicators)
    return {k: figures[k] for k in sorted(figures, key=order.index)}


def _bold_prefix(source: Any) -> int:
    """Characters of bold text at the start of a .docx paragraph (0 for text files)."""
    count = 0
    for run in getattr(source, "runs", ()) or ():
        if not run.bold:
            break
        count += len(run.text)
    return count


_SENTENCE_MARKS = re.compile(r"[。！？；;!?]")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:余|多)?\s*[件次场人项个份篇条家起万%％]")


def _unnumbered_heading(para: Any, following: Any, *, level: int) -> Any:
    """A sub-heading without a literal number: Word numbering or a heading style supplies it,
    or (plain text copied from Word loses automatic numbers) a short line with no punctuation
    that stands before a paragraph of running text."""
    from ..recognise import Heading

    text = para.text.strip()
    inner = text.rstrip("。.")
    if not inner or _SENTENCE_MARKS.search(inner) or inner[-1] in "：:，,、":
        return None
    style = (para.style or "").strip()
    m = _STYLE_LEVEL.match(style)
    styled = int(m[1]) if m else _STYLE_NAMED.get(style)
    if styled and styled >= 2 and len(inner) <= 60:
        return Heading(level=styled, value=0, marker="", text=inner, body="")
    if getattr(para.source, "auto_numbered", False) and len(inner) <= 60:
        return Heading(level=level, value=0, marker="", text=inner, body="")
    from .text import leading_run_number

    if (
        text == inner  # no final full stop: a sentence is no heading
        and len(inner) <= 30
        and leading_run_number(inner) is None
        and not _FIGURE.search(inner)
        and following is not None
        and following.heading is None
        and len(following.text) > len(text)
        and _SENTENCE_MARKS.search(following.text)
    ):
        return Heading(level=level, value=0, marker="", text=inner, body="")
    return None


def import_command(report: Path, output: Path | None, *, year: int | None = None, force: bool = False) -> ImportResult:
    """`drafter import`: refuse to overwrite (before reading when the output is given), import,
    write atomically, print the summary."""
    from ..errors import RefusedAction

    def refuse_existing(path: Path) -> None:
        if path.is_dir():
            raise UserError(f"{path} 是一个文件夹，请给出答卷文件的路径，如 {path / 'answers.yaml'}")
        if path.exists() and not force:
            raise RefusedAction(
                f"答卷文件 {path} 已存在，未覆盖。如需覆盖请加 --force（原文件会保留为 {path.stem}.bak{path.suffix}）"
            )

    if output is not None:
        refuse_existing(Path(output))
    result = import_report(report, year=year)
    output = Path(output) if output is not None else Path("answers") / f"{result.report.year}.yaml"
    refuse_existing(output)
    backup = write_answers(result, output, force=force)
    print_summary(result, output)
    if backup:
        from rich.console import Console

        Console().print(f"原答卷已备份为 {backup}", soft_wrap=True)
    return result
