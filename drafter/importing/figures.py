"""Figures out of report sentences, for `drafter import`.

Two readers, tried in this order on each sentence:

1. **drafter's own sentences**: the wording catalogue (templates/wording.yaml) read backwards.
   A sentence that a wording variant produces word for word ("全年办理行政处罚案件59件，其中…")
   gives its figures exactly, and is marked *generated*: rendering the imported figures writes
   it again, so the importer may leave it out of the item text.
2. **hand-written sentences**: the patterns of templates/import_patterns.yaml. The sentence stays
   in the text (it usually says more than the figure); the figure keeps it as its source.

Rates stated in the text are reported, never turned into figures (rates are computed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Container

from ..catalogue import catalogue
from ..datafile import load_data
from ..lazy_pattern import LazyPattern, required_words
from ..text import format_number, parse_chinese_number
from .wording_forms import match_wording

if TYPE_CHECKING:  # pragma: no cover
    from ..model import FigureValue

_PLACEHOLDER = re.compile(r"\{(n|nc|gap|pct)\}")


@dataclass
class FoundFigure:
    """One figure found in a sentence."""

    key: str
    value: FigureValue
    sentence: str
    approx: str = ""  # "余" / "多" when the text gives an approximate figure ("80余场")
    approx_text: str = ""  # the figure as written, "80余场"
    origin: str = "text"  # "wording" (drafter's own sentence), "text", "zero", "flag", "derived"
    where: tuple[Any, ...] | None = None  # where the importer put it: ("measures", i) / ("duty",)
    status: str = "extracted"  # "extracted" | "duplicate" | "dropped" | "skipped"
    note: str = ""


@dataclass
class StatedRate:
    """A rate written in the text ("出庭应诉率100%")."""

    label: str
    percent: str
    sentence: str
    key: str | None = None  # the catalogue rate it names, when it names one
    where: Any = None


@dataclass
class SentenceFigures:
    findings: list[FoundFigure] = field(default_factory=list)
    rates: list[StatedRate] = field(default_factory=list)
    previous: dict[str, Any] = field(default_factory=dict)  # recovered from a 同比 phrase
    generated: bool = False  # the sentence is one drafter writes from these figures


# ------------------------------------------------------------------ the pattern data


@dataclass(frozen=True)
class FigureRule:
    key: str
    patterns: tuple[LazyPattern, ...]
    zero: tuple[LazyPattern, ...] = ()
    flag: tuple[LazyPattern, ...] = ()
    exclude: LazyPattern | None = None
    sum: bool = False


@dataclass(frozen=True)
class ImportPatterns:
    raw: dict
    figures: tuple[FigureRule, ...]
    derive: tuple[tuple[str, tuple[str, ...]], ...]
    rates: dict[str, LazyPattern]
    any_rate: LazyPattern
    # the rules' required words grouped by their first character: (word, its rules' numbers)
    _by_first: dict[str, tuple[tuple[str, tuple[int, ...]], ...]] = field(default_factory=dict, repr=False)
    _initials: re.Pattern[str] | None = field(default=None, repr=False)  # any first character of a word
    _always: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        by_word: dict[str, list[int]] = {}
        always = []
        for i, rule in enumerate(self.figures):
            patterns = rule.patterns + rule.zero + rule.flag
            if any(not p.anchor for p in patterns):
                always.append(i)
                continue
            for word in {w for p in patterns for w in p.anchor}:
                by_word.setdefault(word, []).append(i)
        by_first: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        for word, rules in by_word.items():
            by_first.setdefault(word[0], []).append((word, tuple(rules)))
        object.__setattr__(self, "_by_first", {c: tuple(words) for c, words in by_first.items()})
        object.__setattr__(self, "_initials", re.compile("[" + "".join(map(re.escape, sorted(by_first))) + "]"))
        object.__setattr__(self, "_always", tuple(always))

    def rules_for(self, sentence: str) -> list[FigureRule]:
        """The figure rules that could find something in `sentence` (it holds a required word
        of one of their patterns), in their order. Only words beginning with one of the
        sentence's characters are looked for."""
        found = set(self._always)
        for char in set(self._initials.findall(sentence)):
            for word, rules in self._by_first[char]:
                if word in sentence:
                    found.update(rules)
        return [self.figures[i] for i in sorted(found)]


def _expand(pattern: str, placeholders: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: placeholders[m[1]], pattern)


# A placeholder holds no word every match needs: the required word is looked for in the rule
# with each placeholder as one arbitrary character (parsing the expanded pattern costs more).
_NEUTRAL = {"n": ".", "nc": ".", "gap": ".", "pct": "."}


def _lazy(pattern: str, placeholders: dict[str, str]) -> LazyPattern:
    words = required_words(_expand(pattern, _NEUTRAL))
    return LazyPattern(_expand(pattern, placeholders), anchor=words[0] if words else (), also=words[1:])


