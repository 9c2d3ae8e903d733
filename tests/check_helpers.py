"""A minimal well-formed report for the checker's rule tests: each test adds the lines it needs."""

from __future__ import annotations

from pathlib import Path

from drafter.check import check_paragraphs

FIXTURES = Path(__file__).parent / "fixtures" / "check"


def doc(*part1: str) -> list[str]:
    """A clean four-part report whose first part holds `part1`."""
    return [
        "某局关于2024年度法治政府建设情况的报告",
        "现将2024年度法治政府建设情况报告如下：",
        "一、2024年度推进法治政府建设的主要举措和成效",
        *part1,
        "二、2024年度推进法治政府建设存在的不足和原因",
        "执法人员不足，原因是编制紧张。",
        "三、2024年度党政主要负责人履行推进法治建设第一责任人职责情况",
        "主要负责人带头学法用法。",
        "四、2025年度推进法治政府建设的主要安排",
        "继续加强执法队伍建设。",
        "某局",
        "2025年2月20日",
    ]


BASE = doc("全年组织集中学法12次，审查行政合同30份。")


def found(*part1: str, rule: str):
    """The findings of `rule` in a clean report whose first part holds `part1`."""
    return [f for f in check_paragraphs(doc(*part1)).findings if f.rule == rule]
