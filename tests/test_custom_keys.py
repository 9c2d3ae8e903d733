"""Custom figures are keyed by their labels, readably: an import of a real report, clean or as a
damaged web copy, names its custom figures 【pufa_xuanchuan_huodong】, not 【figure_7】; each
key is valid, unique, never a catalogue key; next year keeps the keys; and no custom figure is
named by its own number ("“拆牌破网”7600余平方米", "2起3人次")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from damage import TRANSFORMS, corpus_reports, report_year
from drafter.catalogue import catalogue
from drafter.datafile import load_data
from drafter.figures.keys import custom_keys, label_key
from drafter.figures.literals import literal_numbers
from drafter.model import check_custom_keys

REPORTS = corpus_reports()
needs_corpus = pytest.mark.skipif(not REPORTS, reason="shared/corpus is not beside the repository")
RULES = load_data("custom_keys.yaml")
VALID = re.compile(r"[a-z][a-z0-9_]*")
HAN = re.compile(r"[\u4e00-\u9fff]")
FALLBACK = re.compile(r"figure_\d+")


def _import(tmp_path: Path, text: str, name: str = "2024.txt"):
    from drafter.importing import import_report

    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return import_report(source).report


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin("".join(HAN.findall(text))))


def _base(key: str, keys: list[str]) -> str:
    """The key without the _2, _3 a repeated label gets."""
    m = re.fullmatch(r"(.+)_(\d+)", key)
    return m[1] if m and m[1] in keys else key


def assert_readable(custom: dict) -> None:
    """Every custom figure of an import: named by words, keyed by their pinyin (a tail of the
    label's, each word's syllables together), valid, unique, not a catalogue key."""
    cat = catalogue()
    keys = list(custom)
    check_custom_keys(custom)  # the model's own rule: lower-case ASCII, not a catalogue key
    for key, spec in custom.items():
        label = spec.label
        assert VALID.fullmatch(key) and key not in cat.indicators and key not in cat.rates, key
        assert len(HAN.findall(label)) >= 2, (key, label)  # words, not "3人次" or "7600余平方米"
        assert not any(n.text == label for n in literal_numbers(label)), (key, label)
        assert not FALLBACK.fullmatch(key), (key, label)
        base = _base(key, keys)
        words = base.split("_")
        # the last few words (one-character words such as 车, 进 not counted), within the length
        assert 1 <= len(words) <= 2 * RULES["words"] and len(base) <= RULES["max_length"], key
        spelled = _pinyin(label)
        assert all(word in spelled for word in words), (key, label, spelled)
        assert spelled.endswith(words[-1]) or spelled.endswith(words[-1] + _pinyin(label[-1])), (key, label)


@needs_corpus
@pytest.mark.parametrize("transform", ["as-is", *TRANSFORMS])
def test_every_corpus_report_keys_its_custom_figures_readably(tmp_path, transform):
    imported = 0
    for path in REPORTS:
        text = path.read_text(encoding="utf-8")
        if transform != "as-is":
            text = TRANSFORMS[transform](text, report_year(path))
        report = _import(tmp_path, text, path.name)
        assert_readable(report.custom_figures)
        imported += len(report.custom_figures)
    assert imported >= 40  # the five reports hold 56 custom figures


@needs_corpus
@pytest.mark.parametrize("transform", ["one_line", "web_copy"])
def test_a_one_line_copy_names_and_keys_its_figures_as_the_clean_text_does(tmp_path, transform):
    for path in REPORTS:
        text = path.read_text(encoding="utf-8")
        clean = _import(tmp_path, text, path.name).custom_figures
        damaged = _import(tmp_path, TRANSFORMS[transform](text, report_year(path)), path.name).custom_figures
        assert {k: (f.label, f.unit, f.value) for k, f in damaged.items()} == \
            {k: (f.label, f.unit, f.value) for k, f in clean.items()}, path.name


@needs_corpus
def test_real_sentences_give_the_keys_a_clerk_can_read(tmp_path):
    """Checked by eye against the reports' sentences."""
    by_report = {path.name: _import(tmp_path, path.read_text(encoding="utf-8"), path.name).custom_figures
                 for path in REPORTS}
    rongjiang = {k: f.label for k, f in by_report["2024-rongjiang-urban-management.txt"].items()}
    assert rongjiang["jiuzheng_yangchen_xingwei"] == "纠正扬尘行为"  # not "纠正扬尘行" (为 is a word's end)
    assert rongjiang["wancheng_chaipai_powang"] == "协助完成拆牌破网"  # “拆牌破网”7600余平方米: was named "7600余平方米"
    fangzhen = {k: f for k, f in by_report["2024-fangzhen-town.txt"].items()}
    # "化解10年以上信访积案2起3人次": the second number counts the same cases (was named "3人次")
    assert (fangzhen["yishang_xinfang_jian"].unit, fangzhen["yishang_xinfang_jian_2"].unit) == ("起", "人次")
    assert fangzhen["yishang_xinfang_jian_2"].label == "化解10年以上信访积案"
    assert fangzhen["canjialv_hegelv"].label == "参加率和合格率"  # 均 is filler
    xixia = by_report["2024-xixia-urban-management-bureau.txt"]
    assert xixia["xingzheng_fuyi_weichilv"].label == "行政复议维持率"
    assert xixia["qunzhong_laixin_laifang"].label == "接受群众来信来访"
    shanyang = by_report["2024-shanyang-sanitation-center.txt"]
    assert shanyang["laji_zixie_che"].label == "垃圾自卸车"  # 垃圾 自卸 车, not 垃 圾自 卸车
    assert shanyang["chuli_anjian"].label == "处理案件"  # "2024年全年共计处理案件": the year is not a word of it


