"""The importer's text helpers and figure readers, one rule at a time."""

from __future__ import annotations

import pytest


# ------------------------------------------------------------------ full-width punctuation


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(一)加强学习,提高能力:一是学法;二是用法", "（一）加强学习，提高能力：一是学法；二是用法"),
        ('建立"三同步"机制(受理、审理同步推进)', "建立“三同步”机制（受理、审理同步推进）"),
        ("《纲要(2021-2025年)》", "《纲要（2021-2025年）》"),
        ("发放手册1,500册,会议于10:30开始", "发放手册1,500册，会议于10:30开始"),
        ("网址:http://www.example.gov.cn", "网址：http://www.example.gov.cn"),
        ("办结率达到100%!", "办结率达到100%！"),
        ("English only, (untouched): yes", "English only, (untouched): yes"),
        ('只有一个"引号', '只有一个"引号'),
    ],
)
def test_imported_text_gets_fullwidth_punctuation(text, expected):
    from drafter.punctuation import fix_halfwidth

    restored, changes = fix_halfwidth(text)
    assert restored == expected
    assert len(restored) == len(text)  # char for char: .docx run offsets stay valid
    assert changes == sum(1 for a, b in zip(text, restored) if a != b)


# ------------------------------------------------------------------ runs, leads, sentences


def test_split_run():
    from drafter.importing.text import split_run

    assert split_run("主要表现在：一是甲。乙；二是丙；三是丁。") == ("主要表现在：", ["甲。乙；", "丙；", "丁。"])
    assert split_run("一是甲。二是乙。") == ("", ["甲。", "乙。"])
    assert split_run("一是甲。") is None  # one point is no run
    assert split_run("标准统一是前提，二是后果。") is None  # "统一是" is not "一是"
    assert split_run("一是甲。三是丙。") is None  # out of sequence


def test_split_lead():
    from drafter.importing.text import LeadRules, split_lead

    rules = LeadRules()
    assert split_lead("加强组织领导。成立领导小组。", rules) == ("加强组织领导", "成立领导小组。")
    assert split_lead("推行“721”工作法。以服务为主。", rules) == ("推行“721”工作法", "以服务为主。")
    assert split_lead("全年办理案件59件。其中简易程序32件。", rules) is None  # a fact, not a lead
    assert split_lead("加强组织领导。", rules) is None  # nothing after it
    long = "坚持把学习宣传档案法律法规作为基础性工作，推动全馆干部职工知法守法用法"
    assert split_lead(long + "。正文。", rules) is None
    assert split_lead(long + "。正文。", rules, bold_chars=len(long) + 1) == (long, "正文。")


def test_split_sentences_keeps_closing_quotes():
    from drafter.sentences import split_sentences

    assert split_sentences("他说“好。”然后走了；最后一句") == ["他说“好。”", "然后走了；", "最后一句"]


# ------------------------------------------------------------------ drafter's own figure sentences


def _variant_cases():
    """Every variant of the wording catalogue with figures that make it the one chosen."""
    from drafter.catalogue import catalogue
    from drafter.wording import sentence_groups

    cat = catalogue()
    cases = []
    for g, group in enumerate(sentence_groups()):
        for v, variant in enumerate(group):
            if not variant.text:
                continue
            figures = {}
            for n, key in enumerate(variant.needs):
                kind = cat.indicators[key].type
                figures[key] = True if kind == "flag" else (12.5 if kind == "amount" else 40 + n)
            for key in variant.zero:
                figures[key] = 0
            # parts never above their totals
            for c in cat.constraints:
                if c.total in figures and all(p in figures for p in c.parts):
                    total = figures[c.total]
                    if total and not isinstance(total, bool):
                        for p in c.parts:
                            figures[p] = min(figures[p], total // len(c.parts))
            if next((x for x in group if x.applies(figures)), None) is variant:
                cases.append(pytest.param(variant, figures, id=f"{g}.{v}"))
    return cases


@pytest.mark.parametrize("variant, figures", _variant_cases())
def test_every_wording_sentence_reads_back(variant, figures):
    from drafter.catalogue import rates_of
    from drafter.importing.figures import extract
    from drafter.wording import fill_figures

    sentence = fill_figures(variant.text, figures, rates_of(figures), {})
    result = extract(sentence)
    assert result.generated, sentence
    assert {f.key: f.value for f in result.findings} == figures


def test_wording_sentence_with_a_changed_word_is_hand_written():
    from drafter.importing.figures import extract

    result = extract("全年办理行政处罚案件59件，其中一般程序案件27件。")
    assert result.generated
    edited = extract("全年共办理行政处罚案件59件，其中一般程序案件27件。")
    assert not edited.generated  # the clerk's wording: figures taken, sentence kept
    assert {f.key: f.value for f in edited.findings} == {"penalty_cases": 59, "penalty_general": 27}


# ------------------------------------------------------------------ hand-written sentences


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("全年办理行政处罚案件59件，一般程序案件27件全部通过法制审核、简易程序案件32件，处罚案件无行政复议及诉讼。",
         {"penalty_cases": 59, "penalty_general": 27, "penalty_simple": 32, "reconsideration_cases": 0, "litigation_cases": 0}),
        ("因脱离执法岗位注销执法证件3个，退休等注销执法证件4个，新办证人员6个。",
         {"certificates_revoked": 7, "certificates_issued": 6}),
        ("开展专项培训、帮扶、业务指导100余人次，培训400余人次。", {"trainees": 400}),
        ("共发布推文682篇，受众10万余。", {"publicity_posts": 682, "publicity_audience": 100000}),
        ("全年召开法治建设工作会议四次。", {"duty_meetings": 4}),
        ("全年接受市局执法专项检查2次。", {}),
        ("化解10年以上信访积案2起。", {}),
        ("每月开展不少于一次全员法制培训。", {}),
        ("共开展领导干部会前学法活动12次。", {"pre_meeting_law_study": 12}),
        ("智慧城管中心采集上报城市管理案件55401件，已处置55001件，处置率99.28%。",
         {"digital_cases_reported": 55401, "digital_cases_handled": 55001}),
        ("排查并上报安全隐患602条。", {}),
    ],
)
def test_hand_written_figures(sentence, expected):
    from drafter.importing.figures import extract

    result = extract(sentence)
    assert not result.generated
    assert {f.key: f.value for f in result.findings} == expected


def test_approximate_figures_and_stated_rates():
    from drafter.importing.figures import extract

    result = extract("共组织法治宣传等活动80余场，解答群众咨询480余人次，出庭率达100%，行政诉讼胜诉率100%。")
    found = {f.key: f for f in result.findings}
    assert found["publicity_events"].value == 80 and found["publicity_events"].approx_text == "80余场"
    assert found["legal_consultations"].value == 480
    rates = {r.label: r for r in result.rates}
    assert rates["出庭率"].key == "court_attendance_rate" and rates["出庭率"].percent == "100%"
    assert rates["行政诉讼胜诉率"].key is None


def test_pattern_data_names_only_catalogue_keys():
    from drafter.catalogue import catalogue
    from drafter.importing.figures import import_patterns

    patterns = import_patterns()
    cat = catalogue()
    assert {rule.key for rule in patterns.figures} == set(cat.indicators)  # every indicator can be found
    assert set(patterns.raw["topics"]) == set(cat.topics)
    assert set(patterns.rates) <= set(cat.rates)
    for key, parts in patterns.derive:
        assert key in cat.indicators and set(parts) <= set(cat.indicators)
