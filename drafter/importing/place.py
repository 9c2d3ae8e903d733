"""Place stage: every recognised part's entries go to their place in the answers model.

- part 1 is split at its （一） headings, else at "1." headings, else at lead sentences (short,
  or bold in a .docx) and paragraphs numbered 一是…; each becomes a TopicDraft (mapped to the
  catalogue later, drafter.importing.topics);
- points inside a topic, the 第一责任人 part and part 5 become items;
- shortcomings become problem / cause pairs and plans title / text pairs; a pair without its
  second half gets a visible "（待补写…）" placeholder;
- a part that names two parts ("三、存在的问题和下一步打算") is split at its sub-headings;
- a part's lead-in and a closing "总之…" paragraph stay the part's own text (part_texts);
  a part whose heading names no part is a
  topic of part 1 when it comes before the shortcomings and the plans (real reports head part
  1 with thematic headings), else part 5;
- text that fits nowhere goes to 待整理 with its origin.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .segment import entries, lead, part_blocks
from ..text import ends_sentence
from .state import PART_LABELS, Block, Entry, ImportState, ItemDraft, TopicDraft

if TYPE_CHECKING:  # pragma: no cover
    from ..recognise import FoundPart


def place(state: ImportState) -> None:
    """Place every part of the source (the opening is the metadata stage's)."""
    s = state.structure
    for part in s.parts:
        _part(state, part)


def _part(state: ImportState, part: FoundPart) -> None:
    kinds = [k for k in part.kinds]
    blocks = part_blocks(part)
    heading_text = part.title
    closing = re.compile(state.raw["closing_summary"])
    summary = None
    if part is state.structure.parts[-1] and blocks and blocks[-1].heading is None and closing.match(blocks[-1].text):
        summary = blocks.pop()
    if not kinds:
        _unnamed_part(state, part, blocks)
    elif len(kinds) > 1:
        _combined(state, kinds, blocks, heading_text)
    else:
        _dispatch(state, kinds[0], blocks, heading_text)
    if summary is not None:
        state.part_text(state.part_order[-1] if state.part_order else "measures", "after", summary.text,
                        f"原“{heading_text}”部分结尾的总结段")


def _unnamed_part(state: ImportState, part: Part, blocks: list[Block]) -> None:
    """A part heading that names no part ("一、不断完善执法机制，…"): a thematic topic of part 1
    when no shortcomings or plans part came before it, else 其他需要报告的情况."""
    if {"shortcomings", "plans"} & set(state.part_order):
        state.note(f"部分“{part.title}”未能对应规定的四个部分，已作为“其他需要报告的情况”，请核对")
        if "other" not in state.part_order:
            state.part_order.append("other")
        items = _items(state, blocks)
        if items and items[0].title is None:
            items[0].title = part.title
        else:
            items.insert(0, ItemDraft(None, part.title))
        state.other += items
        return
    state.note(f"部分标题“{part.title}”没有写明是哪一部分，已作为第一部分“主要举措和成效”的一个专题，请核对")
    if "measures" not in state.part_order:
        state.part_order.append("measures")
    draft = TopicDraft(title=part.title)
    found = entries(blocks, state.lead_rules)
    _vote(state, found)
    draft.items += [ItemDraft(e.title, e.text) if e.text else ItemDraft(None, e.title) for e in found if e.text or e.title]
    state.topics.append(draft)


def _dispatch(state: ImportState, kind: str, blocks: list[Block], heading_text: str) -> None:
    if kind not in state.part_order:
        state.part_order.append(kind)
    if kind == "measures":
        _measures(state, blocks, heading_text)
    elif kind == "duty":
        state.duty += _items(state, blocks)
    elif kind == "other":
        state.other += _items(state, blocks)
    elif kind == "shortcomings":
        state.shortcomings += _pairs(state, blocks, heading_text, plan=False)
    elif kind == "plans":
        state.plans += _pairs(state, blocks, heading_text, plan=True)
    else:  # pragma: no cover - the recogniser knows no other part
        raise KeyError(kind)


def _combined(state: ImportState, kinds: list[str], blocks: list[Block], heading_text: str) -> None:
    """"三、存在的问题和下一步打算": split at its sub-headings that name one of the parts."""
    from ..recognise import structure_patterns

    rules = structure_patterns()
    kinds = _in_heading_order(rules, kinds, heading_text)
    switches = {k: re.compile(p) for k, p in state.raw["combined_switch"].items()}
    current = kinds[0]
    chunk: list[Block] = []
    chunks: list[tuple[str, list[Block]]] = []
    for block in blocks:
        named = rules.classify(block.heading.text) if block.heading is not None else ()
        named = tuple(k for k in named if k in kinds)
        if len(named) == 1 and not block.heading.body:
            state.structural.add(block.heading.text)
            if chunk:
                chunks.append((current, chunk))
            current, chunk = named[0], []
            continue
        later = kinds[kinds.index(current) + 1:]
        # No sub-heading: the next part's content starts with its own words ("下一步，…").
        switch = next((k for k in later if k in switches and switches[k].search(block.text)), None)
        if switch is not None and chunk:
            chunks.append((current, chunk))
            current, chunk = switch, []
        chunk.append(block)
    if chunk:
        chunks.append((current, chunk))
    for kind, chunk_blocks in chunks:
        _dispatch(state, kind, chunk_blocks, heading_text)
    for kind in kinds:
        if kind not in state.part_order:
            state.part_order.append(kind)
    state.note(f"“{heading_text}”一节包含{'、'.join(PART_LABELS[k] for k in kinds)}，已按其小标题拆分，请核对")


def _in_heading_order(rules, kinds: list[str], heading: str) -> list[str]:
    """The kinds of a combined heading in the order the heading names them
    ("主要举措、成效和不足": measures first)."""
    def at(kind: str) -> int:
        spots = [m.start() for p in rules.parts[kind].patterns for m in [p.search(heading)] if m]
        return min(spots, default=len(heading))

    return sorted(kinds, key=at)


def _topic_heading(title: str, body: str, max_chars: int) -> tuple[str, str]:
    """A topic heading and its run-in text. A heading may run straight into its "一是…" points;
    a copy that lost its line breaks runs an unpunctuated heading into its first sentence ("（一）深入学习贯彻习近平法治思想以“八五”普法为抓手，…开展专题
    学习4场。…"): its first clause stays the title, the rest is text (its figures are figures)."""
    from ..units import figure_with_unit

    run = re.search(r"(?<=[\u4e00-\u9fff])一是", title)
    if run is not None and run.start() >= 4:  # "（二）持续提高依法行政水平一是健全决策程序。…"
        rest = ends_sentence(title[run.start():])
        return title[: run.start()], f"{rest}{body}" if body else rest
    if len(title) <= max_chars and not figure_with_unit().search(title):
        return title, body
    m = re.search(r"[，,；;]", title)
    if m is None or m.start() == 0:
        return title, body
    rest = ends_sentence(title[m.end():].strip())
    return title[: m.start()].strip(), f"{rest}{body}" if body else rest


def _vote(state: ImportState, found: list[Entry]) -> None:
    if len(found) < 2:
        return
    run = sum(1 for e in found if e.kind == "run")
    state.run_votes["run" if run > len(found) - run else "paragraphs"] += 1


# measures --------------------------------------------------------------


def _measures(state: ImportState, blocks: list[Block], heading_text: str) -> None:
    level2 = [b for b in blocks if b.heading is not None and b.heading.level == 2]
    level3 = [b for b in blocks if b.heading is not None and b.heading.level == 3]
    boundary_level = 2 if level2 else (3 if len(level3) >= 2 else None)
    topics: list[tuple[str | None, list[Block]]] = []
    intro: list[Block] = []
    if boundary_level is not None:
        for block in blocks:
            if block.heading is not None and block.heading.level == boundary_level:
                title, run_in = block.heading.text, block.heading.body
                if not _names_duty(title):  # a duty heading is moved whole to its part below
                    title, run_in = _topic_heading(title, run_in, state.raw["topic_title_max_chars"])
                topics.append((title, [Block(run_in)] if run_in else []))
            elif topics:
                topics[-1][1].append(block)
            else:
                intro.append(block)
    else:
        topics, intro = _topics_by_leads(state, blocks)
    for block in intro:
        state.part_text("measures", "before", block.text, f"原“{heading_text}”部分开头")
    no_duty_part = "duty" not in state.structure.kinds()
    for title, topic_blocks in topics:
        draft = TopicDraft(title=title)
        found = entries(topic_blocks, state.lead_rules)
        _vote(state, found)
        if no_duty_part and title and _names_duty(title):
            # "（三）主要负责人履行推进法治建设第一责任人职责情况" inside part 1: the duty part
            state.duty += [ItemDraft(e.title, e.text) if e.text else ItemDraft(None, e.title) for e in found if e.text or e.title]
            # its own words stay: a lead sentence of the text ("局主要负责人带头履行第一责任人职责。一是…"),
            # or a heading saying more than the part's name ("强化组织领导，坚持…第一责任人职责")
            if boundary_level is None or re.search(r"[，,]", title):
                state.part_text("duty", "before", title + "。",
                                f"原第一部分的{'小标题' if boundary_level is not None else '一句'}“{title}”")
            if "duty" not in state.part_order:
                state.part_order.append("duty")
            state.note(f"第一部分的“{title}”是第一责任人职责的内容，已移到“{PART_LABELS['duty']}”部分，请核对")
            continue
        for entry in found:
            if not (entry.text or entry.title):
                continue
            lead_words = entry.title or re.split(r"[，,。；;]", entry.text)[0]
            if no_duty_part and _names_duty(lead_words):
                state.duty.append(ItemDraft(entry.title, entry.text))
                if "duty" not in state.part_order:
                    state.part_order.append("duty")
                state.note(f"“{lead_words}”一条是第一责任人职责的内容，已移到“{PART_LABELS['duty']}”部分，请核对")
                continue
            draft.items.append(ItemDraft(entry.title, entry.text))
        state.topics.append(draft)


def _names_duty(text: str) -> bool:
    from ..recognise import structure_patterns

    return structure_patterns().classify(text, strict=True) == ("duty",)


def _topics_by_leads(state: ImportState, blocks: list[Block]) -> tuple[list[tuple[str | None, list[Block]]], list[Block]]:
    """No sub-headings: a bold or short lead sentence, or a paragraph numbered 一是…, starts a
    topic (the sanitation-centre report is written this way). Text before the first one is a
    lead-in; with none at all, each paragraph is a topic."""
    from .text import leading_run_number, split_run, strip_leading_run

    topics: list[tuple[str | None, list[Block]]] = []
    intro: list[Block] = []
    starts = []
    for block in blocks:
        text = block.text
        run = split_run(text)
        if run is not None and not run[0]:
            pieces = [lead(item, state.lead_rules) or (None, item) for item in run[1]]
            starts.append(pieces)
            continue
        numbered = leading_run_number(text) is not None
        if numbered:
            text = strip_leading_run(text)
        found = lead(text, state.lead_rules, block.bold)
        if found is not None:
            starts.append([found])
        elif numbered:
            starts.append([(None, text)])
        else:
            starts.append(None)
    any_start = any(s is not None for s in starts)
    for block, start in zip(blocks, starts):
        if start is not None:
            topics += [(title, [Block(rest)]) for title, rest in start]
        elif not any_start:
            topics.append((None, [block]))
        elif topics:
            topics[-1][1].append(block)
        else:
            intro.append(block)
    return topics, intro


# duty and other ----------------------------------------------------------


def _items(state: ImportState, blocks: list[Block]) -> list[ItemDraft]:
    out = []
    found = entries(blocks, state.lead_rules)
    _vote(state, found)
    for entry in found:
        if entry.text:
            out.append(ItemDraft(entry.title, entry.text))
        elif entry.title:
            out.append(ItemDraft(None, entry.title))
    return out


# shortcomings and plans --------------------------------------------------


def _pairs(state: ImportState, blocks: list[Block], heading_text: str, *, plan: bool) -> list[tuple[str, str]]:
    """(problem, cause) or (title, text) pairs; a lead-in is the part's own text, a
    continuation stays with its pair."""
    from ..sentences import split_sentences
    from .text import first_clause

    found = entries(blocks, state.lead_rules)
    structured = [e for e in found if e.kind in ("heading", "run", "ordinal", "lead")]
    missing = state.raw["missing"]["plan_text" if plan else "cause"]
    pairs: list[list[str]] = []
    for entry in found:
        if entry.kind in ("intro", "plain") and structured:
            if pairs:
                pairs[-1][1] = f"{pairs[-1][1]}\n{entry.text}" if pairs[-1][1] else entry.text
            else:
                state.part_text("plans" if plan else "shortcomings", "before", entry.text, f"原“{heading_text}”部分开头")
            continue
        title, text = entry.title, entry.text
        if title and not text.strip():  # "1.强化合法性审查，实现审查全覆盖。": a point in one sentence
            clause = first_clause(title) if plan else _cause_in_sentence(state, title)
            if clause is not None and not re.match(state.raw["connective_clause"], clause[0]):
                title, text = clause[0], ends_sentence(clause[1])
        if not title:
            sentences = split_sentences(text, "。！？")
            if len(sentences) > 1:
                title, text = sentences[0].rstrip("。！？"), "".join(sentences[1:])
            else:
                clause = first_clause(text) if plan else _cause_in_sentence(state, text)
                if clause is not None and not re.match(state.raw["connective_clause"], clause[0]):
                    title, text = clause
                else:
                    title, text = text.rstrip("。；;，,"), ""
        if not text.strip():
            text = missing
            state.placeholders.append(f"{PART_LABELS['plans' if plan else 'shortcomings']}“{title}”")
        pairs.append([title, text])
    return [(a, b) for a, b in pairs]


def _cause_in_sentence(state: ImportState, text: str) -> tuple[str, str] | None:
    """"……仍需加强，主要原因是监管力量不足。" → (problem, cause), where the sentence names its cause."""
    m = re.search(state.raw["cause_in_sentence"], text)
    if not m or m.start() == 0:
        return None
    return text[: m.start()].strip(), text[m.end() :].strip()
