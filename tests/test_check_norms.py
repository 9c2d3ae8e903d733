"""Rule 3: text norms — punctuation (once per document), 余/多/左右, years, 截至, rates, repeats."""

from __future__ import annotations

import pytest

from check_helpers import FIXTURES, doc, found
from drafter.check import check_paragraphs, check_path
from drafter.punctuation import fix_halfwidth, halfwidth_marks



# ---------------------------------------------------------------------------------------------
# Half-width punctuation


def test_halfwidth_reported_once_with_count():
    fs = found("全年学法12次,培训3场;发放资料(手册)200份:效果好!", "开展宣传,覆盖社区,成效明显。", rule="text.halfwidth_punct")
    assert len(fs) == 1
    f = fs[0]
    assert f.severity == "warning" and f.part is None
    assert "8处" in f.message and "逗号3处" in f.message and "括号2处" in f.message
    assert f.paragraph == 4
    assert "，" in f.fix and "自动" in f.fix


def test_fullwidth_text_passes():
    assert found("全年学法12次，培训3场；发放资料（手册）200份：效果好！", rule="text.halfwidth_punct") == []


@pytest.mark.parametrize(
    "text",
    [
        "罚没款1,000元。",  # thousands separator
        "上午10:30召开会议。",  # time
        "网址为https://www.example.gov.cn/a,b。",  # URL
        "The report (draft) is ready.",  # Latin text
        "比较a<b与c>d两种情形。",  # angle brackets around Latin text
    ],
)
def test_halfwidth_exceptions(text):
    assert halfwidth_marks(text) == []


def test_fix_halfwidth():
    assert fix_halfwidth('建立"三同步"机制,见《纲要(2021-2025年)》:好!') == (
        "建立“三同步”机制，见《纲要（2021-2025年）》：好！",
        7,
    )
    assert fix_halfwidth("无需修改。") == ("无需修改。", 0)


def test_heading_marker_parens_not_counted_twice():
    result = check_paragraphs(doc("(一)学法。全年学法12次。"))
    assert [f.rule for f in result.findings] == ["headings.halfwidth"]


# ---------------------------------------------------------------------------------------------
# 余 / 多 / 左右 after an exact figure


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("开展安全宣传活动3余次。", "3余次"),
        ("累计审查合同15余份。", "15余份"),
        ("执法检查85余家次。", "85余家次"),
        ("发放资料2.5余万份。", None),  # 万 makes it a round figure
        ("罚没款5余万元。", None),
        ("培训干部100余人次。", None),
        ("解答咨询480余人次。", None),
        ("推文受众10万余。", None),
        ("组织活动30多场。", None),
        ("组织活动12多场。", "12多场"),
        ("开展检查5次左右。", "5次左右"),
        ("开展检查20次左右。", None),
        ("整改时间15天左右。", None),  # 左右 after a duration is fine
        ("健全12345多元化解机制。", None),
    ],
)
def test_approx_after_exact(text, flagged):
    fs = found(text, rule="text.approx_after_exact")
    if flagged is None:
        assert fs == []
    else:
        assert len(fs) == 1 and f"“{flagged}”" in fs[0].message
        assert fs[0].part == "measures" and fs[0].paragraph == 4


def test_approx_fix_suggests_round_figure():
    (f,) = found("累计审查合同15余份。", rule="text.approx_after_exact")
    assert "“15份”" in f.fix and "10余份" in f.fix
    (g,) = found("开展活动3余次。", rule="text.approx_after_exact")
    assert g.fix == "写实数“3次”。"


def test_approx_redundant():
    assert len(found("培训约200余人。", rule="text.approx_redundant")) == 1
    assert found("节约时间约260小时。", rule="text.approx_redundant") == []


# ---------------------------------------------------------------------------------------------
# Years, 截至, percentages, repeats


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("24年度共办理案件59件。", "2024年"),
        ("截至24年12月底，已办结。", "2024年"),
        ("化解10年以上信访积案2起。", None),
        ("工作24年，经验丰富。", None),
        ("2024年度共办理案件59件。", None),
    ],
)
def test_short_year(text, flagged):
    fs = found(text, rule="text.short_year")
    assert (fs[0].fix == f"改为“{flagged}”。") if flagged else fs == []


