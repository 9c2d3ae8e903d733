"""The answers model: one `Report` is the single source of truth for a year's report.

Field titles are the Chinese labels the questionnaire and error messages show; the
descriptions are their help texts. Shape and types are checked here; consistency rules
that span fields (parts ≤ totals, dates, empty parts) are check rules, `drafter.check.consistency`.

Decisions on input a clerk types by hand (see also drafter/answers.py):
- Every text is cleaned (`drafter.text.clean_text`): invisible characters pasted from Word
  are removed, special spaces become ordinary ones; the loader notes each change with its line.
  A name or title must stay on one line (`Line`): its line breaks are joined.
- A figure may carry its unit word: "59件" for a count in 件 is read as 59 (the unit is
  accepted and stripped, not refused: it is what a clerk naturally types). Another unit
  ("59人" for 件), Chinese numerals ("五十九"), negatives, NaN and values above
  `MAX_FIGURE` are refused with a message naming the figure.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from enum import Enum
from typing import Annotated, Any, Literal, Union

from .lean_pydantic import import_pydantic, models_built

import_pydantic()  # first, without asyncio (drafter.lean_pydantic)

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator  # noqa: E402
from pydantic_core import PydanticCustomError  # noqa: E402

from .catalogue import Indicator, catalogue, rates_of  # noqa: E402
from .parts import PartKey, part_label, part_spec, parts  # noqa: E402
from .text import clean_line, clean_text  # noqa: E402

MAX_TEXT_LENGTH = 20_000
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the report years drafter accepts
MAX_FIGURE = 100_000_000


# The default factories are Python functions, not the builtins `list` and `dict`: pydantic reads
# each factory's signature when it builds a model, and a builtin's is found by tokenising its
# text signature (dict has none, found out the slow way): 5.7 ms of every cold command.
def _empty_list() -> list:
    return []


def _empty_dict() -> dict:
    return {}


def _as_text(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # YAML reads a bare 2024 or 12345 as a number; as text it is just those digits.
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()  # likewise a bare 2024-01-01
    return value


def _clean(value: Any) -> Any:
    if type(value) is str:  # the usual case first: a text
        return clean_text(value)
    value = _as_text(value)
    return clean_text(value) if isinstance(value, str) else value


def _clean_line(value: Any) -> Any:
    if type(value) is str:
        return clean_line(value)
    value = _as_text(value)
    return clean_line(value) if isinstance(value, str) else value


def _blank_is_none(clean):
    """An optional answer left blank (or only spaces) means "not given"."""

    def validate(value: Any) -> Any:
        value = clean(value)
        return None if value == "" else value

    return validate


def unwrap_annotation(annotation: Any) -> tuple[Any, bool]:
    """Optional[X] / Annotated[X, …] → (X, whether None is allowed); a union of several types
    stays as it is."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is Union:
            args = typing.get_args(annotation)
            members = [a for a in args if a is not type(None)]
            optional = optional or len(members) < len(args)
            if len(members) != 1:
                return annotation, optional
            annotation = members[0]
        else:
            return annotation, optional


_Bounded = Annotated[str, StringConstraints(max_length=MAX_TEXT_LENGTH)]

# Text: paragraphs, line breaks kept; Line: a name or a title, always one line.
# The lengths are the str schema's own (before the cleaning in the order written): given after
# it, pydantic checks them with two Python functions a text.
_Filled = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_LENGTH)]
Text = Annotated[_Filled, BeforeValidator(_clean)]
OptionalText = Annotated[Union[_Bounded, None], BeforeValidator(_blank_is_none(_clean))]
Line = Annotated[_Filled, BeforeValidator(_clean_line)]
OptionalLine = Annotated[Union[_Bounded, None], BeforeValidator(_blank_is_none(_clean_line))]


# The parts are data (templates/parts.yaml); these are the model's views of it.
MANDATORY_PARTS = tuple(PartKey(key) for key in parts().mandatory)
ACCEPTED_ORDERS = tuple(tuple(PartKey(key) for key in order.keys) for order in parts().accepted_orders)
REGULATION_ORDER = list(ACCEPTED_ORDERS[0])


class UnitKind(str, Enum):
    government = "人民政府"
    department = "政府部门"
    township = "乡镇街道"
    institution = "事业单位"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


FigureValue = Union[bool, int, float]


