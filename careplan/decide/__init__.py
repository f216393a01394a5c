"""Decide: from `Answers` to a `Plan`, with no input, output or clock of its own. Triage (the
warning signs and the tier), the choice of treatments, medicines and exercises, the stages and
the review, the therapist's page and page 1's help box. It may import the model (`answers`,
`plan`, `errors`, `words`), the content library (`content`, `rules`) and itself; never
`intake`, `render` or the command line (docs/design.md, checked by tests/test_imports.py).
"""
