"""Topics stage: part 1's topics mapped to the catalogue's topics (or kept as custom topics),
each with a note of how it was chosen."""

from __future__ import annotations

import re

from .state import ImportState


def map_topics(state: ImportState) -> None:
    """Each part-1 topic to the catalogue topic its heading, text and figures score best for
    (templates/import_patterns.yaml: topics, topic_scoring), each catalogue topic used once;
    else it stays a custom topic."""
    from ..catalogue import catalogue

    cat = catalogue()
    scoring = state.raw["topic_scoring"]
    specs = state.raw["topics"]
    used: set[str] = set()
    exact = {spec.title: key for key, spec in cat.topics.items()}
    for topic in state.topics:
        title = topic.title
        if title and title in exact and exact[title] not in used:
            topic.key, topic.title = exact[title], None
            topic.how = "标题与目录专题一致"
            used.add(topic.key)
            continue
        content = "".join(f"{i.title or ''}{i.text}" for i in topic.items)
        ranked = []
        for order, (key, spec) in enumerate(specs.items()):
            heading = sum(w for p, w in (spec.get("heading") or {}).items() if title and re.search(p, title))
            words = sum(1 for p in spec.get("content") or () if re.search(p, content))
            words = min(words, scoring["content_cap"])
            figures = scoring["figure_points"] * sum(1 for k in topic.figures if k in cat.topics[key].indicators)
            eligible = heading >= scoring["heading_min"] or words + figures >= scoring["content_min"]
            if eligible:
                ranked.append((-(heading + words + figures), order, key, heading, figures))
        ranked.sort()
        choice = None
        for _, _, key, heading, figures in ranked:
            if key not in used:
                choice = (key, heading, figures)
            break
        if choice is None:
            topic.key = "custom"
            if not title:
                topic.title = state.raw["missing"]["topic_title"]
                topic.how = "未能对应目录专题，原文没有标题：请拟写标题"
                state.note(f"第一部分有一段没有标题、也未能对应目录专题，标题暂作“{topic.title}”")
            elif ranked:
                topic.how = f"对应的目录专题“{cat.topics[ranked[0][2]].title}”已被前面的专题使用，保留为自拟专题"
            else:
                topic.how = "未能对应目录专题，保留为自拟专题"
            continue
        key, heading, figures = choice
        topic.key = key
        used.add(key)
        basis = "标题" if heading >= scoring["heading_min"] else ("数据和正文" if figures else "正文")
        topic.how = f"按{basis}归入目录专题“{cat.topics[key].title}”"
        if not title:
            topic.title = None