@pytest.mark.parametrize(
    "text, hit",
    [
        ("截止2024年底，共办理案件59件。", True),
        ("截止目前，已全部办结。", True),
        ("截至2024年底，共办理案件59件。", False),
        ("截止到2024年底，共办理案件59件。", False),
        ("申报截止日期为3月31日。", False),
    ],
)
def test_jiezhi(text, hit):
    assert bool(found(text, rule="text.jiezhi")) is hit


@pytest.mark.parametrize(
    "text, hit",
    [
        ("行政诉讼胜诉率120%。", True),
        ("参加率和合格率均为100%。", False),
        ("罚没款同比增长150%。", False),
        ("办结率达到99.5%。", False),
    ],
)
def test_percent_range(text, hit):
    fs = found(text, rule="text.percent_range")
    assert bool(fs) is hit
    if hit:
        assert fs[0].severity == "error"


def test_repeated_sentence():
    fs = found("组织执法人员开展业务培训。", "严格规范执法行为。", "组织执法人员开展业务培训。", rule="text.repeated_sentence")
    assert len(fs) == 1 and "第4、6段" in fs[0].message
    assert found("组织执法人员开展业务培训。", "组织窗口人员开展业务培训。", rule="text.repeated_sentence") == []


def test_repeated_clause_in_paragraph_is_a_hint():
    fs = found("及时公开政府信息，提高政府工作透明度。加强平台建设，提高政府工作透明度。", rule="text.repeated_clause")
    assert len(fs) == 1 and fs[0].severity == "info"
    assert found("加强学习，增强法治意识。继续学习，增强法治意识。", rule="text.repeated_clause") == []  # short


def test_web_copy_fixture_findings():
    result = check_path(FIXTURES / "web_copy.txt")
    approx = [f for f in result.findings if f.rule == "text.approx_after_exact"]
    assert sorted(f.excerpt.count("3余次") + f.excerpt.count("15余份") for f in approx) == [1, 1]
    assert len([f for f in result.findings if f.rule == "text.halfwidth_punct"]) == 1
    assert not [f for f in result.findings if f.severity == "error"]


def test_angle_brackets_inside_book_title():
    assert fix_halfwidth("落实《某区贯彻<三年行动计划(2023-2025年)>实施方案》。") == (
        "落实《某区贯彻〈三年行动计划（2023-2025年）〉实施方案》。",
        4,
    )


def test_count_in_chinese_numerals_is_a_hint():
    (finding,) = found("全年召开法治建设工作会议四次。", rule="text.chinese_count")
    assert finding.severity == "info" and "4次" in finding.fix


def test_fixed_phrases_and_ordinals_are_not_counts():
    for text in ("落实行政执法三项制度，坚持“两个维护”。", "第二次会议审议通过，办好民生十件实事。",
                 "推行一次性告知制度，每周一例会。", "全年召开会议4次。"):
        assert found(text, rule="text.chinese_count") == [], text


def test_this_year_in_a_report_written_next_year_is_reported_once():
    (finding,) = found("今年以来，全年组织学法12次。", "今年共办理案件3件。", rule="text.this_year")
    assert finding.severity == "warning" and "2处" in finding.message and "2024年" in finding.fix


def test_named_years_are_not_this_year():
    assert found("2024年以来，全年组织学法12次。", rule="text.this_year") == []


def test_the_chinese_pattern_is_is_chinese():
    """halfwidth_marks searches whole texts with one pattern: it must accept exactly what
    is_chinese accepts."""
    from drafter.punctuation import _CHINESE, is_chinese

    for code in [*range(0xD800), *range(0xE000, 0x10000)]:
        assert bool(_CHINESE.match(chr(code))) == is_chinese(chr(code)), hex(code)
