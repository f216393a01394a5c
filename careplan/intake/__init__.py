"""Intake: everything that gathers a person's answers. The questionnaire and the check-in on the
terminal, the draft of an unfinished questionnaire, the answers read again from an earlier PDF,
and the answers likely to come (for the warm-up). It hands on `Answers` and nothing else. It may
import the model (`answers`, `plan`, `errors`, `words`), the content library (`content`,
`rules`), safe file writing (`files`) and itself; never `decide` or `render`, but for the
exceptions named in tests/test_imports.py (docs/design.md).
"""
