"""A topic whose first point has no title and leads in points that have one (published reports
write "（二）持续推动政务服务改革。2024年，全市办件3000件。一是深化简政放权改革。…二是…"): the
lead-in stays unnumbered and the points keep their own 一是、二是, in a run and in paragraphs,
and an import of such a report gives the same numbering back. Our own sentences."""

from __future__ import annotations

import pytest

TOPIC = """\
  - key: custom
    title: 持续推动政务服务改革
    items:
      - 全年窗口办件3000件。
      - title: 深化简政放权改革
        text: 网办率达到95%。
      - title: 深化全域通办服务
        text: 打造帮办点7个。
"""


def _body(example_text, tmp_path, items_as):
    from drafter.answers import load_report
    from drafter.document import compose

    text = example_text("town-government").replace("measures:\n", "measures:\n" + TOPIC, 1)
    text = text.replace("layout:\n", f"layout:\n  items_as: {items_as}\n", 1)
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    part = compose(load_report(path)).parts
    return [b.full_text for p in part for b in p.blocks]


@pytest.mark.parametrize("items_as", ["run", "paragraphs"])
def test_a_lead_in_point_is_not_numbered(example_text, tmp_path, items_as):
    body = "\n".join(_body(example_text, tmp_path, items_as))
    assert "全年窗口办件3000件。一是深化简政放权改革。" in body or "全年窗口办件3000件。\n一是深化简政放权改革。" in body
    assert "二是深化全域通办服务。" in body
    assert "一是全年窗口办件" not in body and "三是深化全域通办服务" not in body
