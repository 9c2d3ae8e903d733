"""The questionnaire itself: which questions, in which order, and how the answers become a report.

`Flow.run()` walks the questions and returns the answers file's data. Each question goes
through `Session.ask`, which replays a saved answer when there is one and otherwise asks
(interactive), takes the default (`--defaults`) or notes what is missing (`--no-input`).
Because a run only depends on the saved answers, running the flow again after an edit on
the review screen, or in a new process after Ctrl-C, reaches exactly the same state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..catalogue import catalogue
from ..model import Item, Plan, Report, Shortcoming, Unit
from .progress import Progress
from .prompts import Prompter
from .checklist import ChecklistQuestion
from .context import Context, referenced
from .fields import ModelField
from .labels import SECTION_CUSTOM, SECTION_DATE, SECTION_DUTY, SECTION_MEASURES, SECTION_OTHER, SECTION_PLANS, SECTION_SHORTCOMINGS
from .lists import BlockQuestion, ListQuestion
from .figure import FigureQuestion
from .numbers import NumbersQuestion, apply_numbers, found_numbers
from .questions import BasicsQuestion, FieldQuestion, Question, TopicsQuestion

Mode = Literal["interactive", "defaults", "no_input"]
_UNANSWERED = object()


class _Replay(Exception):
    """Walk the flow again from the start: the clerk stepped back to an earlier question."""


@dataclass
class Record:
    """A question as it was answered in the last pass of the flow."""

    question: Question
    value: Any


class Session:
    """Asks questions in one of three modes and keeps every answer in the progress file."""

    def __init__(self, progress: Progress, ui: Prompter | None, mode: Mode) -> None:
        self.progress, self.ui, self.mode = progress, ui, mode
        self.records: list[Record] = []
        self.missing: list[tuple[tuple, str]] = []
        self.back_to: str | None = None  # the question to ask again on the next pass (PgUp)

    def start_pass(self) -> None:
        self.records, self.missing = [], []

    def ask(self, question: Question) -> Any:
        question.save_pending = lambda state, qid=question.qid: self.progress.set_pending(qid, state)
        stored = self.progress.answers.get(question.qid, _UNANSWERED)
        if question.qid == self.back_to:
            self.back_to = None
            current = stored if stored is not _UNANSWERED and question.accepts(stored) else question.default()
            value = self.prompt_or_back(question, current)
        elif stored is not _UNANSWERED and question.accepts(stored):
            value = stored
        elif self.mode == "interactive":
            value = self.prompt_or_back(question, self.progress.pending.get(question.qid, question.default()))
        else:
            value = question.default()
            if question.missing(value):
                if self.mode == "defaults" and self.ui is not None:
                    value = self.prompt(question, value)
                else:
                    self.missing += question.missing(value)
        self.records.append(Record(question, value))
        return value

    def prompt_or_back(self, question: Question, current: Any) -> Any:
        """Ask; PgUp goes back to the question before (asked again on the next pass of the flow)."""
        from .prompts import StepBack

        while True:
            try:
                return self.prompt(question, current)
            except StepBack:
                if self.records:
                    self.back_to = self.records[-1].question.qid
                    raise _Replay from None
                self.ui.show("已经是第一题。", style="yellow")

    def prompt(self, question: Question, current: Any, focus: str | None = None) -> Any:
        self.ui.questions += 1
        value = question.prompt(self.ui, current, focus)
        self.progress.record(question.qid, value)
        return value


def _set(data: dict, loc: tuple, value: Any) -> None:
    for part in loc[:-1]:
        data = data.setdefault(part, {})
    data[loc[-1]] = value


class Flow:
    """The questions of one year's report, in the order a clerk meets them."""

    def __init__(self, ctx: Context, session: Session) -> None:
        self.ctx, self.session = ctx, session
        self.data: dict = {}  # the answers of the last pass

    def run(self) -> dict:
        """One pass over every question, again from the start when the clerk steps back."""
        while True:
            try:
                return self._run()
            except _Replay:
                continue

    def _run(self) -> dict:
        ctx, ask = self.ctx, self.session.ask
        self.session.start_pass()
        data: dict[str, Any] = {"year": ctx.year, "unit": {}}

        basics = ask(BasicsQuestion(ctx))
        for f in BasicsQuestion.FIELDS:
            if basics.get(f.key) is not None:
                _set(data, f.loc, basics[f.key])
        data["layout"] = {**(ctx.seed.get("layout") or {}), **data.get("layout", {})}
        enforces = BasicsQuestion.enforces(basics)

        topics = ask(TopicsQuestion(ctx, enforces))
        headings = [(tid, ctx.topic_heading(tid)) for tid in topics]

        fed_items: dict[str, list[dict]] = {}
        fed_shortcomings: list[dict] = []
        for index, plan in enumerate(ctx.plans):
            question = ChecklistQuestion(ctx, index, plan, headings)
            answer = ask(question)
            if measure := question.measure(answer):
                fed_items.setdefault(measure[0], []).append(measure[1])
            if shortcoming := question.shortcoming(answer):
                fed_shortcomings.append(shortcoming)

        self.custom_specs = dict(ctx.seed.get("custom_figures") or {})  # carried: label, unit, last year's value
        self.custom_values: dict[str, Any] = {}
        taken: set[str] = set()
        data["measures"] = []
        for tid in topics:
            block = BlockQuestion(ctx, tid, enforces=enforces, fed=fed_items.get(tid, []), taken=frozenset(taken))
            answer = ask(block)
            topic: dict[str, Any] = {"key": "custom" if tid.startswith("custom:") else tid}
            title = tid.removeprefix("custom:") if tid.startswith("custom:") else answer.get("title")
            if title:
                topic["title"] = title
            items = list(answer["items"]) + fed_items.get(tid, [])
            if items:
                topic["items"] = items
            keys = block.figure_keys(answer)
            figures = self._figures(keys, SECTION_MEASURES)
            self._custom(referenced(items), SECTION_MEASURES)
            taken |= set(keys)
            if figures:
                topic["figures"] = figures
            data["measures"].append(topic)

        duty_block = BlockQuestion(ctx, None, enforces=enforces, taken=frozenset(taken))
        duty_answer = ask(duty_block)
        duty_keys = duty_block.figure_keys(duty_answer)
        data["duty"] = {"items": duty_answer["items"], "figures": self._figures(duty_keys, SECTION_DUTY)}
        self._custom(referenced(duty_answer["items"]), SECTION_DUTY)

        data["shortcomings"] = fed_shortcomings + ask(
            ListQuestion(ctx, "shortcomings", ("shortcomings",), Shortcoming, label=SECTION_SHORTCOMINGS,
                         section=SECTION_SHORTCOMINGS, noun="不足", review=True)
        )
        data["plans"] = ask(
            ListQuestion(ctx, "plans", ("plans",), Plan, label=f"{ctx.year + 1}年的主要安排",
                         section=SECTION_PLANS, noun="安排", review=True)
        )
        data["other"] = ask(
            ListQuestion(ctx, "other", ("other",), Item, label="其他需要报告的情况（可不填）",
                         section=SECTION_OTHER, noun="情况", optional=True)
        )
        # Custom figures the texts still reference (those of the other parts' texts asked now);
        # one no text references any more is dropped.
        cited = referenced(data)
        still = set(cited)
        self._custom([key for key in self.custom_specs if key in still], SECTION_CUSTOM)
        asked = taken | set(duty_keys)
        self._unheld([key for key in _counts_of(cited) if key not in asked], data)
        custom = {key: {**spec, "value": self.custom_values.get(key)} for key, spec in self.custom_specs.items() if key in still}
        if custom:
            data["custom_figures"] = custom
        if ctx.seed.get("fixed_numbers"):
            data["fixed_numbers"] = list(ctx.seed["fixed_numbers"])
        found = found_numbers(data, ctx, data.get("fixed_numbers") or [])
        if found:
            apply_numbers(data, found, ask(NumbersQuestion(ctx, found)))

        written_on = ask(FieldQuestion(ctx, ModelField(Unit, "written_on", ("unit", "written_on")), section=SECTION_DATE))
        if written_on is not None:
            _set(data, ("unit", "written_on"), written_on)
        if ctx.previous_figures:
            data["previous_figures"] = dict(ctx.previous_figures)
        self.data = data
        return data

    def _custom(self, keys, section: str) -> None:
        """Ask the custom figures among `keys` not asked yet (those the texts just met reference)."""
        for key in keys:
            if key in self.custom_specs and key not in self.custom_values:
                question = FigureQuestion(self.ctx, key, section, custom=self.custom_specs[key])
                self.custom_values[key] = self.session.ask(question)

    def _unheld(self, keys: list[str], data: dict) -> None:
        """Ask the catalogue figures a text references (a shortcoming's "仅【certified_officers】人")
        that no topic and not the duty part asked for; each goes to the topic the catalogue puts
        it in when the report has that topic, else to the duty part (a figure stated in a text
        gets no sentence of its own there)."""
        cat = catalogue()
        for key in keys:
            value = self.session.ask(FigureQuestion(self.ctx, key, SECTION_CUSTOM))
            if value is None:
                continue
            home = next((t for t in data["measures"] if t["key"] in cat.topics and key in cat.topics[t["key"]].indicators),
                        None)
            (home.setdefault("figures", {}) if home is not None else data["duty"]["figures"])[key] = value

    def _figures(self, keys: list[str], section: str) -> dict[str, Any]:
        figures = {}
        for key in keys:
            value = self.session.ask(FigureQuestion(self.ctx, key, section))
            if value is not None:
                figures[key] = value
        return figures


