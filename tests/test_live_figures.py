"""Numbers in prose are figures: the 【key】 reference syntax, custom figures, rendering, and the
catalogue's sentences for figures the prose does not state (issue 11, items 1, 2 and 9)."""

from __future__ import annotations

import random
import re

import pytest

from conftest import EXAMPLES, old_style_text

from drafter.answers import load_answers, load_report
from drafter.catalogue import catalogue
from drafter.document import compose
from drafter.errors import InvalidAnswers
from drafter.text import format_percent
from drafter.wording import figure_sentences, opening_word, sentence_groups

TOWN = next(p for p in EXAMPLES if p.stem == "town-government")
BUREAU = next(p for p in EXAMPLES if p.stem == "county-urban-management-bureau")


def _write(tmp_path, text: str):
    path = tmp_path / "2024.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _body(report) -> str:
    return "\n".join(compose(report).paragraphs())


# ---------------------------------------------------------------- rendering references


def test_references_become_their_values_with_approximation():
    text = _body(load_report(BUREAU))
    assert "提出修改意见8次" in text
    assert "全局干部职工200余人中持有执法资格的为142人" in text
    assert "【" not in text


def test_a_rate_reference_is_computed(tmp_path):
    source = BUREAU.read_text(encoding="utf-8").replace(
        "核查闭环管理。", "核查闭环管理，问题处置率达【digital_handling_rate】。")
    report = load_report(_write(tmp_path, source))
    assert "问题处置率达99.28%" in _body(report)


def test_a_figure_stated_in_prose_is_not_stated_again(tmp_path):
    source = BUREAU.read_text(encoding="utf-8").replace(
        "一般程序案件全部经过法制审核。",
        "全年办理行政处罚案件【penalty_cases】件，其中一般程序案件【penalty_general】件全部经过法制审核。")
    text = _body(load_report(_write(tmp_path, source)))
    assert text.count("59件") == 1 and text.count("27件") == 1
    assert "全年办理行政处罚案件59件，其中一般程序案件27件全部经过法制审核" in text
    # the simple-procedure count, which the prose does not give, still has its sentence (the
    # first clause of one joining the topic's short figure sentences)
    assert "。适用简易程序办理的处罚案件32件，新办行政执法证件6个" in text


def test_an_old_answers_file_without_references_gives_the_same_document():
    for example in EXAMPLES:
        from drafter.answers import validate_data
        from ruamel.yaml import YAML

        old = validate_data(YAML(typ="safe").load(old_style_text(example)), example)
        assert not old.custom_figures
        assert compose(old).paragraphs() == compose(load_report(example)).paragraphs(), example.stem


# ---------------------------------------------------------------- errors naming the line


def _error(tmp_path, text: str) -> str:
    with pytest.raises(InvalidAnswers) as caught:
        load_answers(_write(tmp_path, text))
    return str(caught.value)


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_an_unknown_reference_names_its_line_and_the_closest_key(tmp_path):
    source = BUREAU.read_text(encoding="utf-8").replace("【law_drafting_comments】", "【law_drafting_coments】")
    message = _error(tmp_path, source)
    assert f"第 {_line_of(source, 'law_drafting_coments')} 行" in message
    assert "引用了未知的数据“【law_drafting_coments】”，是否想写“【law_drafting_comments】”？" in message


def test_a_malformed_reference_is_named(tmp_path):
    source = BUREAU.read_text(encoding="utf-8").replace("【law_drafting_comments】", "【Law_Drafting_Comments】")
    message = _error(tmp_path, source)
    assert "“【Law_Drafting_Comments】”不是有效的数据引用" in message and "【law_drafting_comments】" in message


def test_chinese_inside_brackets_is_ordinary_text(tmp_path):
    source = BUREAU.read_text(encoding="utf-8").replace("核查闭环管理。", "核查闭环管理【经验做法】。")
    assert "核查闭环管理【经验做法】" in _body(load_report(_write(tmp_path, source)))


def test_a_referenced_figure_without_a_value_is_an_error_at_its_line(tmp_path):
    source = BUREAU.read_text(encoding="utf-8").replace(
        "law_drafting_comments: {label: 对上级拟定法规和裁量标准提出修改意见, unit: 次, value: 8}",
        "law_drafting_comments: {label: 对上级拟定法规和裁量标准提出修改意见, unit: 次, previous: 8}")
    message = _error(tmp_path, source)
    assert f"第 {_line_of(source, '【law_drafting_comments】')} 行" in message
    assert "“【law_drafting_comments】”（对上级拟定法规和裁量标准提出修改意见）还没有填写数值（去年：8次）" in message
    # a file still to be filled can be read on purpose (drafter figures, drafter new)
    assert load_answers(tmp_path / "2024.yaml", require_values=False).report.custom_figures["law_drafting_comments"].value is None


