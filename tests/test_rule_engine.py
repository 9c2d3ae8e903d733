"""One rule engine: the answers rules are check rules (messages in check_rules.yaml), parts ≤
total and rates are each computed once, and loading answers composes nothing."""

from __future__ import annotations

TOWN = "town-government"
# A topic left with one zero figure and no text: its figures write no sentence.
WITH_TEXT = """  - key: decisions
    items:
      - 设立镇重大事项合法性审查机构，由律师事务所为镇政府和31个村（社区）提供法律服务，镇村两级合同审查全覆盖，为镇村两级依法决策提供了有力支撑。
    figures:
      contracts_reviewed: 15"""
BARE = """  - key: decisions
    figures:
      contracts_reviewed: 0"""
BARE_MESSAGE = "所填数据也不会写成句子（如只填了 0），草稿中将只有标题"


def _bare_topic_file(tmp_path, example_text):
    source = example_text(TOWN)
    assert WITH_TEXT in source
    path = tmp_path / "answers.yaml"
    path.write_text(source.replace(WITH_TEXT, BARE), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text == "  - key: decisions")
    return path, line


def test_loading_answers_does_not_compose_but_check_and_render_warn(tmp_path, example_text, cli):
    from drafter.answers import load_answers
    from drafter.check import check_path

    path, line = _bare_topic_file(tmp_path, example_text)
    assert not any(BARE_MESSAGE in w for w in load_answers(path).warnings)
    warnings = [f.message for f in check_path(path).findings if f.rule == "answers.warning"]
    assert [w for w in warnings if BARE_MESSAGE in w and w.startswith(f"第 {line} 行")], warnings
    result = cli("render", path, "-o", tmp_path / "draft.docx")
    assert result.exit_code == 0
    assert BARE_MESSAGE in result.output and "一、主要举措和成效 › 第4项" in result.output


def test_the_questionnaire_still_shows_the_bare_topic_warning(tmp_path, example_text):
    from ruamel.yaml import YAML

    from drafter.questionnaire.flow import assemble

    path, _ = _bare_topic_file(tmp_path, example_text)
    outcome = assemble(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    assert outcome.errors == []
    assert [(loc, m) for loc, m in outcome.warnings if BARE_MESSAGE in m and loc == ("measures", 3)]


def test_answers_rules_take_their_messages_from_the_rule_file(monkeypatch):
    from drafter.check import consistency
    from drafter.check.rules import CheckRules, load_check_rules
    data = dict(load_check_rules().data)
    rules = dict(data["rules"])
    rules["answers.plans_empty"] = {"severity": "warning", "message": "安排为空（{unused}）"}
    custom = CheckRules({**data, "rules": rules})
    monkeypatch.setattr("drafter.check.rules.load_check_rules", lambda path=None: custom)
    report = _valid_report().model_copy(update={"plans": []})
    (finding,) = [f for f in consistency.check_report(report) if f.rule == "answers.plans_empty"]
    assert (finding.severity, finding.message, finding.loc) == ("warning", "安排为空（{unused}）", ("plans",))


def _valid_report():
    from pathlib import Path

    from drafter.answers import load_answers

    return load_answers(Path(__file__).resolve().parents[1] / "examples" / f"{TOWN}.yaml").report


def test_parts_above_their_total_are_found_once_from_the_catalogue():
    from drafter.catalogue import catalogue, exceeded

    (constraint,) = [c for c in catalogue().constraints if c.total == "penalty_cases" and len(c.parts) == 2]
    figures = {"penalty_cases": 59, "penalty_general": 27, "penalty_simple": 40}
    found = [(c, present, subtotal) for c, present, subtotal in exceeded(figures) if c is constraint]
    assert found == [(constraint, [("penalty_general", 27), ("penalty_simple", 40)], 67)]
    assert exceeded({"penalty_cases": 67, "penalty_general": 27, "penalty_simple": 40}) == []
    assert exceeded({"penalty_general": 27}) == []  # no total given: nothing to compare


def test_rates_are_computed_in_one_place():
    from drafter.catalogue import catalogue, rates_of

    rate = next(iter(catalogue().rates.values()))
    assert rates_of({rate.numerator: 3, rate.denominator: 4})[rate.key] == 0.75
    assert rate.key not in rates_of({rate.numerator: 3, rate.denominator: 0})  # no division by zero
    assert rate.key not in rates_of({rate.numerator: True, rate.denominator: 4})  # a yes/no flag is no count
    report = _valid_report()
    assert report.rates() == rates_of(report.figures()) and report.rates()