def _counts_of(keys) -> list[str]:
    """The catalogue figures behind `keys`: a rate stands for its denominator and numerator
    (the whole first, as the clerk counts), another catalogue figure for itself; custom ones drop."""
    cat = catalogue()
    counts = []
    for key in keys:
        rate = cat.rates.get(key)
        counts += [rate.denominator, rate.numerator] if rate else [key] if key in cat.indicators else []
    return list(dict.fromkeys(counts))


# ---------------------------------------------------------------- answers → report

_PLACEHOLDER_UNIT = {"name": "-", "kind": "政府部门", "superiors": "-"}


@dataclass
class Assembled:
    """The answers collected, validated: the report (None when an error stops it) and its problems."""

    report: Report | None
    errors: list[tuple[tuple, str]]
    warnings: list[tuple[tuple, str]]
    unfilled: list[tuple[tuple, str]] = field(default_factory=list)  # figures the text references, still without a value


def assemble(data: dict) -> Assembled:
    """Validate the collected data; list every error at once (a missing unit does not hide empty parts)."""
    from pydantic import ValidationError

    from ..problems import error_loc, error_message
    from ..check.consistency import check_report
    from ..check.draft import check_draft

    try:
        report = Report.model_validate(data)
    except ValidationError as error:
        errors = [(error_loc(e), error_message(e)) for e in error.errors(include_url=False)]
        try:
            probe = Report.model_validate({**data, "unit": _PLACEHOLDER_UNIT})
        except ValidationError:
            return Assembled(None, errors, [])
        errors += [(p.loc, p.message) for p in check_report(probe, require_values=False) if p.severity == "error" and p.loc[:1] != ("unit",)]
        return Assembled(None, errors, [])
    from ..check.references import unfilled_problems

    problems = check_report(report, require_values=False)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in check_draft(report) + problems if p.severity == "warning"]
    return Assembled(report, [(p.loc, p.message) for p in errors], [(p.loc, p.message) for p in warnings],
                   [(p.loc, p.message) for p in unfilled_problems(report)])
