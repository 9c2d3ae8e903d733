"""Consistency rules that span fields: parts ≤ totals, the date window, empty parts.

Types and shapes are the model's job; these rules read a valid `Report` and return
problems with the location of the field in the answers file, so the loader can name
the line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from .catalogue import catalogue
from .model import Report
from .text import format_number

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    loc: tuple[Any, ...]
    message: str
    severity: Severity = "error"


def check_report(report: Report) -> list[Problem]:
    """All consistency problems of `report`, errors first."""
    problems = [
        *_empty_parts(report),
        *_figures_entered_twice(report),
        *_parts_above_totals(report),
        *_date_window(report),
        *_enforcement_without_power(report),
        *_repeated_topics(report),
    ]
    return sorted(problems, key=lambda p: p.severity != "error")


def _empty_parts(report: Report) -> list[Problem]:
    problems = []
    if not any(topic.items or topic.figures for topic in report.measures):
        problems.append(Problem(("measures",), "第一部分“主要举措和成效”不能为空：请至少填写一个专题的举措或数据"))
    sentences = None
    for index, topic in enumerate(report.measures):
        if not topic.items and not topic.figures:
            problems.append(Problem(("measures", index), f"专题“{topic.heading}”既没有举措也没有数据，请补充或删除该专题"))
        elif not topic.items:
            if sentences is None:
                from .document import sentences_by_home

                sentences = sentences_by_home(report)
            if not sentences.get(index):
                problems.append(Problem(
                    ("measures", index),
                    f"专题“{topic.heading}”没有举措，所填数据也不会写成句子（如只填了 0），草稿中将只有标题：请补充举措",
                    "warning",
                ))
    if not report.shortcomings:
        problems.append(Problem(("shortcomings",), "第二部分“存在的不足和原因”不能为空：审核时没有不足的报告会被退回，请至少填写一条"))
    if not report.duty.items and not report.duty.figures:
        problems.append(Problem(("duty",), "第三部分“第一责任人职责”不能为空：请填写履职情况或相关数据"))
    if not report.plans:
        problems.append(Problem(("plans",), "第四部分“下一年度主要安排”不能为空：请至少填写一项安排"))
    return problems


def _figures_entered_twice(report: Report) -> list[Problem]:
    seen: dict[str, tuple[Any, ...]] = {}
    problems = []
    for loc, figures in report.figure_blocks():
        for key in figures:
            if key in seen:
                label = catalogue().label(key)
                problems.append(Problem(loc + (key,), f"数据项“{label}”（{key}）填写了两次，请只在一处填写"))
            else:
                seen[key] = loc + (key,)
    return problems


def _locate(report: Report, key: str) -> tuple[Any, ...]:
    for loc, figures in report.figure_blocks():
        if key in figures:
            return loc + (key,)
    return ()


def _parts_above_totals(report: Report) -> list[Problem]:
    cat = catalogue()
    figures = report.figures()
    problems = []
    for constraint in cat.constraints:
        total = figures.get(constraint.total)
        present = [(part, figures[part]) for part in constraint.parts if part in figures]
        if total is None or not present:
            continue
        subtotal = sum(value for _, value in present)
        if subtotal <= total:
            continue
        unit = cat.indicators[constraint.total].unit
        if len(present) == 1:
            part, value = present[0]
            what = f"“{cat.label(part)}”{format_number(value)}{unit}"
        else:
            what = "、".join(f"“{cat.label(p)}”{format_number(v)}{unit}" for p, v in present)
            what += f"之和{format_number(subtotal)}{unit}"
        problems.append(
            Problem(
                _locate(report, present[0][0]),
                f"{what}，超过了“{cat.label(constraint.total)}”{format_number(total)}{unit}，请核对",
            )
        )
    return problems


def _date_window(report: Report) -> list[Problem]:
    written = report.unit.written_on
    if written is None:
        return [Problem(("unit", "written_on"), "未填写成文日期，草稿中将留空待填", "warning")]
    loc = ("unit", "written_on")
    year = report.year
    if written < dt.date(year, 12, 1) or written > dt.date(year + 1, 12, 31):
        return [
            Problem(
                loc,
                f"成文日期 {written.isoformat()} 不在报告期内：{year}年度的报告应在{year}年年底之后、"
                f"通常在{year + 1}年第一季度成文",
            )
        ]
    if written.year == year:
        return [Problem(loc, f"成文日期 {written.isoformat()} 在{year}年度结束之前，全年数据可能还不完整", "warning")]
    if written > dt.date(year + 1, 3, 31):
        return [Problem(loc, f"成文日期 {written.isoformat()} 晚于第一季度：报告应在{year + 1}年3月31日前报送并公开", "warning")]
    return []


def _enforcement_without_power(report: Report) -> list[Problem]:
    if report.unit.enforces:
        return []
    indicators = catalogue().indicators
    return [
        Problem(
            loc + (key,),
            f"单位无行政执法权，却填写了执法数据“{indicators[key].label}”，请核对单位类型或删除该数据",
            "warning",
        )
        for loc, figures in report.figure_blocks()
        for key in figures
        if indicators[key].enforcement
    ]


def _repeated_topics(report: Report) -> list[Problem]:
    seen = set()
    problems = []
    for index, topic in enumerate(report.measures):
        if topic.key != "custom" and topic.key in seen:
            problems.append(Problem(("measures", index, "key"), f"专题“{topic.heading}”出现了两次，建议合并", "warning"))
        seen.add(topic.key)
    return problems
