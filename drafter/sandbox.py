"""The Jinja environment every Word template renders in."""

from __future__ import annotations


def sandboxed_environment():
    """Jinja with autoescape on and no way to reach Python internals from a template.

    Unlike Jinja's own sandbox, which quietly renders `{{ ''.__class__ }}` as nothing, an
    unsafe attribute raises at once; an undefined variable raises too (StrictUndefined), so a
    template that asks for something drafter does not provide fails instead of leaving a gap.
    """
    from jinja2 import StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class Sandbox(SandboxedEnvironment):
        def unsafe_undefined(self, obj, attribute):
            raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe")

    return Sandbox(autoescape=True, undefined=StrictUndefined)