def test_a_catalogue_figure_referenced_but_not_entered_is_an_error(tmp_path):
    source = BUREAU.read_text(encoding="utf-8").replace("核查闭环管理。", "核查闭环管理，全年处置问题【digital_cases_handled】件。")
    source = source.replace("      digital_cases_handled: 55001\n", "")
    message = _error(tmp_path, source)
    assert "“【digital_cases_handled】”（数字化平台处置问题）还没有填写数值" in message
    assert "figures 下填写 digital_cases_handled" in message


def test_a_custom_figure_named_like_a_catalogue_indicator_is_refused(tmp_path):
    source = BUREAU.read_text(encoding="utf-8").replace("  staff: {label", "  penalty_cases: {label")
    source = source.replace("【staff】", "【penalty_cases】")
    message = _error(tmp_path, source)
    assert "自定义数据“penalty_cases”与目录指标“行政处罚案件”同名" in message
    assert f"第 {_line_of(source, '  penalty_cases: {label')} 行" in message


def test_a_figure_entered_twice_with_two_values_names_both(tmp_path):
    source = TOWN.read_text(encoding="utf-8").replace("      contracts_reviewed: 15\n", "      contracts_reviewed: 15\n      trainings: 7\n")
    message = _error(tmp_path, source)
    assert "数据项“法治培训”填写了两次（5和7）" in message


def test_a_flag_cannot_be_referenced(tmp_path):
    source = TOWN.read_text(encoding="utf-8").replace("同部署、同考核。", "同部署、同考核，述法【duty_law_report】。")
    assert "是“是/否”类数据，不是数字" in _error(tmp_path, source)


# ---------------------------------------------------------------- the catalogue's sentences


def test_figure_sentences_join_the_last_paragraph_of_their_topic():
    for example in EXAMPLES:
        report = load_report(example)
        document = compose(report)
        measures = next(part for part in document.parts if part.key == "measures")
        topics: list[list] = []
        for block in measures.blocks:
            if block.kind == "heading2":
                topics.append([])
            else:
                topics[-1].append(block)
        for topic, blocks in zip(report.measures, topics):
            if not topic.items:
                continue
            paragraphs = sum(len([line for line in item.text.split("\n") if line.strip()]) for item in topic.items)
            if report.layout.items_as == "run" and len(topic.items) > 1:
                paragraphs = 1
            assert len(blocks) == paragraphs, (example.stem, topic.heading)


def _values(keys) -> dict[str, int]:
    """Distinct values for `keys` (parts below their totals), so each can be found in the text."""
    cat = catalogue()
    depth = {}

    def level(key: str) -> int:
        if key not in depth:
            totals = [c.total for c in cat.constraints if key in c.parts]
            depth[key] = 1 + max(level(t) for t in totals) if totals else 0
        return depth[key]

    values = {}
    for n, key in enumerate(sorted(keys)):
        values[key] = (9000, 700, 50)[min(level(key), 2)] + n
    return values


def test_every_figure_gets_a_sentence_whatever_the_prose_already_states():
    """For each group of the wording, each figure entered but not stated in the prose appears in
    the catalogue's sentences, and no figure the prose states appears there again."""
    cat = catalogue()
    rng = random.Random(11)
    for group in sentence_groups():
        keys = sorted({k for v in group for k in v.figures if cat.indicators[k].type != "flag"})
        for _ in range(40):
            present = [k for k in keys if rng.random() < 0.7] or keys[:1]
            stated = {k for k in present if rng.random() < 0.4}
            figures = _values(present)
            from drafter.model import rates_of

            rates = rates_of(figures)
            text = "".join(s for _, s in figure_sentences(figures, rates, {}, stated=stated))
            for key in present:
                written = re.search(rf"(?<!\d){figures[key]}(?!\d)", text) is not None
                # a count the sentence gives through its rate ("合格率100%") is written too
                written = written or any(
                    r.numerator == key and r.key in rates and format_percent(rates[r.key]) in text
                    for r in cat.rates.values())
                assert written is (key not in stated), (key, present, stated, text)


def _sentences(block_text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？；])", block_text) if s.strip()]


def _three_alike(report) -> list[str]:
    bad = []
    for part in compose(report).parts:
        for block in part.blocks:
            openings = [opening_word(s) for s in _sentences(block.text)]
            for i in range(len(openings) - 2):
                if openings[i] == openings[i + 1] == openings[i + 2]:
                    bad.append(block.text)
    return bad


