"""What the questionnaire shows: section names, choice labels, short forms of answers."""

from __future__ import annotations


from ..catalogue import catalogue
from ..parts import part_label, parts

# Chinese labels for choices whose values are English keys.
CHOICE_LABELS = {
    "paragraphs": "“一是……”“二是……”各自成段",
    "run": "“一是……二是……”在同一段内连续排列",
    # 单位类型: a town's government is a 人民政府 too; say which choice is whose
    "人民政府": "人民政府（县级及以上人民政府；乡镇人民政府选“乡镇街道”）",
    "政府部门": "政府部门（政府工作部门，如县城市管理局）",
    "乡镇街道": "乡镇街道（乡镇人民政府、街道办事处）",
    "事业单位": "事业单位",
}
NAMED_ORDERS = [(order.name, list(order.keys)) for order in parts().accepted_orders]
UNSET = "__unset__"  # a choice meaning "leave it empty" (questionary cannot carry None)
ADD_CUSTOM = "__add_custom__"
ANSWERED = "__answered__"

SECTION_BASICS = "基本信息"
SECTION_CHECKLIST = "去年安排的落实情况"
SECTION_MEASURES = part_label("measures")
SECTION_SHORTCOMINGS = part_label("shortcomings")
SECTION_DUTY = part_label("duty")
SECTION_PLANS = part_label("plans")
SECTION_OTHER = part_label("other")
SECTION_DATE = "成文日期"
SECTION_CUSTOM = "正文中的其他数据"


def short(text: str | None, width: int = 28) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def topic_title(tid: str) -> str:
    """The catalogue's title of a topic id, or a custom topic's own title."""
    return tid.removeprefix("custom:") if tid.startswith("custom:") else catalogue().topics[tid].title
