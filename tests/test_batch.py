"""`drafter render A.yaml B.yaml … --out-dir DIR`: parallel, a bad file reported and the rest rendered."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, backup_of
from drafts import open_draft

from drafter.answers import load_report

sys.path.insert(0, str(Path(__file__).parent))
from test_pdf import fake_soffice  # noqa: E402,F401  (the stand-in LibreOffice fixture)


def _answers(tmp_path: Path) -> tuple[list[Path], list[Path]]:
    """The bundled examples plus two broken files (bad YAML; a figure that fails validation)."""
    folder = tmp_path / "answers"
    folder.mkdir()
    good = []
    for example in EXAMPLES:
        copy = folder / example.name
        shutil.copyfile(example, copy)
        good.append(copy)
    bad_yaml = folder / "坏的格式.yaml"
    bad_yaml.write_text("year: 2024\nunit: [\n", encoding="utf-8")
    bad_value = folder / "负数.yaml"
    text = EXAMPLES[0].read_text(encoding="utf-8")
    bad_value.write_text(text.replace("penalty_cases: 59", "penalty_cases: -59"), encoding="utf-8")
    assert "penalty_cases: -59" in bad_value.read_text(encoding="utf-8")
    return good, [bad_yaml, bad_value]


def _title_of(docx: Path) -> str:
    return "".join(p.text for p in open_draft(docx).paragraphs if p.style.name == "公文标题").replace("\n", "")


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_batch_renders_the_good_files_and_reports_the_bad(cli, tmp_path, jobs):
    good, bad = _answers(tmp_path)
    out = tmp_path / "drafts"
    result = cli("render", *sorted(good + bad), "--out-dir", out, "--jobs", jobs)
    assert result.exit_code == 2, result.stdout + result.stderr
    for answers in good:
        docx = out / f"{answers.stem}.docx"
        report = load_report(answers)
        assert _title_of(docx) == f"{report.unit.name}关于{report.year}年度法治政府建设情况的报告"
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.docx" for p in good)
    for broken in bad:
        assert broken.name in result.stdout
    assert "第 3 行" in result.stdout  # the YAML error names its line
    assert "不能是负数" in result.stdout  # the validation error is the usual Chinese message
    assert f"成功 {len(good)} 份，失败 {len(bad)} 份" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_batch_all_good_exits_zero_and_lists_every_file(cli, tmp_path):
    good, _ = _answers(tmp_path)
    out = tmp_path / "drafts"
    result = cli("render", *good, "--out-dir", out)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "生成结果" in result.stdout
    for answers in good:
        assert answers.name in result.stdout and (out / f"{answers.stem}.docx").is_file()


def test_batch_keeps_existing_drafts_without_force(cli, tmp_path):
    good, _ = _answers(tmp_path)
    out = tmp_path / "drafts"
    out.mkdir()
    kept = out / f"{good[0].stem}.docx"
    kept.write_bytes(b"edited by the clerk")
    result = cli("render", *good, "--out-dir", out)
    assert result.exit_code == 1
    assert kept.read_bytes() == b"edited by the clerk"
    assert "--overwrite" in result.stdout
    for answers in good[1:]:
        assert (out / f"{answers.stem}.docx").is_file()
    forced = cli("render", *good, "--out-dir", out, "--force")
    assert forced.exit_code == 0
    assert backup_of(out / f"{good[0].stem}.docx").read_bytes() == b"edited by the clerk"


def test_batch_same_name_in_two_folders_is_not_overwritten(cli, tmp_path):
    first, second = tmp_path / "a" / "2024.yaml", tmp_path / "b" / "2024.yaml"
    for path, example in ((first, EXAMPLES[0]), (second, EXAMPLES[1])):
        path.parent.mkdir()
        shutil.copyfile(example, path)
    out = tmp_path / "drafts"
    result = cli("render", first, second, first, "--out-dir", out)  # `first` twice: rendered once
    assert result.exit_code == 1
    assert "同名" in result.stdout
    assert _title_of(out / "2024.docx").startswith(load_report(first).unit.name)
    assert "共 2 份答卷" in result.stdout


def test_several_answers_without_out_dir_render_beside_each(cli, tmp_path):
    good, _ = _answers(tmp_path)
    result = cli("render", *good)
    assert result.exit_code == 0, result.stdout + result.stderr
    for answers in good:
        assert answers.with_suffix(".docx").is_file()


def test_output_option_needs_a_single_answers_file(cli, tmp_path):
    good, _ = _answers(tmp_path)
    result = cli("render", *good, "-o", tmp_path / "one.docx")
    assert result.exit_code == 2 and "--out-dir" in result.stderr
    assert not (tmp_path / "one.docx").exists()


def test_single_answers_file_keeps_its_old_behaviour(cli, tmp_path):
    result = cli("render", EXAMPLES[0], "-o", tmp_path / "d.docx")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"已生成草稿：{tmp_path / 'd.docx'}"
    again = cli("render", EXAMPLES[0], "-o", tmp_path / "d.docx")
    assert again.exit_code == 1 and "--overwrite" in again.stderr


def test_batch_pdf_for_the_rendered_drafts(cli, tmp_path, fake_soffice):
    good, bad = _answers(tmp_path)
    out = tmp_path / "drafts"
    result = cli("render", *good, *bad, "--out-dir", out, "--pdf", "--jobs", "2")
    assert result.exit_code == 2
    for answers in good:
        assert (out / f"{answers.stem}.pdf").read_bytes().startswith(b"%PDF")
    assert not list(out.glob("坏的格式.*")) and not list(out.glob("负数.*"))
    calls = fake_soffice.read_text(encoding="utf-8").splitlines()
    assert len(calls) == min(2, len(good))  # one LibreOffice per process, several drafts each


def test_batch_pdf_failure_is_reported_but_drafts_stay(cli, tmp_path, fake_soffice, monkeypatch):
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "PK")
    good, _ = _answers(tmp_path)
    out = tmp_path / "drafts"
    result = cli("render", *good, "--out-dir", out, "--pdf")
    assert result.exit_code == 1
    assert "PDF 转换失败" in result.stdout
    assert all((out / f"{answers.stem}.docx").is_file() for answers in good)


def test_render_many_api_keeps_the_input_order(tmp_path):
    from drafter.batch import render_many

    good, bad = _answers(tmp_path)
    files = [bad[0], *good, bad[1]]
    result = render_many(files, out_dir=tmp_path / "out", jobs=2)
    assert [o.answers for o in result.outcomes] == files
    assert [o.ok for o in result.outcomes] == [False] + [True] * len(good) + [False]
    assert result.exit_code == 2
    assert all(o.seconds > 0 for o in result.outcomes if o.ok)


def test_out_dir_that_is_a_file_is_refused(cli, tmp_path):
    not_a_dir = tmp_path / "drafts"
    not_a_dir.write_text("x", encoding="utf-8")
    result = cli("render", EXAMPLES[0], "--out-dir", not_a_dir)
    assert result.exit_code == 2 and "不是文件夹" in result.stderr


def test_batch_applies_the_same_check_as_a_single_render(cli, tmp_path):
    """A file `drafter render FILE` refuses (a check error) is refused in a batch too, unless --force."""
    good, _ = _answers(tmp_path)
    flawed = tmp_path / "answers" / "比率有误.yaml"
    text = EXAMPLES[0].read_text(encoding="utf-8")
    sentence = "参与上级部门拟定法规和裁量标准提出修改意见【law_drafting_comments】次。"
    assert sentence in text
    flawed.write_text(text.replace(sentence, "参与上级部门拟定法规和裁量标准提出修改意见【law_drafting_comments】次，完成率120%。"),
                      encoding="utf-8")
    single = cli("render", flawed, "-o", tmp_path / "single.docx")
    assert single.exit_code == 1  # a rate above 100% is a check error
    out = tmp_path / "drafts"
    result = cli("render", *good, flawed, "--out-dir", out)
    assert result.exit_code == 1
    assert "比率有误.yaml" in result.stdout and "120%" in result.stdout
    assert not (out / "比率有误.docx").exists()
    assert all((out / f"{answers.stem}.docx").is_file() for answers in good)
    forced = cli("render", flawed, "--out-dir", out, "--force")
    assert forced.exit_code == 0 and (out / "比率有误.docx").is_file()
    assert "已按 --ignore-check 生成" in forced.stdout


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_batch_in_chunks_fails_only_the_file_that_cannot_be_written(cli, tmp_path, jobs):
    """Workers take several files per task and write each while rendering the next: a draft
    that exists (no --overwrite) fails alone, every other file of its chunk is written."""
    folder = tmp_path / "answers"
    folder.mkdir()
    files = []
    for number in range(40):
        copy = folder / f"unit-{number:02d}.yaml"
        shutil.copyfile(EXAMPLES[number % len(EXAMPLES)], copy)
        files.append(copy)
    out = tmp_path / "drafts"
    out.mkdir()
    kept = out / "unit-17.docx"
    kept.write_bytes(b"edited by the clerk")
    result = cli("render", *files, "--out-dir", out, "--jobs", jobs)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert kept.read_bytes() == b"edited by the clerk"
    assert "成功 39 份，失败 1 份" in result.stdout
    assert "unit-17.yaml" in result.stdout
    for number in range(40):
        if number != 17:
            assert _title_of(out / f"unit-{number:02d}.docx").endswith("年度法治政府建设情况的报告")


def test_a_chunks_drafts_are_written_by_several_threads_and_reported_in_order(tmp_path, monkeypatch):
    """Writes wait on the disk (two fsyncs each): a worker's writer threads wait together, the
    outcomes keep the files' order whichever write ends first, and a write that fails fails
    its file alone."""
    import threading
    import time

    import drafter.pipeline
    from drafter.batch import _render_chunk
    from drafter.errors import WriteFailed

    real_write = drafter.pipeline.write_output
    lock, running, most = threading.Lock(), [0], [0]

    def slow_write(fmt, data, path, overwrite):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            time.sleep(0.05 if path.name.endswith("0.docx") else 0.01)  # the first file's write ends last
            if path.name == "unit-3.docx":
                raise WriteFailed(path, OSError(28, "No space left on device"))
            return real_write(fmt, data, path, overwrite)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(drafter.pipeline, "write_output", slow_write)
    jobs = [(str(EXAMPLES[number % len(EXAMPLES)]), str(tmp_path / f"unit-{number}.docx"), False, False)
            for number in range(6)]
    outcomes = _render_chunk(jobs)
    assert [o.docx for o in outcomes] == [tmp_path / f"unit-{n}.docx" if n != 3 else None for n in range(6)]
    assert [o.ok for o in outcomes] == [True, True, True, False, True, True]
    assert "unit-3.docx" in outcomes[3].error
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"unit-{n}.docx" for n in (0, 1, 2, 4, 5)]
    assert most[0] > 1  # the writes waited together


def test_the_parent_readies_a_draft_before_the_workers_fork_and_writes_nothing(tmp_path):
    """`_warm_up(sample)` makes the first file's draft in memory, so forked workers start with the
    answers model, the check and the render loaded; the sample's draft is not written."""
    import subprocess

    target = tmp_path / "drafts" / "first.docx"
    target.parent.mkdir()
    code = (
        "import sys\n"
        "from drafter.batch import _warm_up\n"
        f"_warm_up(({str(EXAMPLES[0])!r}, {str(target)!r}, False, False))\n"
        "print(sorted(m for m in ('drafter.model', 'drafter.answers', 'drafter.document', 'drafter.render', 'pydantic')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[0] == "['drafter.answers', 'drafter.document', 'drafter.model', 'drafter.render', 'pydantic']"
    assert list(target.parent.iterdir()) == []


def test_the_warm_up_runs_no_garbage_collection_and_leaves_what_it_built_frozen(tmp_path):
    """All the warm-up builds is kept (modules, catalogues, the prepared template): no collection
    scans it while it is built (a full one fell in every batch's warm-up, 20–40 ms), and afterwards
    it is frozen, so neither the parent nor a forked worker scans it again; the collector is on
    again, as before."""
    import subprocess

    target = tmp_path / "first.docx"
    code = (
        "import gc\n"
        "from drafter.batch import _warm_up\n"
        "seen = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and seen.append(info['generation']))\n"
        f"_warm_up(({str(EXAMPLES[0])!r}, {str(target)!r}, False, False))\n"
        "print(seen, gc.isenabled(), gc.get_freeze_count() > 50000, len(gc.get_objects()) < 100)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[]", "True", "True", "True"]


def test_the_collector_is_paused_inside_and_as_it_was_afterwards():
    import gc

    from drafter.collector import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not switch it on under the outer one
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left off by whoever switched it off
    finally:
        gc.enable()


def test_the_pool_hands_out_shrinking_lists_so_the_workers_finish_together():
    from drafter.pool import _groups

    items = list(range(300))
    groups = _groups(items, 16, 2)
    assert [item for group in groups for item in group] == items  # every item once, in order
    sizes = [len(group) for group in groups]
    assert max(sizes) == 16 and sizes == sorted(sizes, reverse=True)
    assert sizes[-4:] == [1, 1, 1, 1]  # the last tasks are single files
    left = len(items)
    for size in sizes:
        assert size <= max(1, left // 4)  # at most half of each of the 2 workers' share
        left -= size
    assert _groups(["a", "b"], 16, 2) == [["a"], ["b"]]
