"""The reuse policy (templates/reuse.yaml) and the sources a questionnaire draws its defaults from.

Priority, highest first: answers typed in this run (the progress file) > this year's answers
file if it exists (every value a default) > the `--from` file or last year's answers (only
what the policy calls persistent or review) > the model's defaults.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..answers import LoadedAnswers
from ..datafile import load_data


@dataclass(frozen=True)
class ReusePolicy:
    persistent: tuple[str, ...]
    review: tuple[str, ...]
    per_year: tuple[str, ...]
    advance_year: tuple[str, ...]
    derived: tuple[str, ...]
    model_excludes: tuple[str, ...]
    far_times: float
    flag_patterns: tuple[str, ...]
    placeholder_marks: tuple[str, ...]
    statuses: tuple[tuple[str, str], ...]  # (key, Chinese label); the first is the default
    measure: dict[str, str]
    shortcoming: dict[str, dict[str, str]]
    draft_name: str

    def is_far(self, current: Any, previous: Any) -> bool:
        """True when a figure is more than `times`× last year's, or less than 1/`times` of it."""
        if not _is_number(current) or not _is_number(previous) or previous <= 0:
            return False
        return current > previous * self.far_times or current * self.far_times < previous

    def year_mentions(self, text: str, previous_year: int) -> list[str]:
        """The spots in `text` that name last year's year ("2024年")."""
        found = []
        for pattern in self.flag_patterns:
            found += [m.group(0) for m in re.finditer(pattern.replace("{previous_year}", str(previous_year)), text)]
        return found

    def advanced(self, carried: dict, previous_year: int, year: int) -> dict:
        """`carried` with the years of the `advance_year` fields moved on: the source's own year
        becomes this year, and the year after it (the plans an opening announces: "…和2025年工作
        安排报告如下") the year after this one, both at once."""
        shift = year - previous_year
        own_years = re.compile(rf"(?<!\d)({previous_year}|{previous_year + 1})(?=\s*年(?!\s*\d{{1,2}}\s*月))")
        for name in self.advance_year:
            if isinstance(carried.get(name), str):
                pieces = re.split(r"(《[^》]*》)", carried[name])
                carried[name] = "".join(p if p.startswith("《") else own_years.sub(lambda m: str(int(m[1]) + shift), p)
                                        for p in pieces)
        return carried

    def has_placeholder(self, text: str) -> bool:
        return any(mark in text for mark in self.placeholder_marks)

    def draft_filename(self, year: int) -> str:
        return self.draft_name.format(year=year)

    def status_label(self, key: str) -> str:
        return dict(self.statuses)[key]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _placeholder_marks() -> tuple[str, ...]:
    from ..check.rules import load_check_rules

    return tuple(load_check_rules()["placeholders"])


@lru_cache(maxsize=1)
def reuse_policy() -> ReusePolicy:
    raw = load_data("reuse.yaml")
    far = raw["far_from_last_year"]
    checklist = raw["checklist"]
    return ReusePolicy(
        persistent=tuple(raw["persistent"]),
        review=tuple(raw["review"]),
        per_year=tuple(raw["per_year"]),
        advance_year=tuple(raw.get("advance_year") or ()),
        derived=tuple(raw["derived"]),
        model_excludes=tuple(raw["model_excludes"]),
        far_times=float(far["times"]),
        flag_patterns=tuple(raw.get("flag_patterns") or ()),
        placeholder_marks=_placeholder_marks(),
        statuses=tuple((s["key"], s["label"]) for s in checklist["statuses"]),
        measure=dict(checklist["measure"]),
        shortcoming={key: dict(value) for key, value in checklist["shortcoming"].items()},
        draft_name=raw["draft_name"],
    )


# ---------------------------------------------------------------- paths like "measures[].items"


def parse_path(path: str) -> tuple[str, ...]:
    """"measures[].items" → ("measures", "[]", "items")."""
    parts: list[str] = []
    for name in path.split("."):
        if name.endswith("[]"):
            parts += [name[:-2], "[]"]
        else:
            parts.append(name)
    return tuple(parts)


def select_paths(data: Any, paths: list[str] | tuple[str, ...]) -> Any:
    """The part of plain `data` that the paths name (a path to a mapping takes all below it)."""
    return _select(data, [parse_path(p) for p in paths])


