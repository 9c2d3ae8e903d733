"""The Jinja sandbox a Word template runs in, with bounds on what one render may cost.

A template is a file the clerk (or anyone who sends one) controls. Jinja's own sandbox
stops it reaching Python internals; these bounds stop it hanging or exhausting memory:

- loop iterations: every `{% for %}` counts against one budget per render;
- size: no operation (`*`, `+`, `%`, `**`, a filter, a method call) may make a value
  larger than MAX_VALUE, and the text a template produces is at most MAX_OUTPUT characters;
- time: the render stops after MAX_SECONDS, checked at every iteration, operation and
  chunk of output;
- each render of a compiled template (a part of one report) gets the whole budget again;
- no other templates: `{% include %}`, `{% import %}` and `{% extends %}` are refused.

Passing a bound raises `TemplateLimit`, whose text is a Chinese sentence.
"""

from __future__ import annotations

import functools
import re
import time
from typing import Any, Iterable, Iterator

MAX_ITERATIONS = 200_000
MAX_VALUE = 1_000_000  # characters or items in one value a template computes
MAX_OUTPUT = 20_000_000  # characters of XML one part of the template produces
MAX_BITS = 14_000  # an integer of some 4,200 digits (Python prints at most 4,300)
MAX_SECONDS = 30.0
# a width or precision of seven digits: "%0999999999d", "%.9999999f", "{:>999999999}"
_WIDE_FORMAT = re.compile(r"%[-+ #0*]*\d{7,}|%[-+ #0]*\d*\.\d{7,}|\{[^{}]*:[^{}]*?\d{7,}")
_LOOP = "_drafter_bounded_loop"
_DICT_ATTRIBUTES = frozenset(dir(dict))  # what `getattr(a_dict, name)` finds: all else is a key


class TemplateLimit(Exception):
    """A template passed a bound of the sandbox; `str()` is the Chinese reason."""


