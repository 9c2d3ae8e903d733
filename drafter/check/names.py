"""Rule 3 (cont.): fixed names and words written exactly.

- the title of 《法治政府建设实施纲要（2021－2025年）》 and its predecessor and successor: the
  dash between the years lost or changed, the years wrong, 年 missing, the brackets missing
  (names.outline_title); an outline cited in a report on a year outside its period
  (names.outline_period: a warning when the outline for that year is published, a hint while
  its title is not confirmed);
- the names of regulations (《法治政府建设与责任落实督察工作规定》 …) written inexactly, "督查"
  for 督察 and the like (names.regulation);
- wrong characters in fixed official phrases, from a lexicon (text.wrong_word);
- years: 年 missing after a year before a word ("2024法治政府建设"), a doubled 年度
  (text.year_without_nian, text.double_niandu), and a sub-heading that names a year other
  than the report's (year.heading).

The names, periods and the lexicon are data: templates/official_names.yaml and
templates/wrong_words.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from drafter.check.context import CheckDocument, Gate
from drafter.check.rules import CheckRules
from drafter.datafile import load_data
from drafter.lazy_pattern import LazyPattern
from drafter.outlines import Outline, covering, outlines
from drafter.recognise import PART_HEADING
from drafter.recognise.patterns import AnyOf

_OUTLINE = LazyPattern(
    r"法治政府建设实施纲要"
    r"(?P<tail>\s*(?P<open>[（(]?)\s*(?P<a>\d{2,4})(?P<dash>[^\d年）)》。，,；;]{0,2}?)(?P<b>\d{2,4})\s*(?P<nian>年)?\s*(?P<close>[）)]?))?"
)

_OUTLINE_GATE = Gate(_OUTLINE)


@dataclass(frozen=True)
class _Names:
    outlines: tuple[Outline, ...]
    dashes: str
    regulations: tuple[tuple[str, LazyPattern], ...]  # each compiled when a paragraph needs it
    wrong_words: tuple[tuple[LazyPattern, str, str], ...]
    any_regulation: AnyOf  # one search for all of them: most paragraphs have none
    any_wrong_word: AnyOf
    any_name: AnyOf  # one search for both


@lru_cache(maxsize=1)
def _names() -> _Names:
    data = load_data("official_names.yaml")
    regulations = tuple((r["name"], LazyPattern(r["words"], anchor=())) for r in data["regulations"])
    wrong_words = load_data("wrong_words.yaml")
    wrong = tuple((LazyPattern(w["wrong"], anchor=()), w["right"], w["note"]) for w in wrong_words)
    regulation_words, wrong_forms = [r["words"] for r in data["regulations"]], [w["wrong"] for w in wrong_words]
    return _Names(outlines(), data["range_dashes"], regulations, wrong,
                  AnyOf(regulation_words), AnyOf(wrong_forms), AnyOf(regulation_words + wrong_forms))


_TITLE = re.compile(r"《[^》]*》")


@dataclass(frozen=True)
class _YearWords:
    """check_rules.yaml's year_words, compiled once per rule set."""

    without_nian: LazyPattern
    double_niandu: LazyPattern
    count_after: re.Pattern[str]  # "2024人次": a count, not a year

    @cached_property
    def without_nian_gate(self) -> Gate:
        return Gate(self.without_nian)

    @cached_property
    def double_niandu_gate(self) -> Gate:
        return Gate(self.double_niandu)

    @classmethod
    def of(cls, rules: CheckRules) -> _YearWords:
        conf = rules["year_words"]
        return cls(LazyPattern(conf["without_nian"]), LazyPattern(conf["double_niandu"]),
                   re.compile(rf"(?:{rules.unit_re}|余|多)"))


def check(doc: CheckDocument) -> None:
    names = _names()
    year_words = doc.rules.compiled("year_words", lambda: _YearWords.of(doc.rules))
    for p in _OUTLINE_GATE.paragraphs(doc.content):
        _check_outlines(doc, p, names)
    for p in doc.content:
        if names.any_name.search(p.text):
            _check_regulations(doc, p, names)
            _check_wrong_words(doc, p, names)
    for p in year_words.without_nian_gate.paragraphs(doc.content):
        _check_year_without_nian(doc, p, year_words)
    for p in year_words.double_niandu_gate.paragraphs(doc.content):
        for m in year_words.double_niandu.finditer(p.text):
            doc.add("text.double_niandu", p, start=m.start(), end=m.end(), text=m.group(0))
    _check_heading_years(doc)


