"""drafter: drafts the annual 法治政府建设 report from a questionnaire's answers."""

__version__ = "0.1.0"
