"""Last year's plans as a checklist: each one done, partly done or not done."""

from __future__ import annotations

from typing import Any

from ..model import Item, Plan, Shortcoming
from .context import Context
from .fields import ModelField
from .labels import SECTION_CHECKLIST, short
from .prompts import Prompter
from .questions import Question, Row


class ChecklistQuestion(Question):
    """One of last year's plans: was it carried out? Feeds part 1 (done) and part 2 (not done)."""

    section = SECTION_CHECKLIST

    def __init__(self, ctx: Context, index: int, plan: Plan, topics: list[tuple[str, str]]) -> None:
        super().__init__(ctx)
        self.index, self.plan, self.topics = index, plan, topics  # topics: (id, heading)
        self.qid = f"checklist.{index + 1}"
        self.label = f"去年安排第{index + 1}项：{short(plan.title, 16)}"
        self.statuses = ctx.reuse.statuses

    def fill(self, template: str) -> str:
        return template.format(title=self.plan.title, text=self.plan.text.rstrip("。；;"))

    def default(self) -> dict:
        return {"status": self.statuses[0][0]}

    def accepts(self, value: Any) -> bool:
        if not isinstance(value, dict) or value.get("status") not in dict(self.statuses):
            return False
        if value["status"] in ("done", "partial"):
            return value.get("topic") in [tid for tid, _ in self.topics] and bool(value.get("text"))
        return True

    def guess_topic(self) -> str | None:
        """The selected topic whose title shares most characters with the plan."""
        words = set(self.plan.title + self.plan.text)
        scored = [(len(words & set(heading)), -n, tid) for n, (tid, heading) in enumerate(self.topics)]
        return max(scored)[2] if scored else None

    def prompt(self, ui: Prompter, current: dict, focus: str | None = None) -> dict:
        ui.show(f"去年安排第{self.index + 1}项：{self.plan.title}——{self.plan.text}", style="bold")
        status = ui.select(f"“{self.plan.title}”落实了吗？", [(label, key) for key, label in self.statuses],
                           default=current.get("status"))
        answer: dict[str, Any] = {"status": status}
        if status in ("done", "partial") and self.topics:
            answer["topic"] = ui.select("写进第一部分的哪个专题？", [(heading, tid) for tid, heading in self.topics],
                                        default=current.get("topic") or self.guess_topic())
            text_field = ModelField(Item, "text", ("measures",))
            answer["text"] = ui.text(
                "实际做了什么（写进第一部分）",
                default=current.get("text") or "",
                instruction="写已经完成的做法和成效，不要照抄上面去年的安排",
                multiline=True, validate=lambda raw: self.written(raw) or text_field.problem(raw), files=True,
            ).strip()
        if status in ("partial", "not_done"):
            drafts = self.ctx.reuse.shortcoming[status]
            problem_field = ModelField(Shortcoming, "problem", ("shortcomings",))
            cause_field = ModelField(Shortcoming, "cause", ("shortcomings",))
            answer["problem"] = ui.text("写进第二部分的不足", default=current.get("problem") or self.fill(drafts["problem"]),
                                        validate=problem_field.problem).strip()
            answer["cause"] = ui.text("原因", default=current.get("cause") or "", instruction=self.fill(drafts["cause_hint"]),
                                      multiline=True, validate=lambda raw: self.written(raw) or cause_field.problem(raw),
                                      files=True).strip()
        return answer

    def written(self, raw: str) -> str | None:
        """A Chinese objection when the text is empty or still a draft to complete."""
        if not raw.strip():
            return "请填写（不能留空）"
        if self.ctx.reuse.has_placeholder(raw):
            return "请把待补充的内容写完整"
        return None

    def measure(self, value: dict) -> tuple[str, dict] | None:
        """(topic id, item) for part 1, when the plan was (partly) carried out."""
        if value.get("status") in ("done", "partial") and value.get("topic"):
            return value["topic"], {"title": self.fill(self.ctx.reuse.measure["title"]), "text": value["text"]}
        return None

    def shortcoming(self, value: dict) -> dict | None:
        if value.get("status") in ("partial", "not_done"):
            return {"problem": value["problem"], "cause": value["cause"]}
        return None

    def summary(self, value: dict) -> str:
        label = self.ctx.reuse.status_label(value.get("status", self.statuses[0][0]))
        topic = dict(self.topics).get(value.get("topic"))
        return f"{label}（写入“{short(topic, 12)}”）" if topic and value.get("status") in ("done", "partial") else label

    def rows(self, value: dict) -> list[Row]:
        flags = []
        if value.get("text") and value["text"].strip("。；; ") == self.plan.text.strip("。；; "):
            flags.append("落实情况还是去年安排的原文，请改写为已完成的表述")
        flags += self.ctx.placeholder_flags([value.get("problem"), value.get("cause")])
        return [Row(self.label, self.summary(value), flags=flags)]