def _outline_for(a: int, b: int, names: _Names) -> Outline | None:
    return next((o for o in names.outlines if (o.start, o.end) == (a, b)), None)


def _check_outlines(doc: CheckDocument, p, names: _Names) -> None:
    for m in _OUTLINE.finditer(p.text):
        if m["tail"] is None or m["b"] is None:
            continue  # "纲要" alone, or "纲要2024年重点工作台账": another document
        a, b = int(m["a"]), int(m["b"])
        problems = []
        outline = _outline_for(a, b, names)
        if outline is None:
            near = min(names.outlines, key=lambda o: abs(o.start - a) + abs(o.end - b))
            if len(m["a"]) != 4 or len(m["b"]) != 4 or abs(near.start - a) + abs(near.end - b) > 2:
                continue  # not a misspelt outline year range
            problems.append(f"年份应为{near.start}－{near.end}")
            outline = near
        if not m["dash"]:
            problems.append("两个年份之间缺少连接号")
        elif not all(c in names.dashes for c in m["dash"].strip()) or len(m["dash"].strip()) != 1:
            problems.append(f"连接号“{m['dash']}”应为“－”")
        if not m["nian"]:
            problems.append("缺少“年”字")
        if not (m["open"] and m["close"]):
            problems.append("年份应加括号")
        if problems:
            doc.add("names.outline_title", p, start=m.start(), end=m.end(), text=m.group(0),
                    problems="，".join(problems), title=outline.title)
        _check_period(doc, p, m, outline, names)


def _check_period(doc: CheckDocument, p, m: re.Match, outline: Outline, names: _Names) -> None:
    year = doc.year
    if year is None or outline.start <= year <= outline.end:
        return
    current = covering(year)
    if current is None:
        return
    rule = "names.outline_period" if current.confirmed else "names.outline_period_unconfirmed"
    doc.add(rule, p, start=m.start(), end=m.end(), text=m.group(0), year=year, title=outline.title,
            current=current.title, start_year=outline.start, end_year=outline.end)


def _check_regulations(doc: CheckDocument, p, names: _Names) -> None:
    if not names.any_regulation.search(p.text):
        return
    for name, words in names.regulations:
        for m in words.finditer(p.text):
            if m.group(0) != name:
                doc.add("names.regulation", p, start=m.start(), end=m.end(), text=m.group(0), name=name)


def _check_wrong_words(doc: CheckDocument, p, names: _Names) -> None:
    if not names.any_wrong_word.search(p.text):
        return
    for wrong, right, note in names.wrong_words:
        for m in wrong.finditer(p.text):
            doc.add("text.wrong_word", p, start=m.start(), end=m.end(), text=m.group(0), right=right, note=note)


def _check_year_without_nian(doc: CheckDocument, p, year_words: _YearWords) -> None:
    year = doc.year
    titles = None  # found when a year without 年 is
    for m in year_words.without_nian.finditer(p.text):
        titles = titles if titles is not None else [t.span() for t in _TITLE.finditer(p.text)]
        if any(a < m.start() < b for a, b in titles):
            continue  # a document's own title is quoted as it is ("《2024××应急预案》")
        value = int(m["y"])
        if year is not None and not year - 10 <= value <= year + 2:
            continue
        if year_words.count_after.match(p.text[m.end("y"):]):
            continue  # "2024人次": a count
        doc.add("text.year_without_nian", p, start=m.start(), end=m.end(), text=m.group(0), year=m["y"])


def _check_heading_years(doc: CheckDocument) -> None:
    """A sub-heading ("（一）2023年推进…") naming a year other than the report year (or the
    next year, in the plans part). Part headings are year.mismatch's (drafter.check.years)."""
    year = doc.year
    if year is None:
        return
    from drafter.reading.year import plain_years

    for p in doc.content:
        if p.heading is None or p.role == PART_HEADING or p.heading.level < 2:
            continue
        kind = p.part.kind if p.part is not None else None
        allowed = {year + 1} if kind == "plans" else {year}
        for found in plain_years(p.heading.text):
            if found not in allowed and abs(found - year) <= 2:
                doc.add("year.heading", p, found=found, expected=min(allowed), text=p.heading.text)
                break
