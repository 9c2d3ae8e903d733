"""`drafter import` on hand-written reports in each style seen in published reports.

The fixtures under tests/fixtures/import/ are written for these tests (their own wording):

- measures-first.txt: the regulation's order, （一） headings, a web page's table-like header
  rows, title, recipient, signature and date;
- duty-first-webpage.txt: the 第一责任人 part first, half-width "(一)" and ASCII commas, "1、"
  sub-points, a web-page header and footer around the text, no signature or date;
- no-subheadings.txt: no （一） headings in part 1 (topics start at lead sentences), "一是…二是…"
  runs, an unnumbered part heading, a date in Chinese numerals;
- runs-and-other.txt: no title, plans with a lead-in paragraph then "一是" paragraphs, a
  shortcoming without a cause, a fifth part, a closing "总之" paragraph, a web-page footer;
- a .docx built here with python-docx (bold lead sentences, centred title, right-aligned end).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.document import resolved  # numbers are bound as 【key】: texts are compared as they read
from drafter.model import PartKey

FIXTURES = Path(__file__).parent / "fixtures" / "import"
ALL = sorted(FIXTURES.glob("*.txt"))


def _import(name: str):
    from drafter.importing import import_report

    return import_report(FIXTURES / name)


def _texts(report) -> str:
    report = resolved(report)
    """Every text of the answers, for "is this sentence somewhere" checks."""
    out = []
    for topic in report.measures:
        out.append(topic.heading)
        out += [f"{i.title or ''}。{i.text}" for i in topic.items]
    out += [f"{i.title or ''}。{i.text}" for i in report.duty.items + report.other]
    out += [f"{s.problem}。{s.cause}" for s in report.shortcomings]
    out += [f"{p.title}。{p.text}" for p in report.plans]
    return "\n".join(out)


@pytest.mark.parametrize("fixture", ALL, ids=lambda p: p.stem)
def test_nothing_is_lost_and_the_file_validates(fixture, tmp_path):
    from drafter.answers import load_answers
    from drafter.importing import import_report, write_answers

    result = import_report(fixture)
    assert result.lost == []
    assert result.kept_chars == result.body_chars > 0
    out = tmp_path / "answers.yaml"
    write_answers(result, out)
    assert load_answers(out).report == result.report
    assert len(result.parts_found) >= 4


def test_measures_first_report():
    result = _import("measures-first.txt")
    report = resolved(result.report)
    assert report.year == 2024
    assert [p.value for p in report.layout.part_order] == ["measures", "shortcomings", "duty", "plans"]
    unit = report.unit
    assert (unit.name, unit.kind.value, unit.superiors) == ("青禾县白石镇人民政府", "乡镇街道", "县委、县政府")
    assert unit.recipient == "县委全面依法治县委员会办公室"
    assert str(unit.written_on) == "2025-02-26"  # the date line, not the web page's 发文日期
    assert [t.key for t in report.measures] == ["study", "enforcement", "custom", "disputes"]
    assert report.measures[2].title == "聚焦乡村人居环境，集中整治村容村貌"
    enforcement = report.measures[1]
    assert [i.title for i in enforcement.items] == ["严格执法人员资格管理", "落实行政执法三项制度"]
    assert enforcement.figures == {
        "penalty_cases": 46, "penalty_general": 18, "penalty_simple": 28, "fines": 12.5,
        "certificates_issued": 4, "certificates_revoked": 2,
    }
    assert report.measures[0].figures == {"trainings": 6, "trainees": 320}
    assert report.measures[3].figures == {
        "disputes_screened": 58, "disputes_resolved": 55, "petitions": 21, "petitions_closed": 20,
    }
    assert report.duty.figures == {"duty_meetings": 3, "duty_law_report": True}
    assert [(s.problem, s.cause) for s in report.shortcomings] == [
        ("法治宣传形式较为单一", "宣传活动多为发放资料和悬挂横幅，群众参与度不高。"),
        ("执法力量相对薄弱", "镇综合执法队在编人员少，具有法律专业背景的人员不足。"),
    ]
    assert [p.title for p in report.plans] == ["深化法治宣传", "充实执法力量"]
    # a rate stated without its counts stays as written, and is reported
    assert "镇长出庭应诉率100%" in _texts(report)
    assert "court_attended" not in report.figures()
    assert any(r.key == "court_attendance_rate" for r in result.stated_rates)
    assert any("比率" in line for line in result.review)


def test_each_figure_keeps_its_sentence(tmp_path):
    from drafter.importing import write_answers

    result = _import("measures-first.txt")
    by_key = {f.key: f for f in result.extracted}
    assert by_key["fines"].sentence == "全年办理行政处罚案件46件，其中一般程序案件18件、简易程序案件28件，罚没款12.5万元。"
    out = tmp_path / "a.yaml"
    write_answers(result, out)
    line = next(x for x in out.read_text(encoding="utf-8").splitlines() if x.strip().startswith("fines:"))
    assert "导入：原文“全年办理行政处罚案件46件" in line


def test_duty_first_web_page_with_halfwidth_punctuation():
    result = _import("duty-first-webpage.txt")
    report = resolved(result.report)
    assert [p.value for p in report.layout.part_order] == ["duty", "measures", "shortcomings", "plans"]
    assert report.unit.name == "东川县市场监督管理局"
    assert str(report.unit.written_on) == "2025-03-18"  # the web page's date, flagged
    assert any("网页发布日期" in line for line in result.review)
    # the web page's lines are ignored, nowhere in the answers
    everything = _texts(report) + str(report.model_dump())
    for noise in ("当前所在位置", "扫一扫", "关闭当前页面", "主办单位", "来源"):
        assert noise not in everything
    # half-width punctuation restored
    assert "(" not in _texts(report) and "," not in _texts(report)
    assert report.measures[0].title == "严格规范公正文明执法，执法效能持续提升"
    assert "组织“3·15”消费者权益日宣传活动12场，发放宣传资料4600份。" in _texts(report)
    assert result.punctuation_fixed > 0
    # "1、规范案件办理。…" sub-points are items with their lead
    assert [i.title for i in report.measures[0].items] == ["规范案件办理", "推行包容审慎监管"]
    assert [t.key for t in report.measures[:3]] == ["enforcement", "publicity", "disputes"]
    assert report.measures[0].figures == {"penalty_cases": 132, "fines": 36.8, "penalty_exempted": 17}
    assert report.measures[2].figures == {"hotline_tickets": 1280, "hotline_closed": 1275}
    assert report.duty.figures == {"duty_meetings": 5, "duty_law_study": 8, "duty_law_report": True}
    # "一是…二是…三是…" in one paragraph: three duty items. One container written as a run,
    # one as separate "1、" paragraphs: a tie keeps the default (a paragraph per point).
    assert [i.text for i in report.duty.items] == [
        "局党组书记、局长亲自部署法治建设重点任务，全年召开法治建设专题会议5次。",
        "带头讲法治课，领导干部集体学法8次。",
        "把年度述法纳入班子考核。",
    ]
    assert report.layout.items_as == "paragraphs"
    # the lead-in of part 2 is the part's own text (read as real reports write it), marked
    # with where it came from; nothing is left 待整理
    assert report.part_texts[PartKey.shortcomings].before == "全年自查发现执法案卷问题15个，均已整改。但对照上级要求，仍有差距："
    assert "原“存在的问题和不足”部分开头" in result.part_text_origins[("shortcomings", "before")]
    assert result.unclassified == [] and "待整理" not in [t.title for t in report.measures]
    assert len(report.shortcomings) == 2 and len(report.plans) == 2


def test_report_without_subheadings_splits_topics_at_lead_sentences():
    result = _import("no-subheadings.txt")
    report = resolved(result.report)
    assert report.unit.name == "南岭区园林绿化服务中心"
    assert report.unit.kind.value == "事业单位"
    assert str(report.unit.written_on) == "2025-02-20"  # 二〇二五年二月二十日
    assert [p.value for p in report.layout.part_order] == ["measures", "duty", "shortcomings", "plans"]
    assert [(t.key, t.title) for t in report.measures] == [
        ("thought", "强化理论武装，筑牢法治思想根基"),
        ("decisions", "规范合同管理，防范法律风险"),
        ("emergency", "做好应急值守，保障园林设施安全"),
    ]
    assert [i.text for i in report.measures[1].items] == ["修订合同管理办法，明确起草、审核、签订流程。", "由法律顾问审查各类合同27份。"]
    assert report.layout.items_as == "run"
    assert report.figures() == {
        "thought_study_sessions": 4, "contracts_reviewed": 27, "emergency_plans": 1, "emergency_drills": 2,
    }
    # "一是…。二是…。" shortcomings become problem / cause pairs
    assert [(s.problem, s.cause) for s in report.shortcomings] == [
        ("法律人才缺乏", "中心没有法律专业人员，合同审查依赖外聘顾问。"),
        ("普法形式单一", "宣传主要依靠展板，缺少新媒体手段。"),
    ]
    # a plan without its own text gets a visible placeholder, and the review says so
    assert report.plans[0].title == "健全法律顾问制度"
    assert report.plans[0].text.startswith("（待补写")
    assert any("待补写" in line for line in result.review)


def test_runs_other_part_and_unclassified_text():
    result = _import("runs-and-other.txt")
    report = resolved(result.report)
    assert report.unit.name == "北湾区城市管理局"  # from the signature: the report has no title
    assert report.unit.superiors == "区委、区政府"
    assert [p.value for p in report.layout.part_order] == ["measures", "shortcomings", "duty", "plans", "other"]
    assert [t.key for t in report.measures] == ["enforcement", "custom"]  # and no 待整理 topic
    assert report.measures[1].title == "坚持常态化，扎实开展市容秩序整治"
    assert [i.text for i in report.measures[1].items] == [
        "集中整治占道经营，清理流动摊点3100余处。", "规范户外广告设置，拆除违规广告牌86块。",
    ]
    assert [p.title for p in report.plans] == ["加强执法培训", "推行柔性执法"]
    assert [i.text for i in report.other] == ["我局2024年未发生行政复议和行政诉讼案件。"]
    assert report.duty.figures == {"collective_discussions": 9}
    # one shortcoming without a cause: kept whole, with a placeholder cause
    assert len(report.shortcomings) == 1
    assert report.shortcomings[0].problem.startswith("2024年以来，虽然工作取得一定成效")
    assert report.shortcomings[0].cause.startswith("（待补写")
    # the plans' lead-in and the closing summary stay the parts' own text, with their origin
    assert report.part_texts[PartKey.plans].before == "2025年，我局将继续围绕城市管理中心工作，深入推进法治政府建设。"
    assert report.part_texts[PartKey.other].after == "总之，2025年我局将以更高标准推进法治城管建设。"
    assert "开头" in result.part_text_origins[("plans", "before")]
    assert "总结段" in result.part_text_origins[("other", "after")]
    assert result.unclassified == [] and "待整理" not in [t.title for t in report.measures]
    assert "网站标识码" not in str(report.model_dump())


def _hand_made_docx(path: Path) -> Path:
    """A report typed in Word (here: python-docx), not made by drafter: bold lead sentences
    instead of （一） headings, a centred two-line title, signature and date on the right."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    for line in ("河西区档案馆关于2024年度", "法治政府建设情况的报告"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("区委全面依法治区委员会办公室：")
    document.add_paragraph("2024年，在区委、区政府的坚强领导下，我馆认真履行档案管理职责，依法治档工作取得新进展。现将有关情况报告如下：")
    document.add_paragraph("一、2024年推进法治政府建设的主要举措和成效")

    def lead(bold: str, rest: str) -> None:
        paragraph = document.add_paragraph()
        paragraph.add_run(bold).bold = True
        paragraph.add_run(rest)

    # a long bold lead: too long for a plain lead sentence, a topic because it is bold
    lead("坚持把学习宣传档案法律法规作为基础性工作，推动全馆干部职工知法守法用法。",
         "馆务会会前学法12次，组织档案法专题培训3场、培训96人次。")
    document.add_paragraph("在国际档案日期间走进社区和学校，发放档案法宣传册1500份。")
    lead("规范档案开放审核。", "严格执行档案开放审核办法，全年审核开放档案1.2万卷。")
    document.add_paragraph("二、2024年推进法治政府建设存在的不足和原因")
    document.add_paragraph("（一）档案执法检查覆盖面不够广。受人员限制，对部分乡镇档案工作的监督指导频次不高。")
    document.add_paragraph("三、2024年党政主要负责人履行推进法治建设第一责任人职责情况")
    document.add_paragraph("馆长带头学法，全年主持研究法治建设的专题会议2次，亲自审定馆内规章制度。")
    document.add_paragraph("四、2025年推进法治政府建设的主要安排")
    document.add_paragraph("（一）开展档案执法检查。对重点单位档案工作开展专项检查。")
    document.add_paragraph("特此报告。")
    for line in ("河西区档案馆", "2025年3月10日"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))
    return path


