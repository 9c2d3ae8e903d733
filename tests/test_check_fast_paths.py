"""The check's quick paths answer as the plain definitions they replace: on the corpus reports
(read from ../shared/corpus at test time, damaged copies included), the examples' text and
hypothesis-made mixes of the characters each path turns on. Each plain definition below is the
code as it was before the quick path, written the slow way."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from damage import TRANSFORMS, corpus_reports, report_year
from drafter.check import figures, names, norms, years
from drafter.check.context import INTEGER, NUMBER, Gate
from drafter.check.rules import load_check_rules
from drafter.lazy_pattern import LazyPattern
from drafter.reading import year as reading_year
from drafter.recognise import markers, parse_heading, split_run_in, structure_patterns
from drafter.recognise.patterns import AnyOf
from drafter.sentences import sentence_spans

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@lru_cache(maxsize=1)
def _paragraphs() -> tuple[str, ...]:
    """The examples' composed paragraphs, and every line of the corpus reports and of their
    damaged copies (web chrome, ASCII punctuation, lost numbers …)."""
    from drafter.answers import load_answers
    from drafter.document import compose

    texts = [str(p) for path in sorted(EXAMPLES.glob("*.yaml")) for p in compose(load_answers(path).report).paragraphs()]
    for path in corpus_reports():
        text = path.read_text(encoding="utf-8")
        for damage in (lambda t, y: t, *TRANSFORMS.values()):
            texts += [line.strip() for line in damage(text, report_year(path)).splitlines() if line.strip()]
    return tuple(dict.fromkeys(texts))


def _sentences() -> list[str]:
    return [s for text in _paragraphs() for _, s in sentence_spans(text)]


def test_the_texts_are_there():
    assert len(_paragraphs()) > (400 if corpus_reports() else 60)


# ---------------------------------------------------------------------------------------------
# Web-page lines: AnyOf against one search per pattern

_CHROME = ["您", "当前", "所在", "位置", "：", ":", "首页", ">", "来源", "时间", "发布", "日期", "2024", "扫一扫", "在手机",
           "打开", "当前页", "【", "】", "打印", "关闭", "主办单位", "版权所有", "ICP备", "1", "举报电话", "浏览次数", "字号",
           "上一篇", "分享到", "-", "|", " ", "标题", "报告", "x"]


def _noise_sources() -> list[str]:
    from drafter.datafile import load_data

    return load_data("structure.yaml")["noise"]["patterns"]


def test_any_of_finds_the_web_page_lines_each_pattern_finds():
    sources = _noise_sources()
    combined, each = AnyOf(sources), [re.compile(p) for p in sources]
    lines = [t for t in _paragraphs() if len(t) <= 100]
    assert sum(combined.search(t) for t in lines) > (20 if corpus_reports() else 0)
    for text in lines:
        assert combined.search(text) == any(p.search(text) for p in each), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CHROME), max_size=8).map("".join))
def test_any_of_answers_as_each_pattern_on_any_mix(text):
    sources = _noise_sources()
    assert AnyOf(sources).search(text) == any(re.search(p, text) for p in sources)


@pytest.mark.parametrize(
    ("patterns", "text", "found"),
    [
        (["^a|b"], "xb", True),  # "^" holds for the first alternative only
        (["^a|b"], "xa", False),
        (["^(?:a|b)"], "xb", False),
        (["(督查|督察)", "规定"], "督察", True),  # with groups: one search per pattern
        (["a$", "^b"], "ba", True),
        ([], "a", False),
    ],
)
def test_any_of_keeps_each_pattern_s_anchor(patterns, text, found):
    assert AnyOf(patterns).search(text) == found == any(re.search(p, text) for p in patterns)


def test_the_lexicons_searched_at_once():
    lexicon = names._names()
    texts = list(_paragraphs()) + ["推进法制政府建设。", "执法人员佩戴执法记录议。", "落实《法治政府建设与责任落实督查工作规定》。"]
    for text in texts:
        assert lexicon.any_wrong_word.search(text) == any(w.search(text) for w, _, _ in lexicon.wrong_words)
        assert lexicon.any_regulation.search(text) == any(w.search(text) for _, w in lexicon.regulations)
        assert lexicon.any_name.search(text) == (lexicon.any_wrong_word.search(text) or lexicon.any_regulation.search(text))


def _plain_classify(text: str, strict: bool) -> tuple[str, ...]:
    patterns = structure_patterns()
    found: list[str] = []
    for key in patterns.match_order:
        rule = patterns.parts[key]
        if any(re.search(p, text) for p in (rule.spec.strict if strict else rule.spec.patterns)):
            if rule.exclusive:
                return (key,)
            found.append(key)
    return tuple(found)


_HEADING_PIECES = ["2024年", "年度", "主要", "举措", "成效", "存在的", "问题", "不足", "原因", "下一步", "安排", "计划", "党政",
                   "主要负责人", "履行", "第一责任人", "职责", "其他", "整改", "基本情况", "情况", "建设", "工作", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_PIECES), max_size=6).map("".join), st.booleans())
def test_a_heading_names_the_parts_each_pattern_names(text, strict):
    assert structure_patterns().classify(text, strict=strict) == _plain_classify(text, strict)


def test_every_structure_pattern_compiles_though_each_waits_for_its_first_use():
    """The parts' patterns (one by one and searched at once) and the rest of structure.yaml's
    are compiled when first tried; a pattern re.compile refuses must still not ship."""
    patterns = structure_patterns()
    for part in patterns.parts.values():
        assert len(part.patterns) == len(part.spec.patterns)
        for source in part.spec.strict:
            re.compile(source)
        assert not part.any_pattern.search("") and not part.any_strict.search("")  # compiles both halves
    assert not patterns.noise.search("")
    assert patterns.metadata.compiled.findall("") == []


def test_real_headings_name_the_parts_each_pattern_names():
    named = 0
    for text in _paragraphs():
        heading = parse_heading(text)
        for title in (text, heading.text if heading else text):
            for strict in (False, True):
                assert structure_patterns().classify(title, strict=strict) == _plain_classify(title, strict), title
                named += bool(_plain_classify(title, strict))
    assert named > 50


# ---------------------------------------------------------------------------------------------
# Heading markers: the marker chosen by its first character, against trying all five in order


def _plain_marker(text: str):
    m, level = markers._L2.match(text), 2
    if not m:
        m, level = markers._PART_WORD.match(text), 1
    if not m:
        m, level = markers._L4.match(text), 4
    if not m:
        m, level = markers._L1.match(text), 1
        if m and markers._NOT_L1.match(text):
            m = None
    if not m:
        m, level = markers._L3.match(text), 3
    return (m.span(), level) if m else None


def _plain_split_run_in(rest: str) -> tuple[str, str]:
    for i, ch in enumerate(rest):
        if ch in "。！？!?" or (ch in "：:" and i < len(rest) - 1):
            return rest[:i].strip(markers.SPACES), rest[i + 1:].strip(markers.SPACES)
    return rest.rstrip("。.；;，," + markers.SPACES), ""


def _chosen_marker(text: str):
    m, level = markers._marker(text)
    return (m.span(), level) if m else None


def test_a_digit_is_what_isdecimal_says():
    """_marker tries 1. when str.isdecimal, which must be what \\d matches."""
    digit = re.compile(r"\d")
    assert all(bool(digit.match(c)) == c.isdecimal() for c in map(chr, range(0x110000)))


_MARKER_PIECES = ["一", "二", "十", "、", ".", "．", "（", "(", "）", ")", "第", "部分", "1", "12", "３", "，", ",", " ", "\u3000",
                  "是", "季度", "加强学习", "。", "：", "正文", "!"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_MARKER_PIECES), max_size=7).map("".join))
def test_the_marker_is_the_one_tried_in_order(text):
    assert _chosen_marker(text) == _plain_marker(text)
    assert split_run_in(text) == _plain_split_run_in(text)


def test_markers_of_real_paragraphs():
    for text in _paragraphs():
        assert _chosen_marker(text) == _plain_marker(text), text
        assert split_run_in(text) == _plain_split_run_in(text), text
    assert sum(parse_heading(t) is not None for t in _paragraphs()) > 30


# ---------------------------------------------------------------------------------------------
# Years of a text


# drafter.reading.year's patterns as they were written
_PLAIN_NOT_YEARS = re.compile(r"《[^》]*》|<[^>]*>|\d{4}\s*[-－—–~～至到]\s*\d{4}\s*年?|\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
_PLAIN_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")


def _plain_years(text: str) -> list[int]:
    return [int(y) for y in _PLAIN_YEAR.findall(_PLAIN_NOT_YEARS.sub("", text)) if 1990 <= int(y) <= 2100]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["2024", "20", "4", "年", "《", "》", "<", ">", "-", "~", "至", " ", "3", "月", "5日", "度", "x"]),
                max_size=10).map("".join))
def test_book_titles_ranges_and_dates_taken_out_as_written(text):
    assert reading_year._NOT_YEARS.sub("", text) == _PLAIN_NOT_YEARS.sub("", text)
    assert reading_year._YEAR.findall(text) == _PLAIN_YEAR.findall(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["2024", "20", "24", "年", "《", "》", "-", "至", "3月", "5日", "度", "x", " "]), max_size=8).map("".join))
def test_years_of_any_text(text):
    assert reading_year.plain_years(text) == _plain_years(text)


def test_years_of_real_paragraphs():
    assert all(reading_year.plain_years(t) == _plain_years(t) for t in _paragraphs())


# ---------------------------------------------------------------------------------------------
# The rules' patterns: a number from its first digit, the words each pattern is skipped on

_PLAIN_NUMBER = r"(?<![\d.])(\d+(?:\.\d+)?)"
_PLAIN_INTEGER = r"(?<![\d.])(\d+)"
_NUMBER_PIECES = ["1", "23", "0", ".", "．", "5.5", "年", "-", "/", "度", "月", "%", "％", "件", "余", "万", " ", "约", "左右", "今年",
                  "截止", "2024", "人次", "次", "四", "十", "二", "一", "两", "第", "实事", "会议", "率", "处置", "《", "》", "，", "。", "x"]


def _spans(pattern, text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=10).map("".join))
def test_a_number_read_from_its_first_digit(text):
    for fast, plain in ((NUMBER, _PLAIN_NUMBER), (INTEGER, _PLAIN_INTEGER), (NUMBER + "件", _PLAIN_NUMBER + "件"),
                        (r"(\d(?<![\d.\-/年]\d)\d)\s*年", r"(?<![\d.\-/年])(\d{2})\s*年")):
        assert _spans(re.compile(fast), text) == _spans(re.compile(plain), text)


# check_rules.yaml's chinese_count as it was written before its parts were named
_PLAIN_CHINESE_COUNT = ("(?<![一二三四五六七八九十百千万第星周礼拜农初两])(?P<num>[二三四五六七八九十]|[一二三四五六七八九]?十[一二三四五六七八九]?)"
                        "(?P<unit>人次|次|场|件|期|份|篇|名)(?!实事|大事|好事|会议)")


def _rule_patterns() -> list[LazyPattern]:
    rules = load_check_rules()
    made = norms._patterns(rules)
    out = [made.approx, made.approx_about, made.approx_redundant, made.short_year, made.jiezhi, made.this_year,
           made.chinese_count, made.percent]
    out += [figures._patterns(rules).general, figures._patterns(rules).simple, figures._RATE]
    year_words = names._YearWords.of(rules)
    return out + [year_words.without_nian, year_words.double_niandu, names._OUTLINE, years._CURRENT, years._PLANNED]


def _plain_rule_patterns() -> list[str]:
    """The same patterns as they were written, the number matched after its test."""
    rules = load_check_rules()
    approx = norms._approx_sources(rules)
    return [approx["approx"].replace(NUMBER, _PLAIN_NUMBER), approx["approx.about"].replace(INTEGER, _PLAIN_INTEGER),
            approx["approx.redundant"],
            rf"(?<![\d.\-/年])(\d{{2}})\s*年(?={rules['short_year']['followed_by']})",
            rules["jiezhi"], rules["this_year"], _PLAIN_CHINESE_COUNT, _PLAIN_NUMBER + r"\s*[%％]",
            rules["procedures"]["general"], rules["procedures"]["simple"], figures._RATE.pattern,
            rules["year_words"]["without_nian"], rules["year_words"]["double_niandu"], names._OUTLINE.pattern,
            years._CURRENT.pattern, years._PLANNED.pattern]


def test_each_rule_pattern_answers_as_written_on_real_text():
    fast, plain = _rule_patterns(), [re.compile(p) for p in _plain_rule_patterns()]
    assert len(fast) == len(plain)
    texts = _paragraphs()
    skipped = 0
    for lazy, regex in zip(fast, plain):
        for text in texts:
            assert _spans(lazy, text) == _spans(regex, text), (regex.pattern, text)
            skipped += not lazy.could_match(text)
    assert skipped > len(fast) * len(texts) // 2  # the quick reject does reject


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=10).map("".join))
def test_each_rule_pattern_answers_as_written_on_any_mix(text):
    for lazy, plain in zip(_rule_patterns(), _plain_rule_patterns()):
        assert _spans(lazy, text) == _spans(re.compile(plain), text), plain


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["年", "年度", "%", "余", "多", "约", "左右", "件", "x", "今年"]), max_size=4).map("".join),
                max_size=6))
def test_a_gate_keeps_every_paragraph_a_pattern_matches(texts):
    patterns = _rule_patterns()
    paragraphs = [_Text(t) for t in texts]
    for group in ([patterns[0], patterns[1], patterns[2]], [patterns[3]], [patterns[7]], [years._CURRENT, years._PLANNED]):
        kept = Gate(*group).paragraphs(paragraphs)
        assert kept == [p for p in paragraphs
                        if any(not pattern.anchor or any(word in p.text for word in pattern.anchor) for pattern in group)]
        assert all(p in kept for p in paragraphs if any(pattern.could_match(p.text) for pattern in group))
        assert all(p in kept for p in paragraphs if any(pattern.compiled.search(p.text) for pattern in group))


def test_a_count_in_numerals_holds_its_last_numeral_and_its_unit():
    made = norms._patterns(load_check_rules())
    gate = Gate(made.chinese_count, found_in_each=made.chinese_count_near)
    paragraphs = [_Text(t) for t in _paragraphs()] + [_Text("召开会议四次，开展培训二十一场、宣传十场，十件实事")]
    kept = gate.paragraphs(paragraphs)
    counted = [p for p in paragraphs if made.chinese_count.compiled.search(p.text)]
    assert counted and all(p in kept for p in counted)
    assert len(kept) < len(paragraphs) // 4


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["二", "十", "一", "九", "两", "第", "次", "人次", "场", "件", "实事", "会议", "x", "，"]), max_size=8).map("".join))
def test_a_count_in_numerals_is_never_skipped(text):
    made = norms._patterns(load_check_rules())
    if re.search(_PLAIN_CHINESE_COUNT, text):
        assert made.chinese_count_near.search(text)


# ---------------------------------------------------------------------------------------------
# Repeated clauses and sentences

def _plain_clause_keys(text: str, minimum: int) -> list[str]:
    keys = [norms._STRIP.sub("", norms._ENUM.sub("", piece.strip())) for piece in norms._CLAUSE_SPLIT.split(text)]
    return [key for key in keys if len(key) >= minimum]


def _plain_sentence_keys(texts: list[str], minimum: int) -> list[str]:
    keys = [norms._STRIP.sub("", s) for text in texts for _, s in sentence_spans(text)]
    return [key for key in keys if len(key) >= minimum]


def _repeats(keys: list[str]) -> bool:
    return len(set(keys)) < len(keys)


_CLAUSE_PIECES = ["一是", "二是", "同时", "并且", "并", "进一步", "加强执法队伍建设", "开展普法宣传活动", "学法", "，", "。", "；", "：",
                  "、", "“", "”", "（", "）", " ", "\u3000", "」", "』", "！", "?", ";", "x"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=14).map("".join), st.integers(1, 10))
def test_a_repeated_clause_is_never_skipped(text, minimum):
    if _repeats(_plain_clause_keys(text, minimum)):
        assert norms.may_repeat_clause(text, minimum)


def test_repeated_clauses_of_real_paragraphs():
    minimum = int(load_check_rules()["repeated_clause_min_chars"])
    texts = list(_paragraphs())
    repeating = [t for t in texts if _repeats(_plain_clause_keys(t, minimum))]
    assert all(norms.may_repeat_clause(t, minimum) for t in repeating)
    assert sum(norms.may_repeat_clause(t, minimum) for t in texts) < len(texts) // 4  # most are skipped


def _clauses_one_by_one(texts: list[str], minimum: int) -> list[int]:
    return [i for i, text in enumerate(texts) if norms.may_repeat_clause(text, minimum)]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_CLAUSE_PIECES + ["\x00", "\n"]), max_size=12).map("".join), max_size=6),
       st.integers(1, 10))
@example(["加强执法队伍建设，开展普法宣传活动", "开展普法宣传活动。加强执法队伍建设"], 8)
@example(["加强执法队伍建设，加强执法队伍建设", "x\x00加强执法队伍建设"], 8)
def test_repeated_clauses_decided_at_once(texts, minimum):
    stripped = norms._stripped(texts)
    assert stripped == [norms._STRIP_INSIDE.sub("", text) for text in texts]
    assert norms.may_repeat_clauses(stripped, minimum) == _clauses_one_by_one(texts, minimum)


def test_repeated_clauses_of_real_documents_at_once():
    minimum = int(load_check_rules()["repeated_clause_min_chars"])
    documents = [list(_paragraphs()[i:i + 40]) for i in range(0, len(_paragraphs()), 40)]
    found = 0
    for texts in documents:
        expected = _clauses_one_by_one(texts, minimum)
        assert norms.may_repeat_clauses(norms._stripped(texts), minimum) == expected
        found += len(expected)
    assert found  # some paragraphs do repeat a clause end


def test_a_stripped_heading_is_its_stripped_marker_and_rest():
    """_check_repeats reads a heading's rest from the stripped paragraph, cut after its stripped marker."""
    headings = [(text, h.marker) for text in _paragraphs() for h in [parse_heading(text)] if h is not None]
    assert len(headings) > 20
    for text, marker in headings:
        rest = text[len(marker):]
        assert norms._STRIP_INSIDE.sub("", text)[len(norms._STRIP_INSIDE.sub("", marker)):] == norms._STRIP_INSIDE.sub("", rest)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=10).map("".join), max_size=5), st.integers(1, 10))
