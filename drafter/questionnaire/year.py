"""Which year plain `drafter new` drafts: from the answers folder and the date, with the reason said."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .progress import progress_path


def year_of_date(today: dt.date) -> int:
    """Reports are written in the first quarter on the year just ended; from July on, the current year's."""
    return today.year - 1 if today.month <= 6 else today.year


def choose_year(folder: Path, today: dt.date) -> tuple[int, str]:
    """(year, the Chinese reason). An unfinished questionnaire of that year or the one before wins;
    otherwise the date decides."""
    folder = Path(folder)
    by_date = year_of_date(today)
    half = "上半年，起草刚结束的" if today.month <= 6 else "下半年，起草本年的"
    for year in (by_date, by_date - 1):
        if progress_path(folder, year).exists():
            return year, f"{progress_path(folder, year)} 中有未完成的 {year} 年度问卷，接着回答"
    reason = f"今天是 {today.isoformat()}，{half} {by_date} 年度报告"
    current, previous = folder / f"{by_date}.yaml", folder / f"{by_date - 1}.yaml"
    if current.exists():
        reason += f"（{current} 已存在，打开复核）"
    elif previous.exists():
        reason += f"（{previous} 是去年的答卷）"
    return by_date, reason
