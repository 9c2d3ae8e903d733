"""Every problem of an answers file in one run: its shape (the model) and its consistency (the rules).

One validation reports every field in error, but a field in error hides what lies behind it:
the first bad figure of a block hides the next one, a topic without its required title hides
nothing but stops the report from being made, and the consistency rules (parts ≤ totals, the
date window…) run only on a valid report. So the values in error are set aside, a round at a
time, and the rest is validated again until it validates; then the rules run on it. A problem
found in a later round, or by the rules, is told only when it is independent of what was set
aside (neither the same field, nor inside it, nor around it): nothing is told that only the
setting aside caused.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .model import Report  # before pydantic (drafter.lean_pydantic)

from pydantic import ValidationError

from .check.consistency import check_report
from .check.findings import ERROR, Finding
from .problems import error_loc, error_message

MAX_ROUNDS = 8

# Required fields a report cannot be made without: set aside, a neutral stand-in takes their
# place so the rules can still run (a stand-in type of unit that has enforcement powers
# raises no enforcement warning). Findings on them are not told.
STAND_INS: dict[tuple, Any] = {
    ("unit", "name"): "（单位名称）",
    ("unit", "kind"): "政府部门",
    ("unit", "superiors"): "（上级机关）",
}
STAND_INS[("unit",)] = {key[1]: value for key, value in STAND_INS.items()}


@dataclass
class Collected:
    """What validation and the rules found; `report` only when nothing is in error."""

    report: Report | None = None
    errors: list[tuple[tuple, str]] = field(default_factory=list)  # (location, message)
    warnings: list[Finding] = field(default_factory=list)


def collect(data: dict, *, require_values: bool = True) -> Collected:
    """Validate plain answers data and run the consistency rules, finding every independent problem
    (`require_values=False`: figures the text references may still be without a value)."""
    work = data  # copied before anything is set aside: a valid file (the usual case) is not copied
    found = Collected()
    aside: list[tuple] = []  # what was set aside, in the file's own positions
    removed: dict[tuple, set[int]] = {}  # list (file position) → indices of its items set aside
    for _ in range(MAX_ROUNDS):
        try:
            report = Report.model_validate(work)
        except ValidationError as error:
            if work is data:
                work = copy.deepcopy(data)  # the caller's data is never changed
            cuts = []
            for problem in error.errors(include_url=False):
                loc = error_loc(problem)
                original = _original(loc, removed)
                if not any(_related(original, other) for other in aside):
                    found.errors.append((original, error_message(problem)))
                cuts.append(loc)
            if not _set_aside(work, cuts, removed, aside):
                return found
            continue
        findings = check_report(report, require_values=require_values)
        if aside:
            findings = [dataclasses.replace(f, loc=_original(f.loc, removed)) for f in findings]
            findings = [f for f in findings if not any(_related(f.loc, other) for other in aside)]
        found.errors += [(f.loc, f.message) for f in findings if f.severity == ERROR]
        found.warnings = [f for f in findings if f.severity != ERROR]
        if not found.errors:
            found.report = report
        return found
    return found


def _related(a: tuple, b: tuple) -> bool:
    """Whether one location contains the other (or they are the same)."""
    return a[: len(b)] == b or b[: len(a)] == a


def _original(loc: tuple, removed: dict[tuple, set[int]]) -> tuple:
    """A location in the data after items were set aside → the same place in the file."""
    out: list = []
    for part in loc:
        if isinstance(part, int) and tuple(out) in removed:
            gone, index, seen = removed[tuple(out)], -1, -1
            while seen < part:
                index += 1
                if index not in gone:
                    seen += 1
            part = index
        out.append(part)
    return tuple(out)


def _order(loc: tuple) -> list:
    return [(0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in loc]


def _set_aside(work: dict, cuts: list[tuple], removed: dict[tuple, set[int]], aside: list[tuple]) -> bool:
    """Remove (or stand in for) each value in error; False when one cannot be (the year, the report).

    The deepest and last first, so removing a list's item does not move the others still to go.
    A required field left out takes its container with it (the topic without its key), unless
    it has a stand-in.
    """
    for loc in sorted(set(cuts), key=_order, reverse=True):
        target = loc if loc in STAND_INS else _existing(work, loc)
        if not target or target == ("year",):
            return False
        original = _original(target, removed)
        parent = _container(work, target[:-1])
        if target in STAND_INS:
            if not isinstance(parent, dict):
                parent = work["unit"] = dict(STAND_INS[("unit",)])
            parent[target[-1]] = copy.deepcopy(STAND_INS[target])
        elif isinstance(parent, list) and isinstance(target[-1], int) and target[-1] < len(parent):
            parent.pop(target[-1])
            removed.setdefault(original[:-1], set()).add(original[-1])
        elif isinstance(parent, dict) and target[-1] in parent:
            del parent[target[-1]]
        else:
            continue  # gone already, with a container set aside in this round
        aside.append(original)
    return True


def _existing(work: Any, loc: tuple) -> tuple:
    """The longest start of `loc` that is in the data."""
    node, reached = work, ()
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            break
        reached += (part,)
    return reached


def _container(work: Any, loc: tuple) -> Any:
    node = work
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node