def test_repeated_sentences_decided_at_once(texts, minimum):
    plain = _repeats(_plain_sentence_keys(texts, minimum))
    if any(c in "".join(texts) for c in "」』】"):
        assert norms.may_repeat_sentence(texts, minimum) or not plain
    else:
        assert norms.may_repeat_sentence(texts, minimum) == plain


def test_repeated_sentences_of_real_documents():
    minimum = int(load_check_rules()["repeated_sentence_min_chars"])
    documents = [list(_paragraphs()[i:i + 40]) for i in range(0, len(_paragraphs()), 40)]
    for texts in documents:
        assert norms.may_repeat_sentence(texts, minimum) == _repeats(_plain_sentence_keys(texts, minimum))


# ---------------------------------------------------------------------------------------------
# The figures of a sentence, taken from its paragraph's (and placed in it)


def _check_sentence_figures(text: str) -> int:
    rules = load_check_rules()
    found = figures.extract_figures(text, rules)
    taken = figures._sentences(text, found, rules)
    read = [(offset, s, [(f.value, f.number, f.unit, f.approx, f.label, offset + f.start, offset + f.end)
                         for f in figures.extract_figures(s, rules)]) for offset, s in sentence_spans(text)]
    assert [(offset, s, [(f.value, f.number, f.unit, f.approx, f.label, f.start, f.end) for f in figs])
            for offset, s, figs in taken] == read, text
    return sum(len(f) for _, _, f in taken)