@lru_cache(maxsize=1)
def import_patterns() -> ImportPatterns:
    """templates/import_patterns.yaml, each pattern compiled when a sentence first holds its
    required word; unknown indicator keys are a programming error."""
    raw = load_data("import_patterns.yaml")
    ph = raw["placeholders"]
    known = catalogue().indicators
    rules = []
    for key, spec in raw["figures"].items():
        if key not in known:
            raise ValueError(f"import_patterns.yaml: unknown indicator {key!r}")
        rules.append(
            FigureRule(
                key=key,
                patterns=tuple(_lazy(p, ph) for p in spec.get("patterns") or ()),
                zero=tuple(_lazy(p, ph) for p in spec.get("zero") or ()),
                flag=tuple(_lazy(p, ph) for p in spec.get("flag") or ()),
                exclude=LazyPattern(spec["exclude"]) if spec.get("exclude") else None,
                sum=bool(spec.get("sum", False)),
            )
        )
    derive = tuple((d["key"], tuple(d["sum"])) for d in raw.get("derive") or ())
    rates = {key: _lazy(p, ph) for key, p in (raw.get("rates") or {}).items()}
    return ImportPatterns(
        raw=raw,
        figures=tuple(rules),
        derive=derive,
        rates=rates,
        any_rate=_lazy(raw["any_rate"], ph),
    )


# ------------------------------------------------------------------ numbers


def _number(match: re.Match) -> float | int | None:
    text = match["n"].replace(",", "")
    if len(text.partition(".")[0]) > 15:  # no figure has 16 digits (and int() refuses 4,301)
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        value: float | int = float(text) if "." in text else int(text)
    else:
        value = parse_chinese_number(text)
        if value is None:
            return None
    groups = match.groupdict()
    if groups.get("wan"):
        value = value * 10000
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    return value


def _clause_before(sentence: str, end: int) -> str:
    """The clause holding position `end`: from the last comma or stop before it."""
    start = max(sentence.rfind(c, 0, end) for c in "，,。；;：:") + 1
    return sentence[start:end]


# ------------------------------------------------------------------ hand-written sentences


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in taken)


def extract(sentence: str) -> SentenceFigures:
    """Every figure and stated rate of one sentence."""
    out = SentenceFigures()
    wording_match = match_wording(sentence)
    if wording_match is not None:
        figures, previous = wording_match
        for key, value in figures.items():
            out.findings.append(FoundFigure(key, value, sentence, origin="wording"))
        out.previous = previous
        out.generated = True
        return out
    patterns = import_patterns()
    rules = patterns.rules_for(sentence)
    counts = _read_counts(sentence, rules)
    for rule in rules:
        if rule.key in counts:
            out.findings.append(counts[rule.key])
            continue
        for regex in rule.zero:
            if regex.search(sentence):
                out.findings.append(FoundFigure(rule.key, 0, sentence, origin="zero"))
                break
        else:
            for regex in rule.flag:
                if regex.search(sentence):
                    out.findings.append(FoundFigure(rule.key, True, sentence, origin="flag"))
                    break
    # Rates as stated.
    for m in patterns.any_rate.finditer(sentence):
        label = _rate_label(m["label"])
        context = sentence[max(0, m.start() - 30) : m.end("label")]
        key = next((k for k, regex in patterns.rates.items() if regex.search(label)), None)
        if key is None and len(label) <= 3:  # "办结率": whose? the words before say (12345, 信访)
            key = next((k for k, regex in patterns.rates.items() if regex.search(context)), None)
        out.rates.append(StatedRate(label=label, percent=m["pct"] + "%", sentence=sentence, key=key))
    return out


def hand_written_counts(sentence: str, keys: Container[str]) -> list[FoundFigure]:
    """The counts of `keys` that `extract` reads in a sentence drafter did not write (for which
    `match_wording` gives None), in the rules' order. The rules after the last one naming a key
    are not tried: a rule takes only numbers no earlier rule has taken."""
    rules = import_patterns().rules_for(sentence)
    last = max((i for i, rule in enumerate(rules) if rule.key in keys), default=-1)
    return [found for key, found in _read_counts(sentence, rules[: last + 1]).items() if key in keys]


def _read_counts(sentence: str, rules: list[FigureRule]) -> dict[str, FoundFigure]:
    """The figures the rules' patterns read, by key: each number goes to the first rule that
    reads it; a rule takes its first number (all of them, added up, when it sums)."""
    taken: list[tuple[int, int]] = []
    found = {}
    for rule in rules:
        total = None
        approx = ""
        written = ""
        for regex in rule.patterns:
            for m in regex.finditer(sentence):
                span = m.span("n")
                if _overlaps(span, taken):
                    continue
                if rule.exclude is not None and rule.exclude.search(_clause_before(sentence, m.end())):
                    continue
                value = _number(m)
                if value is None:
                    continue
                taken.append(span)
                if not approx and m.groupdict().get("approx"):
                    approx = m["approx"]
                    written = sentence[m.start("n") : m.end()]
                total = value if total is None else total + value
                if not rule.sum:
                    break
            if total is not None and not rule.sum:
                break
        if total is not None:
            found[rule.key] = FoundFigure(rule.key, total, sentence, approx=approx, approx_text=written)
    return found


def _rate_label(label: str) -> str:
    """"实现出庭率" → "出庭率": a rate's name is the few characters before 率."""
    for prefix in ("全年", "实现", "均", "达到", "今年", "其中"):
        if label.startswith(prefix):
            label = label[len(prefix):]
    return label


def describe_value(key: str, value: Any, approx: str = "") -> str:
    """59 → "59件"; True → "是"."""
    indicator = catalogue().indicators[key]
    if isinstance(value, bool):
        return "是" if value else "否"
    return f"{format_number(value)}{approx}{indicator.unit}"