def test_hand_made_docx(tmp_path):
    from drafter.importing import import_report

    result = import_report(_hand_made_docx(tmp_path / "2024年报告.docx"))
    report = resolved(result.report)
    assert (report.year, report.unit.name, report.unit.kind.value) == (2024, "河西区档案馆", "事业单位")
    assert report.unit.recipient == "区委全面依法治区委员会办公室"
    assert str(report.unit.written_on) == "2025-03-10"
    assert [t.title for t in report.measures] == [
        "坚持把学习宣传档案法律法规作为基础性工作，推动全馆干部职工知法守法用法", "规范档案开放审核",
    ]
    assert report.measures[0].key == "study"
    assert report.measures[0].items[1].text == "在国际档案日期间走进社区和学校，发放档案法宣传册1500份。"
    assert report.measures[0].figures == {
        "pre_meeting_law_study": 12, "trainings": 3, "trainees": 96, "publicity_materials": 1500,
    }
    assert report.duty.figures == {"duty_meetings": 2}
    assert result.kept_ratio == 1.0


def test_the_same_report_as_docx_and_as_text_imports_the_same(tmp_path):
    from drafter.importing import import_report

    docx = import_report(_hand_made_docx(tmp_path / "r.docx")).report
    from drafter.textsource import read_source

    text = tmp_path / "r.txt"
    text.write_text("\n".join(read_source(tmp_path / "r.docx").texts), encoding="utf-8")
    plain = import_report(text).report
    assert docx.unit == plain.unit and docx.shortcomings == plain.shortcomings and docx.plans == plain.plans
    assert docx.duty == plain.duty
    # In plain text the long lead is not bold any more, so it is no lead: the two paragraphs
    # before the first (short) lead are a lead-in, kept as part 1's own opening text rather
    # than guessed at.
    assert [t.title for t in plain.measures] == ["规范档案开放审核"]
    assert plain.part_texts[PartKey.measures].before.startswith("坚持把学习宣传档案法律法规作为基础性工作")