def test_sentence_figures_of_real_paragraphs():
    assert sum(_check_sentence_figures(t) for t in _paragraphs()) > (500 if corpus_reports() else 20)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["共", "12", "件", "，", "其中", "3", "余", "人次", "。", "」", "』", "”", "’", "）", "约", "超过", "万元",
                                 "1.5", "；", "！", "x", " ", "处置"]), max_size=12).map("".join))
@example("共12件。」其中3件")  # the second label would begin with 」, which ends the sentence before
@example("已处置5件。”超过3件")
def test_sentence_figures_of_any_mix(text):
    _check_sentence_figures(text)


# ---------------------------------------------------------------------------------------------
# The paragraphs the figures rule reads: those holding a word one of its checks needs

def _figure_findings(texts: list[str], every_paragraph: bool) -> list[dict]:
    from drafter.check.context import CheckDocument
    from drafter.recognise import recognise

    patterns = structure_patterns()
    doc = CheckDocument(path="x", kind="text", structure=recognise(texts, patterns=patterns), rules=load_check_rules(),
                        patterns=patterns)
    if not every_paragraph:
        figures.check(doc)
        return [f.to_json() for f in doc.findings]
    made = figures._patterns(doc.rules)
    for p in doc.content:  # the rule as it was: every paragraph's figures read
        found = figures.extract_figures(p.text, doc.rules)
        if not found:
            continue
        figures._check_procedures(doc, p, found, made)
        figures._check_rates(doc, p, found, made)
        if len(found) >= 2:
            sentences = figures._sentences(p.text, found, doc.rules)
            figures._check_totals(doc, p, sentences, made)
            figures._check_breakdowns(doc, p, sentences, made)
    return [f.to_json() for f in doc.findings]