def _select(data: Any, patterns: list[tuple[str, ...]]) -> Any:
    if any(not p for p in patterns):
        return copy.deepcopy(data)
    if isinstance(data, list):
        inner = [p[1:] for p in patterns if p[0] == "[]"]
        return [_select(item, inner) for item in data] if inner else None
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            inner = [p[1:] for p in patterns if p[0] == key]
            if inner:
                chosen = _select(value, inner)
                if chosen is not None:
                    out[key] = chosen
        return out
    return None


def carry(plain: dict, policy: ReusePolicy | None = None, *, model: bool = False, last_year: bool = True) -> dict:
    """Last year's answers (plain data) reduced to what becomes this year's defaults; from a
    model (an example, another unit's file) without that unit's identity; from an older
    year's file (`last_year` False) without its figures as last year's."""
    from ..figures.live import carry_custom_figures

    policy = policy or reuse_policy()
    carried = select_paths(plain, policy.persistent + policy.review)
    if carried.get("custom_figures"):  # a model's or an older year's figures are not last year's
        carried["custom_figures"] = carry_custom_figures(carried["custom_figures"], previous=last_year and not model)
    if model:
        for path in policy.model_excludes:
            *parents, name = parse_path(path)
            block = carried
            for part in parents:
                block = block.get(part) if isinstance(block, dict) else None
            if isinstance(block, dict):
                block.pop(name, None)
    return carried


EXAMPLE_MARK = "# 示例"


def is_example(path: Path) -> bool:
    """A bundled example (or a copy of one: its header says "# 示例：…")."""
    from ..errors import UserError
    from ..paths import templates_dir
    from ..safe_read import ANSWERS_LIMIT, read_bytes

    path = Path(path).resolve()
    if path.parent == templates_dir().parent / "examples":
        return True
    try:  # through safe_read: /dev/zero or a pipe is not read forever (loading it says why)
        head = read_bytes(path, limit=ANSWERS_LIMIT, what="答卷文件").decode("utf-8-sig")[:2000]
    except (UserError, UnicodeDecodeError):
        return False
    return any(line.startswith(EXAMPLE_MARK) for line in head.splitlines() if line.startswith("#"))


# ---------------------------------------------------------------- sources


def topic_id(topic: dict) -> str:
    """A stable id for a topic of the answers: its catalogue key, or "custom:标题"."""
    return topic["key"] if topic["key"] != "custom" else f"custom:{topic.get('title') or ''}"


@dataclass
class Sources:
    """What a questionnaire for `year` starts from.

    base: this year's answers file (every value is a default); previous: the answers of
    year − 1 (persistent defaults, figures for 同比, plans for the checklist); template:
    answers of another year (persistent defaults only); model: an example or another unit's
    file (its wording only: no identity, no figures, no checklist).
    """

    year: int
    base: LoadedAnswers | None = None
    previous: LoadedAnswers | None = None
    template: LoadedAnswers | None = None
    model: LoadedAnswers | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def origin(self) -> LoadedAnswers | None:
        """The file the defaults come from."""
        return self.base or self.previous or self.template or self.model

    @property
    def carried(self) -> bool:
        """Defaults were carried over from another year (so carried text is worth flagging)."""
        return self.base is None and self.origin is not None

    @property
    def carried_year(self) -> int | None:
        return self.origin.report.year if self.carried else None

    def seed(self) -> dict:
        """The defaults, shaped like the answers file (plain data)."""
        if self.base is not None:
            return self.base.report.model_dump(mode="json", exclude_none=True)
        if self.origin is not None:
            carried = carry(self.origin.report.model_dump(mode="json", exclude_none=True), model=self.origin is self.model,
                            last_year=self.origin is self.previous)
            return reuse_policy().advanced(carried, self.origin.report.year, self.year)
        return {}

    def previous_figures(self) -> dict[str, Any]:
        if self.previous is not None:
            return dict(self.previous.report.figures())
        if self.base is not None:
            return dict(self.base.report.previous_figures)
        return {}

    def checklist_plans(self) -> list:
        """Last year's part-4 plans, to be checked off (not when this year's file exists)."""
        if self.base is None and self.previous is not None:
            return list(self.previous.report.plans)
        return []

    def figure_sentences(self) -> dict[str, str]:
        """Each figure of last year's texts → the first sentence stating it, with last year's value
        in place of its 【key】 ("全年出具合法性审查意见85份。")."""
        from dataclasses import replace

        from ..figures.live import live_figures
        from ..figures.refs import substitute

        origin = self.previous or self.base
        if origin is None:
            return {}
        figures = live_figures(origin.report)

        def last_year(key: str) -> str | None:
            figure = figures.get(key)
            if figure is None:
                return None
            return figure.text() if origin is self.previous else replace(figure, value=figure.previous).text()

        return {key: substitute(f.sentences[0], last_year) for key, f in figures.items() if f.sentences}

    def figure_layout(self) -> dict[str, list[str]]:
        """The figure keys each block held in the source: topic id or "duty" → keys."""
        origin = self.origin
        if origin is None:
            return {}
        layout = {topic_id(t.model_dump()): list(t.figures) for t in origin.report.measures}
        layout["duty"] = list(origin.report.duty.figures)
        return layout

    def comment_base(self) -> Any:
        """Round-trip YAML to merge the answers into, so the clerk's comments survive.

        Carried from another file, the file's header (its schema path, an import's review
        notes) speaks of that file and is dropped; comments on the answers stay.
        """
        origin = self.origin
        if origin is None:
            return None
        data = copy.deepcopy(origin.data)
        if origin is not self.base:
            data.ca.comment = None
        return data


