"""Rule 1: the four mandatory parts, present, non-empty, numbered and in an accepted order."""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.check.context import DOCUMENT_WIDE, CheckDocument
from drafter.parts import parts
from drafter.text import part_ordinal


def check(doc: CheckDocument) -> None:
    s = doc.structure
    sr = doc.patterns
    found = s.kinds()

    thematic = _thematic_part1(s) if "measures" not in found else []
    for key, rule in sr.parts.items():
        if rule.mandatory and key not in found:
            inside = _duty_inside_part1(doc) if key == "duty" else None
            if inside is not None:
                doc.add("parts.duty_inside", inside, part="measures", label=rule.label,
                        heading=rule.suggested_heading(s.year))
                continue
            if key == "measures" and thematic:
                titles = "”“".join(p.title for p in thematic[:3])
                doc.add("parts.thematic", thematic[0].heading, part=key, titles=titles, count=len(thematic),
                        label=rule.label, heading=rule.suggested_heading(s.year))
                continue
            doc.add("parts.missing", part=key, label=rule.label, heading=rule.suggested_heading(s.year))

    for part in s.parts:
        label = "、".join(doc.label(k) for k in part.kinds) or part.title
        expected = part_ordinal(part.position)
        if not part.kinds and part not in thematic:
            doc.add("parts.unknown", part.heading, title=part.title)
        _check_wording(doc, part)
        if part.is_empty:
            doc.add("parts.empty", part.heading, label=label)
        if part.heading is None:  # part 1 read from the text after the opening (drafter.reading.parts)
            doc.add("parts.headless", part.paragraphs[0], label=label,
                    heading=sr.parts[part.kinds[0]].suggested_heading(s.year))
        elif not part.numbered:
            rule = "parts.auto_numbered" if part.auto_numbered else "parts.unnumbered"
            doc.add(rule, part.heading, label=label, expected=expected, title=part.title)

    for kind in found:
        holders = [p for p in s.parts if kind in p.kinds]
        if len(holders) > 1:
            doc.add(
                "parts.duplicate",
                holders[1].heading,
                part=kind,
                label=doc.label(kind),
                count=len(holders),
                numbers="、".join(str(p.heading.number) for p in holders if p.heading),
            )

    _check_order(doc, found)
    _check_causes(doc)
    _check_ends(doc)


def _duty_inside_part1(doc: CheckDocument):
    """A sub-heading or a numbered point of part 1 on the 第一责任人 duty: the part is there,
    inside part 1 (the first such paragraph), else None."""
    part = doc.structure.part("measures")
    if part is None:
        return None
    for p in part.paragraphs:
        # the heading, and each point of a "一是…二是…" paragraph (or of the text run in after
        # the heading, as in a copy that lost its line breaks), up to its first comma
        leads = [p.heading.text] if p.heading is not None else []
        body = p.text if p.heading is None else p.heading.body or ""
        leads += [re.split(r"[，,。；;]", piece)[0] for piece in re.split(r"[一二三四五六七八九十]{1,3}是", body)]
        if any(lead and doc.patterns.classify(lead, strict=True) == ("duty",) for lead in leads):
            return p
    return None


def _thematic_part1(s) -> list:
    """Part headings that name no part, before the shortcomings and the plans: real reports
    head part 1's topics this way ("一、不断完善执法机制，…")."""
    out = []
    for part in s.parts:
        if set(part.kinds) & {"shortcomings", "plans"}:
            break
        if not part.kinds:
            out.append(part)
    return out


@lru_cache(maxsize=1)
def _generic_heading() -> re.Pattern[str]:
    from drafter.datafile import load_data

    return re.compile(load_data("reading.yaml")["segments"]["generic_part_headings"])


