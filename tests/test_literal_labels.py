"""The label proposed for a typed number is the words before it in its clause, filler words
taken off its ends as numbers.yaml lists them: the fast reader gives what the plain definition
below gives, on real sentences and on any mix of the filler words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.datafile import load_data
from drafter.figures.literals import literal_numbers, number_rules, propose_label

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
RAW = load_data("numbers.yaml")
LEADING = sorted(RAW["label_strip_leading"], key=len, reverse=True)
TRAILING = sorted(RAW["label_strip_trailing"], key=len, reverse=True)
BREAKS = "，,。；;：:！？、（）()“”\n"


KEPT = RAW["label_kept_trailing"]
LIST_END = tuple(RAW["label_list_end"])
CLASSIFIERS = set(RAW["label_noun_classifiers"])
RUN_UNITS = RAW["run_units"]
YEAR = re.compile(RAW["label_leading_year"])
CLOSING = {"”": "“", "）": "（", ")": "("}


def plain_clause(text: str, floor: int, start: int) -> tuple[int, str, bool]:
    """Back from `start` to a break outside quotations and asides (or an opening mark nothing
    closed, or a line break): where that is, and the words, quotation marks and asides left out;
    and whether those words, before any filler is taken off, end with 等."""
    at, open_marks, kept = start, [], []
    while at > floor:
        char = text[at - 1]
        if char == "\n":
            break
        if char in CLOSING:
            open_marks.append(char)
        elif char in CLOSING.values():
            if not open_marks:
                break
            open_marks.pop()
        elif not open_marks and char in BREAKS:
            break
        elif "）" not in open_marks and ")" not in open_marks:
            kept.append(char)
        at -= 1
    before = "".join(reversed(kept)).strip()
    listing = before.endswith(LIST_END)
    changed = True
    while changed and before:
        changed = False
        year = YEAR.match(before)
        if year and year.end() < len(before):
            before, changed = before[year.end():].lstrip(), True
        for word in LEADING:
            if before.startswith(word) and len(before) > len(word):
                before, changed = before[len(word):], True
        for word in TRAILING:
            if before.endswith(word) and len(before) > len(word) and not before.endswith(tuple(KEPT)):
                before, changed = before[: -len(word)], True
    return max(at - 1, floor), before[-16:], listing


def plain_label(text: str, start: int, end: int, floor: int = 0, previous: str = "", run: bool = False,
                bare: bool = False) -> str:
    """The definition, written the slow way."""
    begin, before, listing = plain_clause(text, floor, start)
    if text[end - 1:end] in CLASSIFIERS and re.fullmatch("[\u4e00-\u9fff\u3400-\u4dbf]", text[end:end + 1]):
        noun = text[end:]  # "31个村（社区）全部配备法律顾问": the thing counted follows, its aside kept
        for ch in BREAKS:
            if ch not in "（）()":
                noun = noun.split(ch, 1)[0]
        noun = noun.strip()
        return (noun if listing or len(before) < 3 or before in TRAILING else before[-8:] + noun)[:16]
    after = text[end:]
    for ch in BREAKS:
        after = after.split(ch, 1)[0]
    after = after.strip()
    named = len(after) >= 2 and not re.search(r"\d", after)
    if (run or bare) and before and named:
        return (before[-8:] + after)[:16]  # "连续5年被评为…", "30万新录用公务员": named before and after
    if (listing or before in TRAILING) and named:
        if len(after) < 4 and begin > floor:  # "竞赛，近30万人次参加"
            return (plain_clause(text, floor, begin)[1][-12:] + after)[:16]
        return after[:16]  # "…等6次集体学法", "近30万人次参加": the thing counted follows the number
    if len(before) >= 2:
        return before
    if previous and re.fullmatch(r"[\s、]*", text[floor:start]):
        return previous  # "2起3人次": one thing counted twice
    if len(before + after) >= 2:
        return (before + after)[:16]
    if previous:
        return previous
    earlier = plain_clause(text, floor, begin)[1] if begin > floor else ""
    return earlier or before or text[start:end]


def test_known_labels():
    numbers = literal_numbers("全年共开展法治讲座12场，我局累计办理行政处罚案件59件，其中简易程序案件达3件。")
    assert [n.label for n in numbers] == ["开展法治讲座", "办理行政处罚案件", "简易程序案件"]


@pytest.mark.parametrize("text, labels", [
    # words run straight into the number behind a quotation: its words are the label's
    ("共协助完成“拆牌破网”7600余平方米。", ["协助完成拆牌破网"]),
    ("开展“双随机、一公开”联合检查45次。", ["开展双随机、一公开联合检查"]),
    ("当年“最多跑一次”事项达到120项。", ["当年最多跑一次事项"]),
    # an aside in brackets is left out; a number inside brackets is named from there
    ("排查（含复核）安全隐患12处。", ["排查安全隐患"]),
    ("下放综合执法事项38项（街道34项）。", ["下放综合执法事项", "街道"]),
    # one thing counted twice: the second number takes the first one's label
    ("化解信访积案2起3人次。", ["化解信访积案", "化解信访积案"]),
    ("开展送法下乡12场、800人次。", ["开展送法下乡", "开展送法下乡"]),
    # a filler character ending a word stays; filler words and a leading year go
    ("纠正占道经营行为490余次，节约警力时间约260小时。", ["纠正占道经营行为", "节约警力时间"]),
    ("2024年全年共计处理投诉案件4起。", ["处理投诉案件"]),
    ("学法考试参考率和合格率均100%。", ["学法考试参考率和合格率"]),
    ("每个中队均配置了不少于2人。", ["每个中队均配置"]),
    # nothing before the number: the words after it, else the clause before; the number itself only alone
    ("平台采集上报问题，55401件。", ["平台采集上报问题"]),
    ("12件", ["12件"]),
    # what is counted named after the number: after a list of examples, after one filler word,
    # after a number with no measure word; not when another count follows ("等9次发现问题28项")
    ("组织学习《行政复议法》《信访工作条例》等6次集体学法。", ["集体学法"]),
    ("开展执法检查、案卷评查等9次发现问题28项。", ["案卷评查", "发现问题"]),
    ("提出修改意见等8次。", ["提出修改意见"]),
    ("举办线上宪法知识竞赛，近30万人次参加。", ["举办线上宪法知识竞赛参加"]),
    ("近30万人次参加。", ["参加"]),
    # a measure word the thing counted follows: named by the words after it (with the words
    # before, unless a list, filler or too short)
    ("向全区3万名家长推送安全提示。", ["向全区家长推送安全提示"]),
    ("全镇31个村（社区）全部配备法律顾问，组建3支应急队伍。", ["村（社区）全部配备法律顾问", "应急队伍"]),
    ("深入西坪镇、回车镇等6个乡镇（街道）开展培训，新办执法证件6个。", ["乡镇（街道）开展培训", "新办执法证件"]),
    ("面向全市2万新入职职工开展宣讲。", ["面向全市新入职职工开展宣讲"]),
    ("罚没款15.6万，", ["罚没款"]),
    ("坚持平等2次。", ["坚持平等"]),
    # a run of years or terms is named by the words around it; other years and durations are no figures
    ("本单位连续5年被评为市级文明单位。", ["连续被评为市级文明单位"]),
    ("行政复议案件连续3年零败诉，连续2届获评先进集体。", ["行政复议案件连续零败诉", "连续获评先进集体"]),
    ("化解10年以上信访积案2起，近3年来落实《纲要（2021－2025年）》，2024年度共5年。", ["化解10年以上信访积案"]),
])
def test_labels_name_what_the_number_counts(text, labels):
    assert [n.label for n in literal_numbers(text)] == labels


def test_labels_of_real_sentences_follow_the_definition():
    texts = ["全年共开展法治讲座12场，参训400余人次。"]
    if CORPUS.is_dir():
        texts += [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    checked = 0
    for text in texts:
        floor, previous = 0, ""
        for number in literal_numbers(text):
            assert number.label == plain_label(text, number.start, number.end, floor, previous,
                                               number.unit in RUN_UNITS, number.unit in ("万", "亿")), text
            floor, previous = number.end, number.label
            checked += 1
    assert checked >= (50 if CORPUS.is_dir() else 2)


_PIECE = st.sampled_from(LEADING + TRAILING + KEPT + ["开展", "讲座", "，", "。", "x", " ", "（", "）", "“", "”", "(", ")",
                                                      "、", "\n", "2024年", "12件", "连续", "5年", "等", "31个", "3支", "村"])


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=10).map("".join), st.data())
def test_labels_of_filler_words_and_marks_follow_the_definition(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    floor = data.draw(st.integers(0, start))
    previous = data.draw(st.sampled_from(["", "开展讲座"]))
    run, bare = data.draw(st.booleans()), data.draw(st.booleans())
    assert propose_label(text, start, end, floor, previous, run=run, bare=bare) == \
        plain_label(text, start, end, floor, previous, run, bare)


def _first_token_pattern() -> re.Pattern[str]:
    """The number token as first written, the not-after-a-digit test in front (re then tries it
    at every character); the measure words are the current pattern's."""
    units = number_rules().token.pattern.split("(?P<unit>", 1)[1]
    return re.compile(r"(?<![\d.,A-Za-z])(?P<n>\d{1,3}(?:,\d{3}){1,3}|\d{1,12}(?:\.\d{1,6})?)(?![\d.,])\s*"
                      r"(?P<wan>万|亿)?(?P<approx>余|多)?\s*(?P<unit>" + units)


def _tokens(pattern: re.Pattern[str], text: str) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_number_tokens_are_those_of_the_first_pattern_on_real_text():
    first = _first_token_pattern()
    texts = ["全年共开展法治讲座12场，参训400余人次，罚款1,234,567元，A12件，3.14159265万元。"]
    if CORPUS.is_dir():
        texts += [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    found = 0
    for text in texts:
        assert _tokens(number_rules().token, text) == _tokens(first, text), text
        found += len(_tokens(first, text))
    assert found >= (100 if CORPUS.is_dir() else 5)


_NUMBER_PIECE = st.sampled_from(["1", "23", "4567", "1234567890123", ",", ".", " ", "a", "X", "万", "亿", "余", "多",
                                 "件", "人次", "%", "年", "，", "第"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_NUMBER_PIECE, max_size=14).map("".join))
def test_number_tokens_are_those_of_the_first_pattern_on_any_text(text):
    assert _tokens(number_rules().token, text) == _tokens(_first_token_pattern(), text)
