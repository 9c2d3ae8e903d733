"""Reading real copies of a report: page chrome and broken lines (cleanup), the report year
(year). Shared by `drafter import` and `drafter check`; the patterns are templates/reading.yaml."""
