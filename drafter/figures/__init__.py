"""Numbers in the text are figures (issue 11).

- `refs`: the reference syntax 【key】 and the report's free texts;
- `live`: the live figures of a report (catalogue and custom, this year and last, their sentences);
- `literals`: numbers still typed as plain text (`literal_numbers`), shared by import, check and
  the questionnaire; the data is templates/numbers.yaml.
"""