def _coerce_figure(indicator: Indicator, value: Any) -> FigureValue:
    """Check one figure against its catalogue type (`indicator`: its entry); accept "59件" when
    the unit word matches."""
    if type(value) is int and 0 <= value <= MAX_FIGURE and indicator.type != "flag":
        return value  # the usual case: a whole number in range, what every check below lets through
    if indicator.type == "flag":
        if isinstance(value, bool):
            return value
        if value in ("是", "已完成", "完成"):
            return True
        if value in ("否", "未完成"):
            return False
        raise PydanticCustomError("figure_flag", "应填写 true（是）或 false（否）")
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        if indicator.unit and text.endswith(indicator.unit):
            text = text[: -len(indicator.unit)].strip()
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise PydanticCustomError(
                "figure_number",
                "“{value}”不是数字：请用阿拉伯数字填写，如 59（单位“{unit}”可以省略）",
                {"value": value.encode("utf-8", "replace").decode(), "unit": indicator.unit or "无"},
            )
        if len(text.partition(".")[0]) > 15:  # int() refuses 4,301 digits; no figure has 16
            raise PydanticCustomError("figure_absurd", "数值 {value} 过大，请核对", {"value": text[:12] + "…"})
        value = float(text) if "." in text else int(text)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("figure_number", "应填写数字，如 59")
    if value != value:  # NaN (YAML .nan)
        raise PydanticCustomError("figure_number", "不是有效的数字，请用阿拉伯数字填写，如 59")
    if value < 0:
        raise PydanticCustomError("figure_negative", "不能是负数（填写了 {value}）", {"value": value})
    if value > MAX_FIGURE:
        raise PydanticCustomError("figure_absurd", "数值 {value} 过大，请核对", {"value": value})
    if indicator.type == "count":
        if isinstance(value, float) and not value.is_integer():
            raise PydanticCustomError("figure_integer", "应为整数（填写了 {value}）", {"value": value})
        return int(value)
    return value


def check_figures(figures: dict[str, Any]) -> dict[str, FigureValue]:
    """Validate a `figures` mapping: known keys only, each value of its indicator's type."""
    known = catalogue().indicators
    checked: dict[str, FigureValue] = {}
    for key, value in figures.items():
        if key not in known:
            from .suggest import closest

            hint = closest(str(key), list(known))
            raise PydanticCustomError(
                "unknown_figure",
                "未知的数据项“{key}”{hint}",
                {"key": key, "hint": f"，是否想写“{hint}”？" if hint else "（可用的键名见 templates/catalogue.yaml）"},
            )
        if value is None:  # left blank in the file: not reported
            continue
        try:
            checked[key] = _coerce_figure(known[key], value)
        except PydanticCustomError as error:
            raise PydanticCustomError(
                "figure_invalid",
                "数据项“{label}”{detail}",
                {"label": known[key].label, "key": key, "detail": error.message()},
            ) from None
    return checked


# A `figures:` mapping; left empty in the file (None) it means no figures.
Figures = Annotated[
    dict[str, Any],
    BeforeValidator(lambda value: {} if value is None else value),
    AfterValidator(check_figures),
]


class _HasFigures(_Model):
    figures: Figures = Field(
        default_factory=_empty_dict,
        title="数据",
        description="本部分的统计数字；键名见 templates/catalogue.yaml，单位由措辞目录自动加上。",
    )


def _coerce_custom_value(value: Any) -> Any:
    """A custom figure's value as typed: 2, 12.5, "400" or "1,200"; Chinese numerals are refused."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise PydanticCustomError("figure_number", "应填写数字，如 59")
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        if text == "":
            return None
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise PydanticCustomError(
                "figure_number", "“{value}”不是数字：请用阿拉伯数字填写，如 59（单位写在 unit 里）", {"value": value}
            )
        value = float(text) if "." in text else int(text)
    if not isinstance(value, (int, float)) or value != value:
        raise PydanticCustomError("figure_number", "应填写数字，如 59")
    if value < 0:
        raise PydanticCustomError("figure_negative", "不能是负数（填写了 {value}）", {"value": value})
    if value > MAX_FIGURE:
        raise PydanticCustomError("figure_absurd", "数值 {value} 过大，请核对", {"value": value})
    return value


CustomValue = Annotated[Union[int, float, None], BeforeValidator(_coerce_custom_value)]


class CustomFigure(_Model):
    """A figure of the unit's own, not in the catalogue: declared once, referenced as 【key】 in the text."""

    label: Line = Field(title="名称", description="这个数字说的是什么，如“常务会议听取法治政府建设汇报”")
    unit: OptionalLine = Field(default=None, title="单位", description="量词，如 次、人次、个；百分比写 %")
    value: CustomValue = Field(default=None, title="今年数值", description="今年的数字；不填时不能生成草稿")
    approximate: bool = Field(default=False, title="约数", description="true 时写成“400余人次”")
    previous: CustomValue = Field(default=None, title="去年数值", description="上一年度的数字，由 drafter new 自动填写")


