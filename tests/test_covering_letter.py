"""A department's report as it is submitted: a covering letter above the report's own title
("中共××市委、××市人民政府：" / "现将我局《…》随文上报。" / "特此报告。" / signature / date). The
letter is not the report's opening: its recipient, signature and date are the report's, the
title below it is the title. Our own sentences."""

from __future__ import annotations

LETTER = """\
中共某某市委、某某市人民政府：
根据市委依法治市办的通知要求，现将我局《2024年度法治政府建设工作总结》随文上报。
特此报告。
某某市水利局
2025年1月20日
"""
REPORT = """\
2024年度法治政府建设
工作总结
2024年，市水利局坚持依法行政，各项工作稳步推进。
一、2024年推进法治政府建设的主要举措和成效
全年办理水行政处罚案件14件，组织集中学法6次。
二、存在的不足和原因
执法力量不足，主要原因是编制紧张。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人主持召开专题会议2次。
四、2025年推进法治政府建设的主要安排
加强执法培训，组织培训2场。
"""


def test_the_letter_gives_recipient_signature_and_date_and_the_title_follows():
    from drafter.reading.cleanup import clean_text
    from drafter.recognise import recognise

    s = recognise(clean_text(LETTER + REPORT).paragraphs)
    assert s.title == "2024年度法治政府建设工作总结"
    assert s.recipient.text == "中共某某市委、某某市人民政府："
    assert s.signature.text == "某某市水利局" and s.date_value.isoformat() == "2025-01-20"
    assert [p.text for p in s.opening] == ["2024年，市水利局坚持依法行政，各项工作稳步推进。"]
    assert [p.kinds for p in s.parts] == [("measures",), ("shortcomings",), ("duty",), ("plans",)]


def test_the_import_keeps_the_letter_out_of_the_opening(tmp_path):
    from drafter.importing import import_report

    path = tmp_path / "r.txt"
    path.write_text(LETTER + REPORT, encoding="utf-8")
    result = import_report(path)
    unit = result.report.unit
    assert unit.name == "某某市水利局" and unit.recipient == "中共某某市委、某某市人民政府"
    assert unit.written_on.isoformat() == "2025-01-20"
    assert "随文上报" not in (result.report.opening or "") and "特此报告" not in (result.report.opening or "")
    assert any("报送函" in note for note in result.review)
    assert not result.lost


def test_a_report_ending_in_its_own_closing_is_not_a_letter():
    from drafter.reading.cleanup import clean_text
    from drafter.recognise import recognise

    s = recognise(clean_text("某某局2024年法治政府建设情况报告\n" + REPORT.split("\n", 2)[2] + "特此报告。\n某某局\n2025年1月20日\n").paragraphs)
    assert s.cover == [] and s.title == "某某局2024年法治政府建设情况报告"
    assert s.signature.text == "某某局"