def _check_wording(doc: CheckDocument, part) -> None:
    """A part found under a generic or combined heading ("基本情况", "主要举措、成效和不足"): a
    warning naming the heading and the regulation's wording, never a missing part."""
    if len(part.kinds) != 1 or part.heading is None:
        return
    kind = part.kinds[0]
    generic = _generic_heading().match(part.title)
    named = doc.patterns.classify(part.title)
    if generic or len(named) > 1:
        rule = doc.patterns.parts[kind]
        doc.add("parts.nonstandard", part.heading, title=part.title, label=rule.label,
                heading=rule.suggested_heading(doc.structure.year))


def _check_causes(doc: CheckDocument) -> None:
    """The regulation asks for shortcomings *and their causes*: a part naming neither is incomplete."""
    part = doc.structure.part("shortcomings")
    if part is None or part.is_empty:
        return
    text = "".join(p.text for p in ([part.heading] if part.heading else []) + list(part.paragraphs))
    if not re.search(doc.rules["cause_words"], text):
        doc.add("parts.no_causes", part.heading)


def _arrow(doc: CheckDocument, kinds) -> str:
    return " → ".join(doc.label(k) for k in kinds)


def _check_order(doc: CheckDocument, found: list[str]) -> None:
    sr = doc.patterns
    mandatory_kinds = parts().mandatory
    mandatory = [k for k in found if k in mandatory_kinds]
    if len(mandatory) >= 2:
        def fits(order) -> bool:
            return [k for k in order if k in mandatory] == mandatory

        if not any(fits(o) for o in sr.accepted_orders):
            suggestion = sr.accepted_orders[0]
            for o in sr.accepted_orders:
                if o[0] == mandatory[0]:
                    suggestion = o
            rule = "parts.order_variant" if any(fits(o) for o in sr.variant_orders) else "parts.order"
            first = doc.structure.parts[0].heading if doc.structure.parts else None
            doc.add(rule, first, part=DOCUMENT_WIDE, found=_arrow(doc, mandatory), accepted=_arrow(doc, suggestion))
    if "other" in found:
        other_at = found.index("other")
        if any(k in mandatory_kinds for k in found[other_at + 1:]):
            part = doc.structure.part("other")
            doc.add("parts.other_position", part.heading if part else None, part="other")


def _check_recipient(doc: CheckDocument) -> None:
    """A 报告 goes to someone (the 委员会办公室, the superior): a draft names it. Web copies,
    which often drop it, are not held to this."""
    s = doc.structure
    if s.recipient is not None or doc.kind not in ("docx", "answers") or not s.title_paragraphs:
        return
    title = "".join(p.text for p in s.title_paragraphs).strip()
    if title.endswith("报告"):
        doc.add("parts.no_recipient", s.title_paragraphs[0])


_ZERO_PADDED = re.compile(r"年0\d月|月0\d日")


def _check_ends(doc: CheckDocument) -> None:
    s = doc.structure
    year = s.year
    if not s.title_paragraphs and doc.kind != "answers":
        unit = s.signature.text if s.signature else s.metadata.get("发布机构", "××单位")
        doc.add("parts.no_title", unit=unit, year=year or "××××")
    _check_recipient(doc)
    if s.date is None:
        if doc.kind != "answers":
            example = f"{year + 1}年2月28日" if year else "2025年2月28日"
            doc.add("parts.no_signature", date_example=example)
        return
    d = s.date_value
    text = s.date.text
    if d is None:  # "2026年　月　日": left to fill in (a draft's answers file warns of it already)
        if doc.kind != "answers":
            doc.add("parts.date_blank", s.date)
        return
    expected = f"{d.year}年{d.month}月{d.day}日" if d else ""
    if not re.search(r"\d", text):
        doc.add("parts.date_format", s.date, text=text, problem="用了汉字数字", expected=expected)
    elif not re.search(r"年.*月.*日", text):
        doc.add("parts.date_format", s.date, text=text, problem="不是“年月日”的写法", expected=expected)
    elif _ZERO_PADDED.search(text.replace(" ", "")):
        doc.add("parts.date_format", s.date, text=text, problem="的月或日前多了“0”", expected=expected)
