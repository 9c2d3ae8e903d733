"""`drafter import`: an existing report (.docx, .txt, .md) → an answers file.

    result = import_report("2024年报告.docx")
    result.report            # a validated drafter.model.Report
    result.data              # the answers YAML (ruamel, with review comments)
    write_answers(result, "answers/2024.yaml", force=False)

The parts, headings, title, signature, date and web-page noise come from the recogniser shared
with `drafter check` (drafter.recognise); the stages below decide where each piece of text goes
in the answers model, each reading and filling one :class:`~drafter.importing.state.ImportState`:

    metadata   unit, date, opening (drafter.importing.metadata)
    place      segment each part into blocks and entries, put them in topics, items, pairs
               (drafter.importing.segment, drafter.importing.place)
    harvest    figures with their source sentences (drafter.importing.harvest)
    topics     part 1's topics to catalogue topics (drafter.importing.topics)
    assemble   answers data, validated into a Report (drafter.importing.assemble)
    notes      what the clerk must check (drafter.importing.notes)
    fidelity   how much of the body the answers keep (drafter.importing.fidelity)
    comments   the review comments in the answers file (drafter.importing.comments)

Nothing is dropped. Text that fits nowhere (a part's lead-in, a closing "总之…" paragraph, a part
that names no known part) goes to a custom topic titled “待整理” at the end of part 1, each piece
with a comment naming where it came from. The only sentences left out of the text are drafter's
own figure sentences, which rendering the imported figures writes again word for word. A
hand-written sentence a figure was taken from stays in the text, so a draft rendered straight
from the import says that figure twice: the review asks the clerk to keep one.

What the clerk must check is written three times: as comments in the answers file, in the
summary printed after the import (drafter.importing.output), and in `ImportResult.review`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserError
from .state import PART_LABELS, ImportResult, ImportState

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report
    from ..recognise import Structure
    from .figures import StatedRate


def import_report(path: str | Path, *, year: int | None = None) -> ImportResult:
    """Read a report and turn it into a validated answers model; UserError on bad input."""
    import time

    from ..model import MAX_TEXT_LENGTH
    from ..reading.cleanup import clean_source
    from ..reading.parts import headless_part1, settle_combined
    from ..recognise import recognise
    from ..textsource import read_source, split_long_paragraphs
    from .segment import restore_punctuation

    started = time.perf_counter()
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        raise UserError(f"{path.name} 已经是答卷文件，不需要导入：可直接用 drafter render {path} 生成草稿。")
    source = read_source(path)
    paragraphs, cut = split_long_paragraphs(source.paragraphs, MAX_TEXT_LENGTH)
    cleaned = clean_source(paragraphs)
    paragraphs, fixed = restore_punctuation(cleaned.paragraphs)
    structure = recognise(paragraphs, year=year, published=cleaned.published)
    for key, value in cleaned.metadata.items():
        structure.metadata.setdefault(key, value)
    settled = settle_combined(structure)
    headless = headless_part1(structure)
    if not structure.parts:
        raise UserError(
            f"无法导入 {path.name}：没有找到报告的任何部分（如“一、推进法治政府建设的主要举措和成效”）。"
            "请确认这是法治政府建设年度报告。"
        )
    if structure.year is None:
        why = f"（{structure.year_note}）" if structure.year_note else ""
        raise UserError(
            f"无法导入 {path.name}：标题、开头和各部分标题中都没有找到报告年度{why}，请用 --year 指定（如 --year 2024）。"
        )
    result = build(path, structure, published=cleaned.published)
    if structure.year_note:
        result.review.insert(0, structure.year_note)
    if structure.cover:
        result.review.append("原文标题前有报送函，未导入正文；主送机关、落款和成文日期取自报送函，请核对")
    if headless is not None:
        following = structure.parts[1].title if len(structure.parts) > 1 else ""
        result.review.append(f"原文第一部分没有标题：开头段之后、“{following}”之前的文字按“{PART_LABELS['measures']}”导入，请核对")
    for part, _ in settled:
        result.review.append(f"“{part.title}”一节的内容按“{PART_LABELS[part.kinds[0]]}”导入（另有专门的部分），请核对")
    if cleaned.dropped:
        result.dropped_chrome = [(d.label, d.text) for d in cleaned.dropped]
        labels = "、".join(dict.fromkeys(d.label for d in cleaned.dropped))
        result.review.append(f"已去掉网页上的 {len(cleaned.dropped)} 处内容（{labels}），未导入")
    if cleaned.joined_markers:
        result.review.append(f"已把断行的 {cleaned.joined_markers} 处“一/是”序号接回原句")
    result.punctuation_fixed = fixed
    if cut:
        result.review.append(f"有 {cut} 段超过 {MAX_TEXT_LENGTH} 字，已在句末分成几段导入，请核对")
    if fixed:
        result.review.append(f"已将 {fixed} 处半角标点恢复为全角（，：；（）“”等），请顺带核对")
    result.seconds = time.perf_counter() - started
    return result


def build(path: Path, structure: Structure, *, published: dt.date | None = None) -> ImportResult:
    """Run the stages on a recognised report (``published``: a web page's publish date)."""
    from .assemble import assemble, validate
    from .binding import bind
    from .figures import import_patterns
    from .harvest import derive, harvest, harvest_elsewhere, restore_dropped
    from .metadata import infer_metadata
    from .notes import review_notes
    from .place import place
    from .text import LeadRules
    from .topics import map_topics

    patterns = import_patterns()
    state = ImportState(path, structure, patterns, LeadRules(**patterns.raw["lead_sentence"]), published=published)
    meta = infer_metadata(state)
    place(state)
    harvest(state)
    map_topics(state)
    harvest_elsewhere(state)
    derive(state)
    data = assemble(state, meta)
    report = validate(state, data)
    if restore_dropped(state, report):
        data = assemble(state, meta)
        report = validate(state, data)
    report, state.binding = bind(state, data, report)
    stated = review_notes(state, report)
    return _result(state, report, stated)


def _result(state: ImportState, report: Report, stated: list[StatedRate]) -> ImportResult:
    from ..answers import report_data
    from .comments import add_comments, tidy
    from .fidelity import measure

    data = tidy(report_data(report))
    body_chars, kept_chars, lost = measure(state.structure, state.structural, report,
                                           state.binding.written if state.binding else None)
    if lost:
        state.note(f"有 {len(lost)} 句原文没有在答卷中找到，请核对：" + "；".join(x[:20] for x in lost[:3]))
    unclassified_title = state.raw["unclassified_title"]
    topics = []
    for index, topic in enumerate(report.measures):
        if index < len(state.topics):
            how = state.topics[index].how
        elif topic.title == unclassified_title:
            how = "原文未能归类的内容"
        else:
            how = "原报告没有这一部分"
        topics.append((topic.key, topic.heading, how))
    result = ImportResult(
        source=state.path,
        report=report,
        data=data,
        structure=state.structure,
        parts_found=list(state.part_order),
        topics=topics,
        findings=state.findings,
        stated_rates=stated,
        review=state.review,
        unclassified=state.unclassified,
        body_chars=body_chars,
        kept_chars=kept_chars,
        lost=lost,
        punctuation_fixed=0,
        original_title=state.keep_title,
        topic_notes=[t.how for t in state.topics],
        unclassified_title=unclassified_title,
        part_text_origins=dict(state.part_text_origins),
    )
    add_comments(result)
    return result
