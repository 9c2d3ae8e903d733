"""The questionnaire over live figures (issue 11, items 4 and 5): numbers still typed as plain
text are offered as figures or confirmed as fixed, once; next year asks for every figure."""

from __future__ import annotations

from pathlib import Path

from conftest import old_style_text
from drafts import draft_text

from drafter.answers import load_answers
from drafter.questionnaire.command import NewOptions
from scripted import CTRL_U, DOWN, ENTER, run_scripted
from test_new_questionnaire import BUREAU, finished, second_year_keys


def _unconfirmed(tmp_path: Path) -> NewOptions:
    """Last year's answers written before figure references: "8次", "200余人", "142人" are plain text."""
    folder = tmp_path / "answers"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2024.yaml").write_text(old_style_text(BUREAU), encoding="utf-8")
    return NewOptions(year=2025, folder=folder, output=tmp_path / "草稿.docx")


NUMBERS = [
    ENTER, "9" + ENTER,  # "提出修改意见8次": a figure as proposed; this year 9
    "3" + ENTER,  # "200余人": a fixed wording
    "2" + ENTER, CTRL_U + "持有执法资格的干部职工" + ENTER, "=",  # "142人": a figure renamed; last year's value kept
]


def test_carried_plain_numbers_become_figures_or_fixed_wordings(tmp_path):
    options = _unconfirmed(tmp_path)
    result = run_scripted(second_year_keys(numbers=NUMBERS), options)
    finished(result)
    assert "正文中有 3 个数字还是普通文字" in result.output
    assert "提出修改意见8次。（去年的文字，原样沿用）" in result.output

    report = load_answers(options.folder / "2025.yaml").report
    custom = {key: f.model_dump(exclude_none=True) for key, f in report.custom_figures.items()}
    # keyed by the pinyin of their labels' last words (the second one as the clerk renamed it)
    assert sorted(custom) == ["tichu_xiugai_yijian", "zige_ganbu_zhigong"]
    assert custom["tichu_xiugai_yijian"]["label"].endswith("裁量标准提出修改意见")  # proposed from the words before it
    assert custom["tichu_xiugai_yijian"]["value"] == 9 and custom["tichu_xiugai_yijian"]["previous"] == 8
    assert custom["tichu_xiugai_yijian"]["unit"] == "次"
    assert custom["zige_ganbu_zhigong"] == {"label": "持有执法资格的干部职工", "unit": "人", "value": 142, "previous": 142,
                                  "approximate": False}
    assert report.fixed_numbers == ["200余人"]
    texts = [item.text for topic in report.measures for item in topic.items] + [s.cause for s in report.shortcomings]
    assert any(text.endswith("提出修改意见【tichu_xiugai_yijian】次。") for text in texts)
    assert "全局干部职工200余人中持有执法资格的为【zige_ganbu_zhigong】人，具有法学专业背景的年轻干部偏少。" in texts

    text = draft_text(options.output)
    assert "提出修改意见9次" in text and "修改意见8次" not in text and "持有执法资格的为142人" in text

    # Next year: the two figures are asked again (no value yet: no draft), the fixed wording is not.
    folder = options.folder
    nxt = run_scripted("", NewOptions(year=2026, folder=folder, output=tmp_path / "2026.docx", no_input=True))
    assert nxt.code == 0, nxt.output
    assert "正文引用的 2 项数据还没有今年的数值" in nxt.output
    assert "还是普通文字" not in nxt.output
    assert not (tmp_path / "2026.docx").exists()


def test_unconfirmed_plain_numbers_block_the_draft(cli, tmp_path):
    options = _unconfirmed(tmp_path)
    result = cli("new", "--dir", options.folder, "--year", "2025", "--no-input", "-o", tmp_path / "d.docx")
    assert result.exit_code == 2
    assert result.stderr.count("还是普通文字") == 3
    assert "“200余人”" in result.stderr and "“142人”" in result.stderr
    assert not (tmp_path / "d.docx").exists()


def test_the_review_lists_each_number_and_how_it_was_confirmed(tmp_path):
    options = _unconfirmed(tmp_path)
    result = run_scripted(second_year_keys(numbers=NUMBERS), options)
    finished(result)
    assert "正文中的数字" in result.output
    assert "固定写法" in result.output and "数据项“持有执法资格的干部职工”：142人" in result.output


def test_a_number_typed_this_year_can_be_kept_as_a_fixed_wording(tmp_path):
    options = _unconfirmed(tmp_path)
    checklist = [DOWN + ENTER, ENTER, "建立“7×24小时”值守和执法监督台账，全年开展专项督查4次。" + "\x1b\r"] + [ENTER] * 3
    numbers = ["3" + ENTER] + NUMBERS  # "4次", typed in part 1 (before the others): fixed
    result = run_scripted(second_year_keys(checklist=checklist, numbers=numbers), options)
    finished(result)
    report = load_answers(options.folder / "2025.yaml").report
    assert report.fixed_numbers == ["4次", "200余人"]
    assert "全年开展专项督查4次。" in report.measures[1].items[-1].text


def test_a_carried_count_in_chinese_numerals_is_asked_and_written_in_digits_as_a_figure(tmp_path):
    options = _unconfirmed(tmp_path)
    text = (options.folder / "2024.yaml").read_text(encoding="utf-8")
    drill = "智慧城管平台实现问题采集、派遣、处置、核查闭环管理，开展联合演练三次。"
    (options.folder / "2024.yaml").write_text(text.replace("智慧城管平台实现问题采集、派遣、处置、核查闭环管理。", drill),
                                              encoding="utf-8")
    listed = run_scripted("", NewOptions(year=2025, folder=options.folder, output=tmp_path / "d.docx", no_input=True))
    asked = [line for line in str(listed.error).splitlines() if "是去年的文字里的数字" in line]
    assert len(asked) == 4 and any("“三次”" in line for line in asked), asked
    assert not (tmp_path / "d.docx").exists()

    # each asked where it stands in the text: "三次" a figure, 5 this year; the others as before
    answer = {"“8次”": NUMBERS[0:2], "“200余人”": NUMBERS[2:3], "“142人”": NUMBERS[3:], "“三次”": [ENTER, "5" + ENTER]}
    keys = [key for line in asked for token, keys in answer.items() if f"中的{token}" in line for key in keys]
    result = run_scripted(second_year_keys(numbers=keys), options)
    finished(result)
    report = load_answers(options.folder / "2025.yaml").report
    custom = {f.label: f for f in report.custom_figures.values()}
    drill_figure = next(f for label, f in custom.items() if label.endswith("开展联合演练"))
    assert (drill_figure.value, drill_figure.previous, drill_figure.unit) == (5, 3, "次")
    draft = draft_text(options.output)
    assert "开展联合演练5次" in draft and "三次" not in draft