def check_custom_keys(figures: dict[str, Any]) -> dict[str, Any]:
    """Keys of `custom_figures`: lower-case ASCII, and not a catalogue key (that would give one figure twice)."""
    cat = catalogue()
    for key in figures:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(key)):
            raise PydanticCustomError(
                "custom_key",
                "自定义数据的键名“{key}”只能由小写英文字母、数字和下划线组成，并以字母开头（如 standing_meetings）",
                {"key": key},
            )
        if key in cat.indicators or key in cat.rates:
            raise PydanticCustomError(
                "custom_key",
                "自定义数据“{key}”与目录指标“{label}”同名：同一个数据只能给一次，请删除这一项或换一个键名",
                {"key": key, "label": cat.label(key)},
            )
    return figures


CustomFigures = Annotated[
    dict[str, CustomFigure],
    BeforeValidator(lambda value: {} if value is None else value),
    AfterValidator(check_custom_keys),
]


class Item(_Model):
    """One point of a part: an optional lead phrase and its text."""

    title: OptionalLine = Field(default=None, title="要点", description="一句话概括，如“加强组织领导”（可不填）")
    text: Text = Field(title="内容", description="具体做法和成效")

    @model_validator(mode="before")
    @classmethod
    def _plain_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Topic(_HasFigures):
    key: str = Field(
        title="专题",
        description="专题目录中的键名（见 templates/catalogue.yaml 的 topics），自拟专题写 custom",
    )
    title: OptionalLine = Field(default=None, title="专题标题", description="不填则使用目录中的标题")
    items: list[Item] = Field(default_factory=_empty_list, title="举措和成效")

    @field_validator("key")
    @classmethod
    def _known_topic(cls, key: str) -> str:
        topics = catalogue().topics
        if key != "custom" and key not in topics:
            from .suggest import closest

            hint = closest(key, list(topics) + ["custom"])
            raise PydanticCustomError(
                "unknown_topic",
                "未知的专题“{key}”{hint}",
                {"key": key, "hint": f"，是否想写“{hint}”？" if hint else "；自拟专题请写 custom"},
            )
        return key

    @model_validator(mode="after")
    def _custom_needs_title(self) -> "Topic":
        if self.key == "custom" and not self.title:
            raise PydanticCustomError("custom_title", "自拟专题（custom）必须填写标题 title")
        return self

    @property
    def heading(self) -> str:
        return self.title or catalogue().topics[self.key].title


class Duty(_HasFigures):
    items: list[Item] = Field(default_factory=_empty_list, title="履职情况", description="主要负责人履行第一责任人职责的具体做法")


class Shortcoming(_Model):
    problem: Line = Field(title="不足", description="存在的问题，一句话，如“执法人员法治素养有待提高”")
    cause: Text = Field(title="原因", description="问题的原因或具体表现")


class Plan(_Model):
    title: Line = Field(title="安排", description="一句话概括，如“完善执法监督机制”")
    text: Text = Field(title="具体内容")


class PartText(_Model):
    """A part's own paragraphs around its points, as real reports write them."""

    before: OptionalText = Field(default=None, title="部分开头", description="本部分各条之前的一段话，如“……主要表现在：”")
    after: OptionalText = Field(default=None, title="部分结尾", description="本部分各条之后的一段话，如“总之，……”")


class Fonts(_Model):
    body: Line = Field(default="仿宋_GB2312", title="正文字体")
    title: Line = Field(default="方正小标宋简体", title="标题字体")
    heading1: Line = Field(default="黑体", title="一级标题字体")
    heading2: Line = Field(default="楷体_GB2312", title="二级标题字体")
    page_number: Line = Field(default="宋体", title="页码字体")


class Layout(_Model):
    part_order: list[PartKey] = Field(
        default_factory=lambda: list(REGULATION_ORDER),
        title="部分顺序",
        description="按《督察工作规定》顺序：measures, shortcomings, duty, plans；"
        "或第一责任人部分在前：duty, measures, shortcomings, plans。other（其他情况）可放在最后。",
    )
    template: Line = Field(default="official", title="模板", description="内置模板名 official，或 .docx 模板文件路径")
    items_as: Literal["paragraphs", "run"] = Field(
        default="paragraphs",
        title="要点排列",
        description="paragraphs：“一是……”“二是……”各自成段；run：在同一段内连续排列",
    )
    fonts: Fonts = Field(default_factory=Fonts, title="字体")

    @field_validator("part_order")
    @classmethod
    def _each_part_once(cls, order: list[PartKey]) -> list[PartKey]:
        missing = [part_label(p.value) for p in MANDATORY_PARTS if p not in order]
        if missing:
            raise PydanticCustomError("part_missing", "缺少部分：{missing}", {"missing": "、".join(missing)})
        if len(set(order)) != len(order):
            raise PydanticCustomError("part_repeated", "同一部分出现了两次")
        return order


