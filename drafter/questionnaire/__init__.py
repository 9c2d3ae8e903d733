"""`drafter new`: the questionnaire that drafts this year's answers from last year's.

carry.py     the reuse rules (templates/reuse.yaml) and the sources of defaults
questions.py questions built from the model's fields and the topic catalogue
prompts.py   the terminal (questionary / prompt_toolkit), injectable for tests
progress.py  the progress file: every answer saved as given, resumed after Ctrl-C
flow.py      the order of the questions and the answers → report assembly
review.py    the review table (last year, rates, 同比, flags, warnings) and jump-to-edit
command.py   the command: sources, modes (--defaults, --no-input), writing answers and draft
"""
