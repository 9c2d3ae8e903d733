"""The package's shape: no import cycle among drafter's modules (imports inside functions and
under TYPE_CHECKING included), dependencies pointing one way (model → answers → compose →
outputs; check and import use them), and no module in drafter/ over 500 lines."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "drafter"
MAX_LINES = 500

# PENDING: modules another helper is splitting right now. Remove each entry when its split is
# merged; the test fails on an entry that no longer needs to be here.
PENDING_SIZE: set[str] = set()


def _modules() -> dict[str, tuple[Path, bool]]:
    """module name → (file, is a package's __init__)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_package)
    return out


def _resolve(module: str, is_package: bool, name: str | None, level: int) -> str:
    if level == 0:
        return name or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def import_graph() -> dict[str, set[str]]:
    """Each drafter module → the drafter modules it imports anywhere in its source."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, (path, is_package) in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, is_package, node.module, node.level)
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    deps.add(submodule if submodule in modules else base)
        graph[module] = {d for d in deps if d in modules and d != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_lazy_and_relative_imports(tmp_path, monkeypatch):
    package = tmp_path / "drafter"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from .sub import b\n")
    (package / "sub" / "b.py").write_text("from ..c import x\n")
    (package / "c.py").write_text("import drafter.a\n")
    (package / "d.py").write_text("from . import c\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", package)
    graph = import_graph()
    assert graph["drafter.a"] == {"drafter.sub.b"}
    assert graph["drafter.d"] == {"drafter.c"}
    assert cycles(graph) == [["drafter.a", "drafter.c", "drafter.sub.b"]]


def test_no_import_cycle():
    found = cycles(import_graph())
    assert not found, "import cycles among drafter modules: " + "; ".join(" ↔ ".join(c) for c in found)


COMPOSE = {"drafter.document", "drafter.wording"}
OUTPUTS = {"drafter.render", "drafter.docx_layout", "drafter.pdf", "drafter.export", "drafter.batch", "drafter.summary"}
READERS = {"drafter.recognise", "drafter.textsource"}
# Each module here must not reach (directly or through others) any module of the set given.
MUST_NOT_REACH = {
    "drafter.model": COMPOSE | OUTPUTS | READERS | {"drafter.answers"},
    "drafter.catalogue": COMPOSE | OUTPUTS | READERS | {"drafter.model", "drafter.answers"},
    "drafter.answers": COMPOSE | OUTPUTS | READERS,  # loading answers composes nothing
    "drafter.check.consistency": COMPOSE | OUTPUTS | READERS | {"drafter.answers"},
    "drafter.document": OUTPUTS | READERS | {"drafter.answers"},
    "drafter.wording": OUTPUTS | READERS | {"drafter.answers", "drafter.document"},
}


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for dep in graph[todo.pop()]:
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def _within(module: str, names: set[str]) -> bool:
    """The module is one of `names` or inside one of them (a package's modules)."""
    return any(module == name or module.startswith(name + ".") for name in names)


def test_dependencies_point_one_way():
    graph = import_graph()
    wrong = {m: sorted(d for d in _reach(graph, m) if _within(d, banned)) for m, banned in MUST_NOT_REACH.items()}
    assert not {m: w for m, w in wrong.items() if w}, wrong


def test_the_check_runner_is_handed_what_was_read():
    """drafter.check.runner runs rules on a text source or loaded answers; reading files and
    loading answers is drafter.check.files' job."""
    source = (PACKAGE / "check" / "runner.py").read_text(encoding="utf-8")
    names = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    names |= {a.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert not names & {"load_answers", "read_source", "read_text", "parse_yaml"}


def test_no_module_over_500_lines():
    sizes = {
        module: len(path.read_text(encoding="utf-8").splitlines()) for module, (path, _) in _modules().items()
    }
    too_long = {m: n for m, n in sizes.items() if n > MAX_LINES and m not in PENDING_SIZE}
    assert not too_long, f"modules over {MAX_LINES} lines: {too_long}"
    done = sorted(m for m in PENDING_SIZE if sizes.get(m, 0) <= MAX_LINES)
    assert not done, f"no longer over {MAX_LINES} lines, take them off PENDING_SIZE: {done}"