# Made-up sentences of the kinds that named a figure by its number, in a report and its one-line copy.
MADE_UP = """某某街道办事处关于2024年度法治政府建设情况的报告
2024年，我街道坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：
一、2024年推进法治政府建设的主要举措和成效
（一）加强普法宣传。开展“法律明白人”培训9场次，组织送法进小区12场、800人次。
（二）化解矛盾纠纷。调处邻里纠纷27起35人次，排查（含复核）矛盾隐患48处。
（三）规范执法行为。2024年全年共计查处占道经营行为310余次，清理“僵尸车”46辆。
二、2024年推进法治政府建设存在的不足和原因
（一）执法力量不足。执法队员仅8人，难以满足工作需要。
三、2024年党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人主持召开专题会议6次。
四、2025年推进法治政府建设的主要安排
（一）加强队伍建设。计划新增执法队员3人。
某某街道办事处
2025年3月1日
"""


@pytest.mark.parametrize("transform", ["as-is", "one_line", "web_copy", "ascii_punctuation"])
def test_made_up_sentences_name_their_figures_by_words(tmp_path, transform):
    text = MADE_UP if transform == "as-is" else TRANSFORMS[transform](MADE_UP, 2024)
    custom = _import(tmp_path, text).custom_figures
    assert_readable(custom)
    labels = {f.label: (k, f.unit) for k, f in custom.items()}
    assert labels["清理僵尸车"][1] == "辆"  # “僵尸车”46辆: the quotation's words
    assert labels["查处占道经营行为"][1] == "次"  # the year, 全年, 共计 off; 行为 kept
    assert "排查矛盾隐患" in labels  # the aside in brackets left out
    assert [f.unit for f in custom.values() if f.label == "调处邻里纠纷"] == ["起", "人次"]
    assert [f.unit for f in custom.values() if f.label == "组织送法进小区"] == ["场", "人次"]