def answers_by_year(folder: Path) -> dict[int, Path]:
    """The answers files of a folder ("2024.yaml"), by year, in year order."""
    if not folder.is_dir():
        return {}
    return {int(p.stem): p for p in sorted(folder.glob("[0-9][0-9][0-9][0-9].yaml")) if p.is_file()}


def _latest_before(folder: Path, year: int) -> Path | None:
    """The answers file of the latest year before `year` in `folder`, if any: a unit that
    skipped a year still carries what does not change."""
    earlier = [path for y, path in answers_by_year(folder).items() if y < year]
    return earlier[-1] if earlier else None


def load_sources(year: int, folder: Path, source: Path | None, *, model: bool = False) -> Sources:
    """Find this year's file and last year's (or `source`) and sort them by their year;
    `model`: `source` is another unit's file or an example, whatever its year."""
    from ..answers import load_answers
    from ..errors import UserError

    sources = Sources(year=year)
    current = folder / f"{year}.yaml"
    if current.exists():
        sources.base = load_answers(current, require_values=False)
        sources.notes.append(f"{current} 已存在：其中的每一项都作为默认值")
    if source is None:
        candidate = folder / f"{year - 1}.yaml"
        earlier = candidate if candidate.exists() else _latest_before(folder, year)
        if earlier is not None:
            source = earlier
            if earlier != candidate:
                sources.notes.append(f"没有找到去年的答卷 {candidate}，改用文件夹中最近的 {earlier}")
        elif sources.base is None:
            sources.notes.append(f"没有找到去年的答卷 {candidate}，将从空白问卷开始（也可以用 --from 指定一个答卷或示例）")
    if source is not None and Path(source).resolve() != current.resolve():
        loaded = load_answers(source, require_values=False)
        found = loaded.report.year
        if model:
            if sources.base is None:
                sources.model = loaded
                sources.notes.append(
                    f"以 {source} 为范本：只借用其中的写法（专题、要点、段落、版式）；其单位名称、上级机关、主送和落款"
                    f"不作为默认值，其中的数字不作为去年的数字（不写“同比”）"
                )
        elif found == year - 1:
            sources.previous = loaded
            sources.notes.append(f"沿用 {source}（{found}年度）：不变的内容作为默认值，去年的数字用于同比")
        elif found == year:
            if sources.base is None:
                sources.base = loaded
                sources.notes.append(f"以 {source}（{found}年度）为起点：其中的每一项都作为默认值")
        elif found > year:
            raise UserError(f"{source} 是 {found} 年度的答卷，晚于要起草的 {year} 年度；请检查 --year 或 --from")
        else:
            sources.template = loaded
            sources.notes.append(
                f"{source} 是 {found} 年度的答卷，不是上一年度的：只沿用不随年度变化的内容，不用于同比和落实清单"
            )
    return sources
