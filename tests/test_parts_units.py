"""The report's parts and the measure words are data, each defined once (templates/parts.yaml,
templates/units.yaml), and every reader sees the same definition."""

from __future__ import annotations

from drafter.catalogue import catalogue
from drafter.model import MANDATORY_PARTS, REGULATION_ORDER, Layout, PartKey, Report
from drafter.parts import part_label, parts
from drafter.units import figure_with_unit, measure_words


def test_every_part_of_the_model_is_described_once():
    specs = parts().specs
    assert list(specs) == [key.value for key in PartKey]
    assert [k.value for k in MANDATORY_PARTS] == ["measures", "shortcomings", "duty", "plans"]
    assert [k.value for k in REGULATION_ORDER] == ["measures", "shortcomings", "duty", "plans"]
    # the answers file's field titles are the parts' numbered labels
    assert Report.model_fields["shortcomings"].title == "二、存在的不足和原因"
    assert Report.model_fields["duty"].title == "三、第一责任人职责"
    assert Report.model_fields["other"].title == "五、其他需要报告的情况"


def test_the_regulation_wording_is_used_everywhere():
    from drafter.importing.output import PART_LABELS
    from drafter.questionnaire.labels import SECTION_DUTY, SECTION_SHORTCOMINGS
    from drafter.recognise import structure_patterns

    for key in ("measures", "shortcomings", "duty", "plans", "other"):
        assert structure_patterns().label(key) == part_label(key) == PART_LABELS[key]
    assert SECTION_SHORTCOMINGS == "存在的不足和原因"
    assert SECTION_DUTY == "第一责任人职责"


def test_a_missing_part_is_named_with_its_label():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="缺少部分：存在的不足和原因"):
        Layout(part_order=["measures", "duty", "plans"])


def test_the_draft_and_the_check_use_the_headings_of_parts_yaml():
    spec = parts().specs["plans"]
    assert spec.heading.format(year=2024, next_year=2025) == "2025年推进法治政府建设的主要安排"
    assert spec.suggested_heading(2024) == "2025年度推进法治政府建设的主要安排"
    assert spec.suggested_heading(None) == "下一年度推进法治政府建设的主要安排"


def test_accepted_orders_start_with_the_regulation_order():
    orders = parts().accepted_orders
    assert orders[0].keys == ("measures", "shortcomings", "duty", "plans")
    assert ("duty", "measures", "shortcomings", "plans") in [o.keys for o in orders]
    assert all(set(o.keys) == set(parts().mandatory) for o in orders)


def test_every_catalogue_unit_is_a_measure_word():
    words = set(measure_words().all)
    units = {i.unit for i in catalogue().indicators.values() if i.unit}
    assert units <= words, units - words


def test_measure_words_are_tried_longest_first():
    assert figure_with_unit().search("共12人次参加")[0] == "12人次"
    assert figure_with_unit().search("3万元")[0] == "3万元"
    assert figure_with_unit().search("2024年") is not None
    assert figure_with_unit(time=False).search("2024年重点工作") is None
    assert figure_with_unit(time=False).search("办理10余件") is not None