def test_next_year_keeps_the_keys_an_import_gave(tmp_path, cli):
    folder = tmp_path / "answers"
    folder.mkdir()
    source = tmp_path / "2024.txt"
    source.write_text(MADE_UP, encoding="utf-8")
    assert cli("import", source, "-o", folder / "2024.yaml").exit_code == 0
    from drafter.answers import load_answers

    first = load_answers(folder / "2024.yaml").report
    result = cli("new", "--year", "2025", "--dir", folder, "--no-input", "-o", tmp_path / "2025.docx")
    assert result.exit_code == 0 and "还没有填写数值" in result.output  # every figure asked again, no draft yet
    assert not (tmp_path / "2025.docx").exists()
    second = load_answers(folder / "2025.yaml", require_values=False).report
    assert list(second.custom_figures) == list(first.custom_figures) and len(first.custom_figures) >= 6
    for key, spec in second.custom_figures.items():
        assert spec.label == first.custom_figures[key].label and spec.value is None
        assert spec.previous == first.custom_figures[key].value
        assert f"custom_figures.{key}.value" in result.output  # the message names the readable key
    from drafter.figures.refs import references, report_texts

    def referenced(report):
        return [k for _, text in report_texts(report) for k in references(text) if k in report.custom_figures]

    assert referenced(second) == referenced(first)


def test_a_key_is_the_pinyin_of_the_labels_last_words():
    assert custom_keys(["开展普法宣传活动", "出庭应诉率", "调解成功率", "垃圾自卸车", "具有执法资格的", "APP注册用户",
                        "办理12345热线工单", "开展普法宣传活动"]) == [
        "pufa_xuanchuan_huodong", "chuting_yingsulv", "tiaojie_chenggonglv", "laji_zixie_che", "juyou_zhifa_zige",
        "app_zhuce_yonghu", "banli_rexian_gongdan", "pufa_xuanchuan_huodong_2"]
    # no words to spell: figure_N, numbered after the figures already there
    assert custom_keys(["12件", "", "——"], taken=["figure_1"]) == ["figure_2", "figure_3", "figure_4"]
    assert custom_keys(["等", "的"]) == ["deng", "de"]  # filler alone is still a word
    # a run of odd length: the character alone is found by the phrases pypinyin knows (组织, 社区), and a
    # one-character word is not one of the three
    assert custom_keys(["组织送法进小区", "开展送法进社区活动"]) == ["zuzhi_songfa_jin_xiaoqu", "songfa_jin_shequ_huodong"]
    # never a catalogue key (a label in Latin letters can spell one)
    assert label_key("penalty cases") == "penalty_cases" and custom_keys(["penalty cases"]) == ["penalty_cases_2"]


COMMON = "开展普法宣传活动培训执法案件率的了和等车员化性调解行银重长"
_CHARS = st.sampled_from(list(COMMON) + list("AbZ09 ，。、“”（）%-_") + ["\u3400", "\u9fff", "𠀀", "年", "12件", "é"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_CHARS, max_size=14).map("".join), min_size=1, max_size=12),
       st.lists(st.sampled_from(["pufa", "figure_1", "figure_2", "penalty_cases", "kaizhan", "de"]), max_size=3))
def test_keys_of_any_labels_are_valid_unique_and_stable(labels, taken):
    cat = catalogue()
    keys = custom_keys(labels, taken)
    assert len(keys) == len(labels) and len(set(keys) | set(taken)) == len(set(taken)) + len(keys)
    for label, key in zip(labels, keys):
        assert VALID.fullmatch(key) and key not in cat.indicators and key not in cat.rates, (label, key)
        spelled = label_key(label)
        if spelled is None:
            assert FALLBACK.fullmatch(key), (label, key)
            lead = literal_numbers(label)  # a leading "12件" is the number, not a word
            rest = label.strip()[lead[0].end - lead[0].start:] if lead and label.strip().startswith(lead[0].text) else label
            assert not re.search(f"[A-Za-z{COMMON}]", rest), (label, key)
        else:
            assert key == spelled or re.fullmatch(re.escape(spelled) + r"_\d+", key), (label, key)
            assert len(spelled) <= RULES["max_length"], spelled
    check_custom_keys(dict.fromkeys(keys))
    assert custom_keys(labels, taken) == keys  # the same labels always give the same keys