class Unit(_Model):
    name: Line = Field(title="单位名称", description="全称，如“西峡县城市管理局”")
    kind: UnitKind = Field(title="单位类型", description="人民政府 / 政府部门 / 乡镇街道 / 事业单位")
    has_enforcement_power: Union[bool, None] = Field(
        default=None, title="有行政执法权", description="不填时：事业单位视为无执法权，其余视为有"
    )
    superiors: Line = Field(title="上级领导机关", description="开头“在……的坚强领导下”中的机关，如“县委、县政府”")
    recipient: OptionalLine = Field(default=None, title="主送机关", description="如“县委全面依法治县委员会办公室”，可不填")
    signatory: OptionalLine = Field(default=None, title="落款", description="不填则用单位名称")
    written_on: Union[dt.date, None] = Field(default=None, title="成文日期", description="如 2025-02-28")

    @property
    def enforces(self) -> bool:
        if self.has_enforcement_power is not None:
            return self.has_enforcement_power
        return self.kind is not UnitKind.institution


class Report(_Model):
    year: int = Field(title="报告年度", description="报告所述的年度，如 2024", ge=FIRST_YEAR, le=LAST_YEAR)
    unit: Unit = Field(title="单位")
    layout: Layout = Field(default_factory=Layout, title="版式")
    opening_focus: OptionalLine = Field(
        default=None,
        title="开头补充",
        description="开头段中单位自拟的一句，以“，”结尾，如“聚焦城市管理主责主业，”",
    )
    opening: OptionalText = Field(
        default=None,
        title="开头段（自拟）",
        description="整段自拟的开头，代替自动生成的开头（此时不用“开头补充”）；"
        "结尾没有“报告如下：”时自动补上“现将有关情况报告如下：”",
    )
    measures: list[Topic] = Field(default_factory=_empty_list, title=part_spec("measures").title)
    shortcomings: list[Shortcoming] = Field(default_factory=_empty_list, title=part_spec("shortcomings").title)
    duty: Duty = Field(default_factory=Duty, title=part_spec("duty").title)
    plans: list[Plan] = Field(default_factory=_empty_list, title=part_spec("plans").title)
    other: list[Item] = Field(default_factory=_empty_list, title=part_spec("other").title)
    part_texts: dict[PartKey, PartText] = Field(
        default_factory=_empty_dict,
        title="各部分的开头和结尾段",
        description="某一部分在各条之前或之后的整段文字（导入时保留原文），如 shortcomings: {before: …}",
    )
    custom_figures: CustomFigures = Field(
        default_factory=_empty_dict,
        title="自定义数据",
        description="目录里没有的数字：每项写名称 label、单位 unit、数值 value（约数加 approximate: true），"
        "在正文中写【键名】引用，如“听取汇报【standing_meetings】次”",
    )
    fixed_numbers: list[Line] = Field(
        default_factory=_empty_list,
        title="固定写法的数字",
        description="正文中确认不是数据、每年不变的数字写法（如“24小时”），检查和问卷不再提示",
    )
    previous_figures: Figures = Field(
        default_factory=_empty_dict,
        title="上年数据",
        description="上一年度的数字，用于生成“同比”表述；由 drafter new 自动填写",
    )

    @property
    def next_year(self) -> int:
        return self.year + 1

    @property
    def signatory(self) -> str:
        return self.unit.signatory or self.unit.name

    def figure_blocks(self) -> list[tuple[tuple[Any, ...], dict[str, FigureValue]]]:
        """Each place that holds figures, with its location in the answers file."""
        blocks = [(("measures", index, "figures"), topic.figures) for index, topic in enumerate(self.measures)]
        blocks.append((("duty", "figures"), self.duty.figures))
        return blocks

    def figures(self) -> dict[str, FigureValue]:
        """Every figure of the report in one namespace (a figure is entered in one place only)."""
        merged: dict[str, FigureValue] = {}
        for _, figures in self.figure_blocks():
            merged.update(figures)
        return merged

    def rates(self) -> dict[str, float]:
        """Every rate whose numerator and denominator are both entered (denominator > 0)."""
        return rates_of(self.figures())


models_built()  # last: pydantic's plugins for any model built after these (drafter.lean_pydantic)