_FIGURE_MIXES = ["共12件，其中主办8件、协办6件。", "采集上报城市管理案件55401件，已处置55001件，处置率98.5%。",
                 "数字城管平台上报问题线索400件，已处置420件。", "全年共办理案件30件，其中一般程序40件。",
                 "全年办理行政处罚案件60件，其中一般程序案件27件、简易程序案件32件。", "应出庭12次，实际出庭14次。",
                 "应参考120人，实际参考130人，合格率105%。"]


def test_the_figures_rule_reads_the_paragraphs_its_checks_need():
    texts = list(_paragraphs()) + _FIGURE_MIXES
    for start in range(0, len(texts), 40):
        assert _figure_findings(texts[start:start + 40], False) == _figure_findings(texts[start:start + 40], True)
    assert len(_figure_findings(_FIGURE_MIXES, False)) >= 5
    skipped = figures._patterns(load_check_rules()).checked.paragraphs([_Text(t) for t in texts])
    assert len(skipped) < len(texts) // 2  # most paragraphs are not read


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["共", "合计", "12", "8", "件", "人", "，", "其中", "余", "。", "、", "上报", "处置", "应出庭", "出庭",
                                 "率", "%", "一般程序", "简易程序", "案件", "x"]), max_size=14).map("".join))
def test_the_figures_rule_reads_any_mix_it_needs(text):
    assert _figure_findings([text], False) == _figure_findings([text], True)


