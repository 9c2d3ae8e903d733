"""Metadata stage: who wrote the report, when, to whom, and its opening, read from the title,
signature, opening paragraph and web-page metadata the recogniser found."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .state import ImportState


def infer_metadata(state: ImportState) -> dict[str, Any]:
    """The answers' unit (name, kind, superiors, recipient, signatory, written_on) and opening,
    from the title, signature, opening paragraph and web-page metadata; each guess is noted."""
    from ..wording import fill, wording

    s = state.structure
    words = wording()
    unit: dict[str, Any] = {}
    title = (s.title or "").replace("\n", "")
    name = None
    if title:
        drafter_title = fill("".join(words["title_lines"]), unit="\x00", year=state.year)
        m = re.fullmatch(re.escape(drafter_title).replace("\x00", "(?P<unit>.+?)"), title)
        if m:
            name = m["unit"]
        for pattern in state.raw["title_unit"]:
            if name:
                break
            m = re.search(pattern, title)
            if m and m["unit"].strip():
                name = m["unit"].strip()
        if title and title != fill("".join(words["title_lines"]), unit=name or "", year=state.year):
            state.note(f"原标题为“{title}”，草稿将按统一格式生成标题")
            state.keep_title = title
    if not name and s.metadata.get("标题"):  # a catalogue row names the title the page lost
        name = next((m["unit"].strip() for m in (re.search(p, s.metadata["标题"]) for p in state.raw["title_unit"])
                     if m and m["unit"].strip()), None)
        if name:
            state.note("单位名称取自网页的“标题”一栏，请核对")
    signature = s.signature.text if s.signature is not None else None
    if not name and signature:
        name = signature
        state.note("单位名称取自落款，请核对")
    if not name and s.metadata.get("发布机构"):
        name = s.metadata["发布机构"]
        state.note("单位名称取自网页的“发布机构”，请核对")
    opening = s.opening[0].text if s.opening else ""
    if not name and opening:
        m = re.search(state.raw["opening_unit"], opening)
        if m:
            name = m["unit"]
            state.note(f"原文没有标题和落款，单位名称“{name}”取自开头段，请核对并写全称")
    if not name:
        name = "待填写单位名称"
        state.note("没有找到单位名称，请填写 unit.name")
    unit["name"] = name
    for pattern, kind in state.raw["unit_kinds"]:
        if re.search(pattern, name):
            unit["kind"] = kind
            break
    state.note(f"单位类型按名称推断为“{unit['kind']}”，请核对")
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
            m = re.search(state.raw["superiors"], opening)
            if m:
                superiors = m["superiors"]
            own_opening = opening
        if len(s.opening) > 1:  # the opening's later paragraphs are the opening too
            own_opening = "\n".join(p.text for p in s.opening)
        if own_opening is not None:
            state.note("原开头段已原样保留（opening），草稿沿用；删去 opening 即改用统一的开头")
    if not superiors:
        superiors = next((value for mark, value in state.raw["superiors_by_level"] if mark in name),
                         state.raw["superiors_default"])
        state.note(f"原文没有写明上级领导机关，暂填“{superiors}”，请核对 unit.superiors")
    unit["superiors"] = superiors
    if s.recipient is not None:
        unit["recipient"] = s.recipient.text.rstrip("：:")
    if signature and signature != name:
        unit["signatory"] = signature
    written = s.date_value
    if written is None:
        written = _published_date(state)
    if written is not None:
        if dt.date(state.year, 12, 1) <= written <= dt.date(state.year + 1, 12, 31):
            unit["written_on"] = written
        else:
            state.note(f"日期 {written.isoformat()} 不在{state.year}年度报告的成文期内，未导入")
    elif s.date is not None:
        state.note("原文的成文日期留空待填（月、日未写），请填写 unit.written_on")
    else:
        state.note("原文没有成文日期，请填写 unit.written_on")
    meta: dict[str, Any] = {"unit": unit}
    if focus is not None:
        meta["opening_focus"] = focus
    if own_opening is not None:
        meta["opening"] = own_opening
    return meta

def _published_date(state: ImportState) -> dt.date | None:
    """The date a web page says it published the report (its 发文日期 row or 时间: line)."""
    from ..dates import parse_date

    s = state.structure
    candidates = []
    if state.published is not None:
        candidates.append(state.published.isoformat())
    if s.metadata.get("发文日期"):
        candidates.append(s.metadata["发文日期"])
    regex = re.compile(state.raw["published_date"])
    for p in s.ignored:
        m = regex.search(p.text)
        if m:
            candidates.append(m["date"])
    for text in candidates:
        value = parse_date(text.replace("/", "-").replace(".", "-"))
        if value is not None:
            state.note(f"成文日期取自网页发布日期 {value.isoformat()}，请核对")
            return value
    return None


def _match_opening(template: str, opening: str) -> re.Match | None:
    """drafter's own opening (templates/wording.yaml) read backwards: superiors and focus."""
    marks = {"year": "\x01", "superiors": "\x02", "unit": "\x03", "focus": "\x04", "next_year": "\x05", "outline": "\x06"}
    groups = {"\x01": r"\d{4}", "\x02": "(?P<superiors>.+?)", "\x03": ".+?", "\x04": "(?P<focus>.*?)", "\x05": r"\d{4}",
              "\x06": "[^《》]+"}
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
