"""`drafter --help` stays light: the heavy libraries load only in the commands that use them."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("docx", "docxtpl", "pydantic", "openpyxl", "rich", "questionary", "prompt_toolkit", "jinja2", "lxml", "pypinyin")


def test_cli_import_loads_no_heavy_library():
    code = (
        "import sys, drafter.cli\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_only_naming_a_custom_figure_loads_pypinyin(tmp_path):
    """pypinyin (0.1–0.2 s to load its phrases) is for the keys of new custom figures: checking and
    rendering a file with custom figures do not load it; importing a report that has some does."""
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "county-urban-management-bureau.yaml"
    report = tmp_path / "2024.txt"
    report.write_text("某某局关于2024年度法治政府建设情况的报告\n一、2024年推进法治政府建设的主要举措和成效\n"
                      "（一）普法宣传。开展送法进社区活动12场。\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from drafter.cli import run\n"
        "sys.argv = ['drafter'] + sys.argv[1:]\n"
        "try:\n"
        "    run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pypinyin' in sys.modules)\n"
    )
    runs = {
        "check": ["check", str(example)],
        "render": ["render", str(example), "-o", str(tmp_path / "d.docx")],
        "import": ["import", str(report), "-o", str(tmp_path / "a.yaml")],
    }
    loaded = {name: subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                                   check=True).stdout.split()[-1] for name, args in runs.items()}
    assert loaded == {"check": "False", "render": "False", "import": "True"}
    assert "开展送法进社区活动【songfa_jin_shequ_huodong】场" in (tmp_path / "a.yaml").read_text(encoding="utf-8")


def test_help_lists_every_command():
    out = subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True, text=True, check=True).stdout
    listed = [line.split()[0] for line in out.split("命令：")[1].splitlines() if line.strip() and line[2] != " "]
    # the order a clerk meets them in: the yearly questionnaire first
    assert listed == ["new", "import", "figures", "render", "check", "pdf", "export", "summary", "template", "schema"]


def test_a_gbk_console_gets_replacements_not_a_crash(tmp_path):
    # Old Windows consoles encode output as GBK, which has no "✖" (used by `check`).
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "check" / "lost_number.md"
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "check", str(fixture)],
        capture_output=True, env={**__import__("os").environ, "PYTHONIOENCODING": "gbk"},
    )
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1  # the lost part number is an error
    assert "缺".encode("gbk") in result.stdout or "错误".encode("gbk") in result.stdout



def test_the_composed_document_imports_no_docx_library_even_lazily():
    # The composed document is format-neutral (Markdown and HTML are made from it too):
    # the docxtpl context is built in the docx output layer, drafter.render.
    import ast
    from pathlib import Path

    source = Path(__file__).resolve().parents[1] / "drafter" / "document.py"
    imported = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.split(".")[0])
    assert not imported & {"docx", "docxtpl", "jinja2", "lxml"}


def test_loading_answers_imports_no_asyncio_and_asyncio_still_works():
    """pydantic is imported with a stand-in for asyncio (drafter.lean_pydantic): reading an answers
    file imports none of asyncio, ssl or subprocess; a later `import asyncio` is the real one,
    and the functions pydantic marked deprecated meanwhile still warn."""
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "county-urban-management-bureau.yaml"
    code = (
        "import sys, warnings\n"
        "from drafter.answers import load_answers\n"
        f"load_answers({str(example)!r})\n"
        "print(sorted(m for m in ('asyncio', 'asyncio.coroutines', 'ssl', 'subprocess') if m in sys.modules))\n"
        "import asyncio, asyncio.coroutines\n"
        "async def twice(x):\n"
        "    return 2 * x\n"
        "print(asyncio.run(twice(21)), asyncio.coroutines.iscoroutinefunction(twice), hasattr(asyncio, 'Queue'))\n"
        "from pydantic_core import core_schema\n"
        "marked = [f for f in vars(core_schema).values() if callable(f) and getattr(f, '__deprecated__', None)]\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    try:\n"
        "        marked[0]()\n"
        "    except TypeError:\n"
        "        pass\n"
        "print(bool(marked) and any(issubclass(w.category, DeprecationWarning) for w in caught))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "42 True True"
    assert out[2] == "True"


def test_asyncio_asked_for_more_than_iscoroutinefunction_is_the_real_one():
    code = (
        "import sys\n"
        "from drafter import lean_pydantic\n"
        "package, coroutines = lean_pydantic._stand_ins()\n"
        "sys.modules['asyncio'], sys.modules['asyncio.coroutines'] = package, coroutines\n"
        "import asyncio\n"
        "run = asyncio.run\n"
        "import asyncio as again\n"
        "print(run.__module__, again is not package, 'asyncio.base_events' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["asyncio.runners", "True", "True"]


def test_the_program_exits_with_its_code_and_without_collecting_its_objects(tmp_path):
    """`drafter.cli:run` (the console script, `python -m drafter`) passes click's exit code on and
    leaves the process's objects to the operating system: no garbage collection on the way out."""
    code = (
        "import gc, sys\n"
        "from drafter.cli import run\n"
        "sys.argv = ['drafter', 'check', sys.argv[1]]\n"
        "try:\n"
        "    run()\n"
        "except SystemExit as done:\n"
        "    print(done.code, gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    missing = tmp_path / "无此文件.yaml"
    result = subprocess.run([sys.executable, "-c", code, str(missing)], capture_output=True, text=True)
    assert result.stdout.split()[-3:] == ["2", "False", "True"], result.stdout + result.stderr
    assert "找不到答卷文件" in result.stdout and "Traceback" not in result.stderr
    module = subprocess.run([sys.executable, "-m", "drafter", "check", str(missing)], capture_output=True, text=True)
    assert module.returncode == 2 and "找不到答卷文件" in module.stdout


def test_drafters_models_are_built_without_reading_every_packages_metadata():
    """pydantic looks for plugins by reading every installed package's entry points (importlib.metadata,
    12 ms); drafter's models are built without (drafter.lean_pydantic). A model built afterwards
    finds pydantic's own plugin loader."""
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "county-urban-management-bureau.yaml"
    code = (
        "import sys\n"
        "from drafter.answers import load_answers\n"
        f"report = load_answers({str(example)!r}).report\n"
        "print(report.unit.name != '', 'importlib.metadata' in sys.modules, 'pydantic.plugin._loader' in sys.modules)\n"
        "from pydantic import TypeAdapter\n"
        "TypeAdapter(int).validate_python(3)\n"
        "import pydantic.plugin._loader as loader\n"
        # pydantic's own loader (not drafter's stand-in), which has read the packages' metadata
        "print(not getattr(loader, 'drafter_stand_in', False) and hasattr(loader, 'get_plugins'),"
        " 'importlib.metadata' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "True False False"
    assert out[1] == "True True"


def test_a_models_default_lists_and_mappings_are_new_for_each_report():
    # The default factories are drafter's own functions (not the builtins, whose signatures pydantic
    # reads slowly); each report still gets its own empty list and mapping.
    from pathlib import Path

    from drafter.answers import load_answers
    from drafter.model import Report

    example = Path(__file__).resolve().parents[1] / "examples" / "county-urban-management-bureau.yaml"
    data = load_answers(example).report.model_dump()
    for name in ("measures", "previous_figures"):
        del data[name]
    first, second = Report.model_validate(data), Report.model_validate(data)
    assert first.measures == [] and first.previous_figures == {}
    first.measures.append(None)
    first.previous_figures["x"] = 1
    assert second.measures == [] and second.previous_figures == {}


def test_a_one_file_render_runs_its_draft_without_garbage_collection(tmp_path):
    """`drafter render FILE` makes the process's one draft with the collector paused (drafter.collector):
    everything it builds is kept to the exit, which collects nothing either; measured, the
    collections its imports set off cost a cold render 10–25 ms."""
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "county-urban-management-bureau.yaml"
    target = tmp_path / "草稿.docx"
    code = (
        "import gc, sys\n"
        "import drafter.pipeline as pipeline\n"
        "inside, seen = [], []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and inside and seen.append(info['generation']))\n"
        "make_draft = pipeline.make_draft\n"
        "def counted(*args, **kwargs):\n"
        "    inside.append(1)\n"
        "    try:\n"
        "        return make_draft(*args, **kwargs)\n"
        "    finally:\n"
        "        inside.clear()\n"
        "pipeline.make_draft = counted\n"
        "from drafter.cli import run\n"
        f"sys.argv = ['drafter', 'render', {str(example)!r}, '-o', {str(target)!r}]\n"
        "try:\n"
        "    run()\n"
        "except SystemExit as done:\n"
        "    print(done.code, seen)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split("\n")[-2] == "0 []", result.stdout + result.stderr
    assert target.exists()