class _Budget:
    """What one render may still spend; `start` renews it (each part of each report renders anew,
    while the environment and its compiled templates live as long as the process)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.start()

    def start(self) -> None:
        self.deadline = time.monotonic() + self.seconds
        self.iterations = 0

    def tick(self, iterations: int = 0) -> None:
        self.iterations += iterations
        if self.iterations > MAX_ITERATIONS:
            raise TemplateLimit(f"的循环次数超过上限 {MAX_ITERATIONS} 次（可能是循环套循环）")
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"渲染超过 {self.seconds:.0f} 秒仍未完成（可能有过多的循环或运算）")


def _bits(value: Any) -> int:
    """The size of an integer (floats are bounded by the hardware and overflow cleanly)."""
    return abs(value).bit_length() if isinstance(value, int) else 0


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict, set)) else 0


def _check_value(value: Any) -> Any:
    if _size(value) > MAX_VALUE:
        raise TemplateLimit(f"计算出的一个值超过 {MAX_VALUE} 个字符或项目")
    return value


def _check_numbers(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_VALUE:
            raise TemplateLimit(f"使用了过大的数（超过 {MAX_VALUE}）")


def _check_format(text: Any) -> None:
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise TemplateLimit("使用了过大的格式宽度或精度")


def sandboxed_environment(seconds: float = MAX_SECONDS):
    """Jinja with autoescape on, no way to reach Python internals, and the bounds above.

    Unlike Jinja's own sandbox, which quietly renders `{{ ''.__class__ }}` as nothing, an
    unsafe attribute raises at once; an undefined variable raises too (StrictUndefined), so a
    template that asks for something drafter does not provide fails instead of leaving a gap.
    """
    from jinja2 import BaseLoader, StrictUndefined, Template, nodes
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    budget = _Budget(seconds)

    class BoundedTemplate(Template):
        def render(self, *args, **kwargs):
            budget.start()
            return super().render(*args, **kwargs)

    class NoOtherTemplates(BaseLoader):
        def get_source(self, environment, template):
            raise TemplateLimit(f"试图用 include、import 或 extends 引用其他模板（{str(template)[:40]}），不允许")

    def bounded_loop(iterable: Any) -> Iterator[Any]:
        # what a call of it through the sandbox checked (`Sandbox.call`), as its loop starts
        budget.tick()
        _check_numbers((iterable,))
        for item in iterable:
            budget.tick(1)
            yield item

    def concat(chunks: Iterable[str]) -> str:
        # the render's deadline is set before its first chunk (BoundedTemplate.render)
        out, total, clock, deadline = [], 0, time.monotonic, budget.deadline
        append = out.append
        for chunk in chunks:
            total += len(chunk)
            if total > MAX_OUTPUT:
                raise TemplateLimit(f"生成的内容超过 {MAX_OUTPUT // 1_000_000} 百万字符")
            append(chunk)
            if clock() > deadline:  # a chunk adds no iteration: only the time is checked
                budget.tick()
        return "".join(out)

    class Sandbox(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**", "+", "%", "//"])

        def getattr(self, obj, attribute):
            # A plain dict's key (drafter's context is dicts): what Jinja's lookup gives once it
            # has found no such attribute of a dict and raised and caught the AttributeError.
            if type(obj) is dict and type(attribute) is str and attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

        def unsafe_undefined(self, obj, attribute):
            raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe")

        def _generate(self, source, name, filename, defer_init=False):
            # Only what is compiled is rewritten: `parse` (used by template check) sees the template as written.
            # Every loop draws on the render's budget, its iterable given to `bounded_loop` as a filter's
            # value: called straight (a call goes through the sandbox's checks), and no template's
            # variable can stand in for it.
            for loop in source.find_all(nodes.For):
                loop.iter = nodes.Filter(loop.iter, _LOOP, [], [], None, None, lineno=loop.lineno)
            return super()._generate(source, name, filename, defer_init)

        def call_binop(self, context, operator, left, right):
            budget.tick()
            if operator == "*":
                for sized, count in ((left, right), (right, left)):
                    if _size(sized) and isinstance(count, int) and _size(sized) * count > MAX_VALUE:
                        raise TemplateLimit(f"计算出的一个值超过 {MAX_VALUE} 个字符或项目")
                if _bits(left) + _bits(right) > MAX_BITS:
                    raise TemplateLimit("计算出的数过大")
            elif operator == "**":
                if isinstance(right, (int, float)) and abs(right) > 1 and _bits(left) * abs(right) > MAX_BITS:
                    raise TemplateLimit("计算出的数过大")
            elif operator == "+":
                if _size(left) + _size(right) > MAX_VALUE:
                    raise TemplateLimit(f"计算出的一个值超过 {MAX_VALUE} 个字符或项目")
            elif operator == "%":
                _check_format(left)
            return _check_value(super().call_binop(context, operator, left, right))

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
            budget.tick()
            _check_numbers(args)
            _check_numbers(kwargs.values())
            return _check_value(super().call(__context, __obj, *args, **kwargs))

        def wrap_str_format(self, value):
            wrapped = super().wrap_str_format(value)
            if wrapped is not None:
                _check_format(value.__self__)  # "{:>999999999}".format(1)
            return wrapped

    env = Sandbox(autoescape=True, undefined=StrictUndefined, loader=NoOtherTemplates())
    env.template_class = BoundedTemplate
    env.concat = concat
    env.globals.pop("lipsum", None)  # lipsum(1000000) builds a gigabyte of Latin
    env.filters = {name: _bounded_filter(name, f, budget) for name, f in env.filters.items()}
    env.filters[_LOOP] = bounded_loop
    return env


def _bounded_filter(name: str, function, budget: _Budget):
    """A filter whose arguments and result are bounded (center(10**9), indent, wordwrap …)."""
    passes_context = getattr(function, "jinja_pass_arg", None) is not None

    @functools.wraps(function)
    def bounded(*args, **kwargs):
        budget.tick()
        values = args[1:] if passes_context else args
        if name == "format" and values:
            _check_format(values[0])
        _check_numbers(values[1:])
        _check_numbers(kwargs.values())
        return _check_value(function(*args, **kwargs))

    return bounded
