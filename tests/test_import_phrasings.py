"""The figure patterns read the phrasings real reports use besides the catalogue's: 份 and 名
where 件 and 人 are expected, the number before the noun, reversed orders, 议案."""

from __future__ import annotations

import pytest

from drafter.importing.figures import extract


def _found(sentence: str) -> dict[str, object]:
    return {f.key: f.value for f in extract(sentence).findings}


@pytest.mark.parametrize(
    "sentence, key, value",
    [
        ("全年作出等12件重大行政决策。", "major_decisions", 12),  # number before the noun
        ("党委会议专题学习习近平法治思想3次。", "thought_study_sessions", 3),  # reversed order
        ("组织2次集中学习习近平法治思想。", "thought_study_sessions", 2),
        ("办理人大代表议案5件。", "proposals_handled", 5),  # 议案
        ("办理8件政协委员提案。", "proposals_handled", 8),
        ("法制审核案件8份。", "legal_reviews", 8),  # 份
        ("向县政府备案规范性文件2份。", "normative_docs_filed", 2),
        ("开展5次执法检查。", "inspections", 5),
        ("审查15份采购合同。", "contracts_reviewed", 15),
        ("组织法治培训12场次。", "trainings", 12),  # 场次
        ("培训干部300名。", "trainees", 300),  # 名
        ("开展3次集体讨论。", "collective_discussions", 3),
        ("对4件规范性文件进行合法性审查。", "legality_reviews", 4),
    ],
)
def test_real_phrasings_are_read(sentence, key, value):
    assert _found(sentence).get(key) == value


@pytest.mark.parametrize(
    "sentence, key",
    [
        ("接受上级执法检查5次。", "inspections"),  # not the unit's own inspections
        ("制定重大行政决策程序规定。", "major_decisions"),  # no number
        ("征集群众建议。", "proposals_handled"),
        ("全年开展第3次集中学习。", "thought_study_sessions"),
    ],
)
def test_other_sentences_give_no_figure(sentence, key):
    assert key not in _found(sentence)