# ---------------------------------------------------------------------------------------------
# Half-width marks looked for in the whole document first

@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([",", ";", ":", "?", "!", '"', "(", ")", "<", ">", "，", "（", "x", "执法", "1", ".", " ", "\n"]),
                max_size=8).map("".join))
def test_a_text_without_a_half_width_mark_has_none_to_report(text):
    from drafter.punctuation import _HALF_MARK, halfwidth_marks, holds_halfwidth_mark

    assert holds_halfwidth_mark(text) == bool(_HALF_MARK.search(text))
    if not holds_halfwidth_mark(text):
        assert halfwidth_marks(text) == []


def test_half_width_marks_of_real_paragraphs():
    from drafter.punctuation import halfwidth_marks, holds_halfwidth_mark

    texts = _paragraphs()
    assert any(halfwidth_marks(t) for t in texts) or not corpus_reports()
    for text in texts:
        if not holds_halfwidth_mark(text):
            assert halfwidth_marks(text) == []


# ---------------------------------------------------------------- a check given its year (answers)
# The check of an answers file's text (a draft's) leaves the weak year clues unread: it is
# given the year, and drafter.check.years reads no body, plans or publish-date evidence then.


def _answers_check(paragraphs: list[str], year: int, weak: bool) -> tuple[list[dict], list]:
    from drafter.check.context import CheckDocument
    from drafter.check.runner import run_rules
    from drafter.recognise import recognise

    patterns = structure_patterns()
    structure = recognise(paragraphs, year=year, patterns=patterns, weak_year_clues=weak)
    doc = CheckDocument(path="x", kind="answers", structure=structure, rules=load_check_rules(), patterns=patterns)
    evidence = [(where, value, None if para is None else para.number) for where, value, para in structure.year_evidence]
    return [f.to_json() for f in run_rules(doc)], evidence


