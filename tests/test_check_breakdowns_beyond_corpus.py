"""Breakdowns as published reports beyond the corpus write them: in brackets with more text
after the bracket, and with a last part that counts the same cases another way (立案撤销 among
the cases of both procedures). Neither is a breakdown above its total; a real one still is.
Our own sentences."""

from __future__ import annotations

import pytest

from check_helpers import found

RULE = "figures.breakdown_exceeds_total"


@pytest.mark.parametrize("text", [
    "全年共计立案查处39件（其中简易程序11件、普通程序28件），实施行政强制措施5件。",
    "全年共计立案查处39件（其中简易程序11件，普通程序28件、立案撤销2件），实施行政强制措施2件。",
    "全年共办理案件20件，其中一般程序12件、简易程序8件、当场处罚3件。",
])
def test_a_bracket_ends_the_breakdown_and_a_part_counted_twice_is_not_added(text):
    assert found(text, rule=RULE) == []


@pytest.mark.parametrize("text", [
    "办理人大代表建议共12件（其中主办8件、协办6件），按时办结12件。",
    "全年共办理案件20件，其中主办12件、协办9件、其他1件。",
])
def test_a_breakdown_above_its_total_is_still_found(text):
    (f,) = found(text, rule=RULE)
    assert f.severity == "error"
