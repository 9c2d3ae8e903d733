"""Rule 3 (cont.): the report year.

A report on year Y speaks of Y's work and of Y+1 as "下一年度". The year Y is voted by the
places that name it (title, opening, part headings, date: see drafter.recognise); each of those
places that disagrees is an error, and so is a plans heading naming Y instead of Y+1. In the
body, a sentence that opens with Y-1 as if it were the current year ("2023年以来，…" in a 2024
report) is a warning: the clerk probably copied last year's report; so is a sentence making or issuing
Y-1's plan or work points ("制定了2023年…工作要点"), unless the document looks back on Y-1
(述法, 考核, 总结…), which is made the year after.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.check.context import CheckDocument, Gate
from drafter.dates import writing_window
from drafter.lazy_pattern import LazyPattern
from drafter.recognise import PART_HEADING

_WHERE = {
    "title": "标题",
    "opening": "开头",
}

# A sentence or clause opening with a year used as "this year": "2023年以来，" "…制度，2023年，共…".
_CURRENT = LazyPattern(r"(?:^|(?<=[。！？；;，,]))\s*(?:[一二三四五六七八九十]是)?(?:自|在)?(\d{4})\s*年度?\s*(?=以来|，|,|全年|共|累计)")
# In the plans part, a sentence announcing work for a year: "2024年，我局将…".
_PLANNED = LazyPattern(r"(?:^|(?<=[。！？；;]))\s*(?:[一二三四五六七八九十]是)?(\d{4})\s*年度?[，,]?[^。；]{0,30}?(将|要|拟|计划|力争)")


@lru_cache(maxsize=1)
def _made_documents(made: str, document: str) -> re.Pattern:
    """A document named with its year, as made or followed: "制定了2024年法治政府建设工作要点",
    "根据《2024年…工作要点的通知》", its issuer's name before the year too ("制定了《××镇党委
    理论学习中心组2024年学习计划》") (check_rules.yaml: year_documents)."""
    return re.compile(rf"(?:{made})《?[^。；，、《》\d]{{0,16}}?(\d{{4}})\s*年度?[^。；，、《》]{{0,24}}?(?:{document})")


def check(doc: CheckDocument) -> None:
    s = doc.structure
    year = s.year
    if year is None:
        if doc.kind != "answers":
            doc.add("year.unknown")
        return
    basis = _basis(doc)
    for where, value, para in s.year_evidence:
        if where in ("body", "plans", "published"):
            continue
        if where == "date":
            d = s.date_value
            if d is not None and writing_window(d, year) == "outside":
                doc.add("year.date", para, text=para.text if para else "", year=year, next_year=year + 1)
            continue
        if where == "heading:plans":
            found = value + 1
            if found != year + 1:
                doc.add("year.plans_heading", para, found=found, year=year, expected=year + 1)
            continue
        if value == year:
            continue
        if where.startswith("heading:"):
            label = f"“{doc.label(where.split(':', 1)[1])}”部分的标题"
        else:
            label = _WHERE.get(where, where)
        doc.add("year.mismatch", para, where=label, found=value, year=year, expected=year, basis=basis)
    _check_body(doc, year)


def _basis(doc: CheckDocument) -> str:
    s = doc.structure
    if doc.kind == "answers":
        return "答案文件"
    names = {"title": "标题", "opening": "开头", "date": "成文日期", "body": "正文", "plans": "下一年度安排", "published": "网页发布日期"}
    agreeing = []
    for where, value, _ in s.year_evidence:
        if value == s.year:
            name = names.get(where) or f"“{doc.label(where.split(':', 1)[1])}”标题"
            if name not in agreeing:
                agreeing.append(name)
    return "、".join(agreeing) or "全文"


# Every match of the body's year patterns holds 年, and so does every document `_made_documents`
# finds: the paragraphs without it are passed over for all three.
_BODY_GATE = Gate(_CURRENT, _PLANNED)


def _check_body(doc: CheckDocument, year: int) -> None:
    for p in _BODY_GATE.paragraphs(doc.content):
        if p.role == PART_HEADING or p.role in ("title", "signature", "date", "noise"):
            continue
        kind = p.part.kind if p.part is not None else None
        if kind == "plans":
            for m in _PLANNED.finditer(p.text):
                found = int(m.group(1))
                if found <= year:
                    doc.add("year.stale", p, start=m.start(1), end=m.end(), text=p.text[m.start(1):m.end()], year=year, found=found, expected=year + 1)
        elif kind in (None, "measures", "duty", "shortcomings"):
            for m in _CURRENT.finditer(p.text):
                found = int(m.group(1))
                if found == year - 1:
                    end = min(len(p.text), m.end() + 6)
                    doc.add("year.stale", p, start=m.start(1), end=end, text=p.text[m.start(1):end], year=year, found=found, expected=year)
            _check_documents(doc, p, year)


def _check_documents(doc: CheckDocument, p, year: int) -> None:
    """Last year's plan or work points named as made or followed this year (check_rules.yaml:
    year_documents)."""
    if str(year - 1) not in p.text:
        return
    words = doc.rules["year_documents"]
    for m in _made_documents(f'{words["made"]}|{words["followed"]}', words["document"]).finditer(p.text):
        if int(m.group(1)) != year - 1 or re.search(words["looking_back"], m.group(0)):
            continue
        doc.add("year.stale", p, start=m.start(1), end=m.end(), text=p.text[m.start(1):m.end()], year=year,
                found=year - 1, expected=year)