def _assert_same_check_without_weak_clues(paragraphs: list[str], year: int) -> tuple[list[dict], list]:
    full, evidence = _answers_check(paragraphs, year, weak=True)
    quick, strong = _answers_check(paragraphs, year, weak=False)
    assert quick == full, (year, paragraphs[:3])
    assert strong == [e for e in evidence if e[0] not in ("body", "plans", "published")]
    return full, evidence


def _texts_with_years() -> list[tuple[list[str], int]]:
    """The examples' text and the corpus reports (damaged copies too), each with its year and
    with the years either side (an answers file carried, or a year typed wrong)."""
    from drafter.answers import load_answers
    from drafter.document import compose

    texts = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        report = load_answers(path).report
        texts.append(([str(p) for p in compose(report).paragraphs()], report.year))
    for path in corpus_reports():
        text = path.read_text(encoding="utf-8")
        for damage in (lambda t, y: t, *TRANSFORMS.values()):
            lines = [line.strip() for line in damage(text, report_year(path)).splitlines() if line.strip()]
            texts.append((lines, report_year(path)))
    return [(paragraphs, year + shift) for paragraphs, year in texts for shift in (0, -1, 1)]


def test_a_check_given_its_year_finds_the_same_without_the_weak_year_clues():
    found = [_assert_same_check_without_weak_clues(paragraphs, year) for paragraphs, year in _texts_with_years()]
    # not vacuous: the weak clues were there to leave out, and the year rules did report
    assert sum(any(e[0] == "body" for e in evidence) for _, evidence in found) > len(found) // 2
    assert any(f["rule"].startswith("year.") for findings, _ in found for f in findings)


def test_a_draft_s_check_is_given_its_year_without_the_weak_clues():
    from drafter.answers import load_answers
    from drafter.check.runner import check_composed
    from drafter.document import compose

    report = load_answers(EXAMPLES / "county-urban-management-bureau.yaml").report
    structure = check_composed(report, compose(report)).structure
    assert structure.year == report.year
    assert structure.year_evidence and not [e for e in structure.year_evidence if e[0] in ("body", "plans", "published")]