def _with_random_figures(example, rng: random.Random):
    """The example with a random choice of its topics' catalogue figures."""
    from drafter.answers import validate_data
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(old_style_text(example))
    cat = catalogue()
    enforces = data["unit"]["kind"] != "事业单位"
    for topic in data["measures"]:
        spec = cat.topics.get(topic["key"])
        keys = [k for k in (spec.indicators if spec else ()) if enforces or not cat.indicators[k].enforcement]
        chosen = [k for k in keys if rng.random() < 0.6]
        topic["figures"] = _values(chosen)
    duty = [k for k in cat.duty_indicators if k not in {k for t in data["measures"] for k in t["figures"]}]
    data["duty"]["figures"] = {k: (True if cat.indicators[k].type == "flag" else v)
                               for k, v in _values([k for k in duty if rng.random() < 0.6]).items()}
    return validate_data(data, example)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_never_three_sentences_in_a_row_open_alike(example):
    assert _three_alike(load_report(example)) == []
    rng = random.Random(example.stem)
    for _ in range(30):
        report = _with_random_figures(example, rng)
        assert _three_alike(report) == [], [t for t in report.measures]


def test_the_sentences_speak_as_the_unit():
    town = _body(load_report(TOWN))
    assert "我镇全年开展普法宣传活动80场" in town
    from drafter.wording import subject_of

    assert subject_of("西峡县城市管理局") == "我局"
    assert subject_of("山阳区环卫服务中心") == "我中心"
    assert subject_of("南市街道办事处") == "我街道"
    assert subject_of("某某有限公司") == "我单位"


def test_a_wording_is_passed_over_when_it_would_open_a_third_sentence_alike():
    before = {None: ["我局建立健全执法监督制度。", "我局落实行政执法三项制度。"]}
    first = figure_sentences({"penalty_cases": 59}, {}, {}, subject="我局")
    varied = figure_sentences({"penalty_cases": 59}, {}, {}, subject="我局", before=before)
    assert first == [("penalty_cases", "我局全年办理行政处罚案件59件。")]
    assert varied == [("penalty_cases", "全年办理行政处罚案件59件。")]
    # and within the catalogue's own run of sentences
    run = figure_sentences({"penalty_cases": 59, "certified_officers": 40, "exemption_list_items": 23}, {}, {}, subject="我局")
    assert [s for _, s in run] == ["我局全年办理行政处罚案件59件。", "持证执法人员现有40人。", "我局梳理免予处罚清单事项23项。"]


def test_two_sentences_in_a_row_do_not_both_open_with_the_units_name_for_itself():
    """"我局全年无行政复议和行政诉讼案件。我局受理信访事项24件…" reads as a list: the second
    takes its wording without 我局; after a sentence opening otherwise, 我局 is the first choice."""
    after_we = figure_sentences({"penalty_cases": 59}, {}, {}, subject="我局", before={None: ["我局建立健全执法监督制度。"]})
    assert after_we == [("penalty_cases", "全年办理行政处罚案件59件。")]
    after_other = figure_sentences({"penalty_cases": 59}, {}, {}, subject="我局", before={None: ["建立健全执法监督制度。"]})
    assert after_other == [("penalty_cases", "我局全年办理行政处罚案件59件。")]
    town = figure_sentences({"petitions": 24, "petitions_closed": 24, "reconsideration_cases": 0, "litigation_cases": 0},
                            {"petition_closure_rate": 1.0}, {}, subject="我镇")
    openings = [opening_word(s) for _, s in town]
    assert len(town) == 2 and openings[0] == "我镇" and openings[1] != "我镇", town


# ---------------------------------------------------------------- next year


def test_next_year_leaves_every_referenced_figure_to_fill_and_writes_no_draft(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "2024.yaml").write_text(BUREAU.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("new", "--dir", folder, "--year", "2025", "--defaults", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "正文引用的 3 项数据还没有今年的数值，暂不生成草稿" in result.output
    assert "drafter figures" in result.output
    assert not list(tmp_path.glob("*.docx"))
    carried = load_answers(folder / "2025.yaml", require_values=False).report
    assert {k: (f.value, f.previous) for k, f in carried.custom_figures.items()} == {
        "law_drafting_comments": (None, 8), "staff": (None, 200), "staff_certified": (None, 142)}
    assert carried.custom_figures["staff"].approximate
    # rendering it is refused, naming the line of each reference
    refused = cli("render", folder / "2025.yaml", "-o", tmp_path / "d.docx")
    assert refused.exit_code != 0 and "还没有填写数值（去年：8次）" in refused.stderr
