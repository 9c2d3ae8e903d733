"""pydantic imported without asyncio, which drafter never uses.

Before Python 3.13, typing_extensions imports asyncio (and with it ssl, sockets, subprocess,
logging, concurrent.futures: 15 ms, a twentieth of a cold `drafter render`) the first time
pydantic marks a function deprecated, only to ask `asyncio.coroutines.iscoroutinefunction`.
In a process that has not imported asyncio that answer is `inspect.iscoroutinefunction`'s:
asyncio's own marker for old-style coroutines cannot be on any function yet. So while
pydantic's modules load, a stand-in `asyncio` answers that one question; anything else asked
of it imports the real asyncio and answers from there. Afterwards the stand-in is gone, and
`import asyncio` gives the real package.

Likewise pydantic looks for plugins the first time it builds a model: it imports
importlib.metadata and reads the entry points of every installed package (12 ms), to find
none that drafter wants: its answers are validated by its own models, not watched by other
programs' tools. While drafter.model builds its classes a stand-in loader answers "no plugins";
`models_built` then takes it away, and anything built later finds pydantic's own.
"""

from __future__ import annotations

import sys


_LOADER = "pydantic.plugin._loader"


def import_pydantic() -> None:
    """Import what drafter.model uses of pydantic; asyncio stays unimported, and until
    `models_built` pydantic finds no plugins without looking for them."""
    if _LOADER not in sys.modules:
        sys.modules[_LOADER] = _no_plugins()
    if "pydantic.main" in sys.modules or "asyncio" in sys.modules:
        return
    package, coroutines = _stand_ins()
    sys.modules["asyncio"], sys.modules["asyncio.coroutines"] = package, coroutines
    try:
        import pydantic  # noqa: F401
        from pydantic import BaseModel, Field, StringConstraints, ValidationError, field_validator  # noqa: F401
    finally:
        _remove(package, coroutines)


def models_built() -> None:
    """drafter.model's classes are built: pydantic's own plugin loader from now on."""
    if getattr(sys.modules.get(_LOADER), "drafter_stand_in", False):
        del sys.modules[_LOADER]


def _no_plugins():
    import types

    loader = types.ModuleType(_LOADER)
    loader.get_plugins = lambda: ()
    loader.drafter_stand_in = True
    return loader


def _stand_ins():
    import inspect
    import types

    package = types.ModuleType("asyncio")
    coroutines = types.ModuleType("asyncio.coroutines")

    def real(module_name: str):
        def attribute(name: str):
            import importlib

            _remove(package, coroutines)
            return getattr(importlib.import_module(module_name), name)

        return attribute

    coroutines.iscoroutinefunction = inspect.iscoroutinefunction
    coroutines.__getattr__ = real("asyncio.coroutines")
    package.coroutines = coroutines
    package.__getattr__ = real("asyncio")
    return package, coroutines


def _remove(package, coroutines) -> None:
    for name, module in (("asyncio", package), ("asyncio.coroutines", coroutines)):
        if sys.modules.get(name) is module:
            del sys.modules[name]