def test_markdown_input(tmp_path):
    from drafter.importing import import_report

    source = (FIXTURES / "measures-first.txt").read_text(encoding="utf-8").splitlines()
    body = [line for line in source if "|" not in line]
    markdown = tmp_path / "report.md"
    markdown.write_text("\n\n".join(f"## {line}" if line.startswith(("一、", "二、", "三、", "四、")) else line
                                    for line in body), encoding="utf-8")
    report = import_report(markdown).report
    assert report.figures() == _import("measures-first.txt").report.figures()


def test_headings_whose_numbers_word_supplied(tmp_path):
    """Word's automatic numbering: the （一） is not in the text (.docx: a numbered style; .txt
    copied from Word: a short line without punctuation before a paragraph)."""
    from docx import Document

    from drafter.importing import import_report

    lines = [
        ("一、2024年推进法治政府建设的主要举措和成效", None),
        ("严格规范执法行为", "List Number"),
        ("全年办理行政处罚案件21件，罚没款3.2万元。", None),
        ("加强普法宣传教育", "List Number"),
        ("开展普法宣传活动15场，发放普法资料2000份。", None),
        ("二、2024年推进法治政府建设存在的不足和原因", None),
        ("执法人员力量不足", "List Number"),
        ("一线执法人员少，年龄偏大。", None),
        ("三、2024年党政主要负责人履行推进法治建设第一责任人职责情况", None),
        ("主要负责人带头学法，年度述法已完成。", None),
        ("四、2025年推进法治政府建设的主要安排", None),
        ("充实执法力量", "List Number"),
        ("争取增加编制，组织业务培训。", None),
    ]
    document = Document()
    document.add_paragraph("北山县交通运输局关于2024年度法治政府建设情况的报告")
    for text, style in lines:
        document.add_paragraph(text, style=style) if style else document.add_paragraph(text)
    docx = tmp_path / "numbered.docx"
    document.save(str(docx))
    text = tmp_path / "numbered.txt"
    text.write_text("北山县交通运输局关于2024年度法治政府建设情况的报告\n" + "\n".join(t for t, _ in lines), encoding="utf-8")

    for source in (docx, text):
        report = import_report(source).report
        assert [(t.key, t.title) for t in report.measures] == [
            ("enforcement", "严格规范执法行为"), ("publicity", "加强普法宣传教育"),
        ], source.suffix
        assert report.measures[0].figures == {"penalty_cases": 21, "fines": 3.2}
        assert [(s.problem, s.cause) for s in report.shortcomings] == [("执法人员力量不足", "一线执法人员少，年龄偏大。")]
        assert [(p.title, p.text) for p in report.plans] == [("充实执法力量", "争取增加编制，组织业务培训。")]
